// Admission and the member register: the board (admins) admits or declines applicants and keeps the
// register. An applicant sees their own status and the board's reason through `me`.
import { builder } from '../builder';
import { MemberStatus } from '../../../prisma/generated/client/enums';
import { ValidationError } from '../errors';
import { admitMember, declineMember } from '../governance/admit-member';
import { ApplicationNotPendingError } from '../governance/errors';
import { listMemberRegister, memberRegisterCsv, type RegisterEntry } from '../governance/member-register';
import { pageSizeMax } from '../shared/input';
import { rowIdOf } from '../shared/global-id';
import { memberOf } from './global-id';
import { selectionOf } from './prisma-query';
import './governance-errors';

export const MemberStatusEnum = builder.enumType(MemberStatus, { name: 'MemberStatus' });

builder.prismaObjectFields('Member', (t) => ({
  status: t.expose('status', { type: MemberStatusEnum }),
  memberNumber: t.exposeInt('memberNumber', { nullable: true }),
  admittedAt: t.expose('admittedAt', { type: 'DateTime', nullable: true }),
  declineReason: t.string({
    nullable: true,
    description: 'Why the board declined the application; visible to the applicant and to admins only.',
    select: { id: true, declineReason: true },
    resolve: (member, _args, context) =>
      context.member && (context.member.id === member.id || (context.member.status === 'admitted' && context.member.roles.includes('admin')))
        ? member.declineReason
        : null,
  }),
}));

builder.queryField('membershipApplications', (t) =>
  t.prismaConnection({
    type: 'Member',
    cursor: 'id',
    description: 'Applicants waiting for admission, the oldest first. Admins only.',
    authScopes: { admin: true },
    defaultSize: 20,
    maxSize: pageSizeMax,
    resolve: (query, _root, _args, context) =>
      context.prisma.member.findMany({ ...query, where: { status: 'applicant' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  }),
);

const RegisterEntryType = builder.objectRef<RegisterEntry>('MemberRegisterEntry').implement({
  fields: (t) => ({
    memberNumber: t.exposeInt('memberNumber', { nullable: true }),
    displayName: t.exposeString('displayName'),
    status: t.field({ type: MemberStatusEnum, resolve: (entry) => entry.status }),
    admittedAt: t.expose('admittedAt', { type: 'DateTime', nullable: true }),
    appliedAt: t.expose('appliedAt', { type: 'DateTime' }),
    leftAt: t.expose('leftAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryField('memberRegister', (t) =>
  t.field({
    type: [RegisterEntryType],
    description: 'The member register: members by number, then applications. Admins only.',
    authScopes: { admin: true },
    resolve: (_root, _args, context) => listMemberRegister(context.prisma),
  }),
);

builder.queryField('memberRegisterCsv', (t) =>
  t.string({
    description: 'The member register as CSV (RFC 4180). Admins only.',
    authScopes: { admin: true },
    resolve: async (_root, _args, context) => memberRegisterCsv(await listMemberRegister(context.prisma)),
  }),
);

function applicantIdOf(id: string | number): string {
  const rowId = rowIdOf(String(id), ['Member']);
  if (!rowId) throw new ApplicationNotPendingError('unknown');
  return rowId;
}

builder.mutationField('admitMember', (t) =>
  t.prismaField({
    type: 'Member',
    description: 'Admits an applicant and gives the next member number. Admins only.',
    authScopes: { admin: true },
    args: { memberId: t.arg.id({ required: true }) },
    errors: { types: [ApplicationNotPendingError] },
    resolve: async (query, _root, args, context) => {
      const admitted = await admitMember(context.prisma, memberOf(context), applicantIdOf(args.memberId));
      return context.prisma.member.findUniqueOrThrow({ ...selectionOf(query), where: { id: admitted.id } });
    },
  }),
);

builder.mutationField('declineMember', (t) =>
  t.prismaField({
    type: 'Member',
    description: 'Declines an application with a reason the applicant is shown. Admins only.',
    authScopes: { admin: true },
    args: { memberId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, ApplicationNotPendingError] },
    resolve: async (query, _root, args, context) => {
      const declined = await declineMember(context.prisma, memberOf(context), applicantIdOf(args.memberId), { reason: args.reason });
      return context.prisma.member.findUniqueOrThrow({ ...selectionOf(query), where: { id: declined.id } });
    },
  }),
);
