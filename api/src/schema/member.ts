import { builder } from '../builder';
import { Role } from '../../../prisma/generated/client/enums';
import { registerMember, registerSchema } from '../members/register-member';
import { authenticateMember, credentialsSchema } from '../members/authenticate-member';
import { revokeAllSessions } from '../members/sessions';
import { formerMemberNameIn } from '../my-data/former-member-name';
import { EmailTakenError, InvalidCredentialsError, ValidationError, WeakPasswordError } from '../errors';

export const RoleEnum = builder.enumType(Role, { name: 'Role' });

export const MemberType = builder.prismaNode('Member', {
  id: { field: 'id' },
  // Load only what the selected fields need: never the password hash, not the whole row per producer.
  select: { id: true },
  fields: (t) => ({
    displayName: t.string({
      description: 'A member who left is shown under a pseudonym ("Former member 12") in the reader\'s language.',
      select: { displayName: true, status: true, memberNumber: true },
      // Only a left member's name depends on the reader. Public listings never show one (their offers
      // are archived), so the viewer is read only where a session was resolved.
      resolve: (member, _args, context) =>
        member.status === 'left' ? formerMemberNameIn(context.member?.locale, member.memberNumber) : member.displayName,
    }),
    email: t.string({
      nullable: true,
      description: 'Visible to the member and to admins only.',
      select: { email: true },
      resolve: (member, _args, context) =>
        context.member && (context.member.id === member.id || context.member.roles.includes('admin')) ? member.email : null,
    }),
    roles: t.field({ type: [RoleEnum], select: { roles: true }, resolve: (member) => member.roles }),
    locale: t.string({
      nullable: true,
      description: '"de" or "en", the language of e-mails; visible to the member and to admins only.',
      select: { locale: true },
      resolve: (member, _args, context) =>
        context.member && (context.member.id === member.id || context.member.roles.includes('admin')) ? member.locale : null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'Member',
    nullable: true,
    description: 'The logged-in member, or null.',
    resolve: (query, _root, _args, context) =>
      context.member ? context.prisma.member.findUnique({ ...query, where: { id: context.member.id } }) : null,
  }),
);

// Inputs are checked at the GraphQL boundary with the same zod schemas the use cases apply.
const RegisterInput = builder.inputType('RegisterInput', {
  validate: registerSchema,
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    displayName: t.string({ required: true }),
    locale: t.string({ required: false, description: '"de" (default) or "en".' }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  validate: credentialsSchema,
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

builder.mutationField('register', (t) =>
  t.field({
    type: MemberType,
    description: 'Creates a member account and logs it in.',
    args: { input: t.arg({ type: RegisterInput, required: true }) },
    errors: { types: [ValidationError, EmailTakenError, WeakPasswordError] },
    resolve: async (_root, { input }, context) => {
      const member = await registerMember(context.prisma, { ...input, locale: input.locale ?? undefined });
      await context.logIn(member);
      return member;
    },
  }),
);

builder.mutationField('login', (t) =>
  t.field({
    type: MemberType,
    args: { input: t.arg({ type: LoginInput, required: true }) },
    errors: { types: [ValidationError, InvalidCredentialsError] },
    resolve: async (_root, { input }, context) => {
      const member = await authenticateMember(context.prisma, input);
      await context.logIn(member);
      return member;
    },
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends the current session. True when a session was ended.',
    resolve: async (_root, _args, context) => {
      const hadSession = context.sessionId !== null;
      await context.logOut();
      return hadSession;
    },
  }),
);

builder.mutationField('logoutEverywhere', (t) =>
  t.withAuth({ signedIn: true }).int({
    description: 'Ends every session of the logged-in member, on all devices. Returns how many were ended.',
    resolve: async (_root, _args, context) => {
      const count = await revokeAllSessions(context.prisma, context.member.id);
      await context.logOut();
      return count;
    },
  }),
);

builder.queryField('members', (t) =>
  t.prismaConnection({
    type: 'Member',
    cursor: 'id',
    description: 'All members, by name. Admins only.',
    authScopes: { admin: true },
    defaultSize: 50,
    maxSize: 100,
    resolve: (query, _root, _args, context) =>
      context.prisma.member.findMany({ ...query, orderBy: [{ displayName: 'asc' }, { id: 'asc' }] }),
  }),
);
