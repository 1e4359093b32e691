// readJournal: the ledger's journal for accountants, with filters (a member's or any account, kind,
// type, an order by its number or any reference, a period, an amount range) and cursor paging,
// newest or oldest first. Bad filters are a ValidationError naming the field; nothing is guessed.
import { type Ledger, TRANSFER_TYPES } from '@allmende/ledger';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { isUuid, rowIdOf } from '../shared/global-id';
import { amountSchema, parseInput } from '../shared/input';
import { compareAmounts } from '../shared/rules/amount-rules';
import { problem } from '../shared/rules/field-problems';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { findMemberAccount } from '../wallet/ensure-member-account';
import { type AuditTransferLine, describeTransfers } from './audit-transfers';

export const journalPageDefault = 50;
export const journalPageMaximum = 200;

const idOf = (typenames: string[]) =>
  z
    .string()
    .trim()
    .transform((value, context) => {
      const id = isUuid(value) ? value.toLowerCase() : rowIdOf(value, typenames);
      if (id === null) {
        context.addIssue({ code: 'custom', ...problem('invalid') });
        return z.NEVER;
      }
      return id;
    });

export const journalInputSchema = z
  .object({
    memberId: idOf(['Member']).nullish(),
    accountId: idOf([]).nullish(),
    kind: z.string().trim().min(1).max(40).nullish(),
    type: z.enum(TRANSFER_TYPES).nullish(),
    orderNumber: z.number().int().min(1).max(2_147_483_647).nullish(),
    reference: z.string().trim().min(1).max(200).nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
    amountMinimum: amountSchema.nullish(),
    amountMaximum: amountSchema.nullish(),
    order: z.enum(['desc', 'asc']).default('desc'),
    first: z.number().int().min(1).max(journalPageMaximum).default(journalPageDefault),
    after: z.string().max(200).nullish(),
  })
  .refine((input) => !input.from || !input.to || input.from < input.to, { path: ['to'], ...problem('invalid_date', {}, 'must be after from') })
  .refine((input) => !input.amountMinimum || !input.amountMaximum || compareAmounts(input.amountMinimum, input.amountMaximum) <= 0, {
    path: ['amountMaximum'],
    ...problem('too_small', {}, 'must not be below the minimum'),
  });

export type JournalInput = z.input<typeof journalInputSchema>;

export interface JournalPage {
  entries: AuditTransferLine[];
  nextCursor: string | null;
}

const empty: JournalPage = { entries: [], nextCursor: null };

export async function readJournal(services: { prisma: PrismaClient; ledger: Ledger }, input: JournalInput): Promise<JournalPage> {
  const filter = parseInput(journalInputSchema, input);
  let accountId = filter.accountId ?? null;
  if (filter.memberId) {
    const account = await findMemberAccount(services.ledger, filter.memberId);
    // A member without an account has no transfers; with an account filter too, both must match.
    if (!account || (accountId !== null && accountId !== account.id)) return empty;
    accountId = account.id;
  }
  let reference = filter.reference ?? null;
  if (filter.orderNumber) {
    const order = await services.prisma.order.findFirst({ where: { number: filter.orderNumber }, select: { id: true } });
    if (!order || (reference !== null && reference !== order.id)) return empty;
    reference = order.id;
  }
  const result = await services.ledger.listJournal({
    currency: cooperativeCurrency.code,
    accountId,
    kind: filter.kind ?? null,
    type: filter.type ?? null,
    reference,
    from: filter.from ?? null,
    to: filter.to ?? null,
    amountMinimum: filter.amountMinimum ?? null,
    amountMaximum: filter.amountMaximum ?? null,
    order: filter.order,
    limit: filter.first,
    cursor: filter.after ?? null,
  });
  if (!result.ok) {
    // The input was checked above, so only the cursor can be refused here.
    throw new ValidationError([{ field: 'after', message: `The ledger refused the page: ${result.code}`, code: 'invalid', params: {} }]);
  }
  return { entries: await describeTransfers(services, result.transfers), nextCursor: result.nextCursor };
}
