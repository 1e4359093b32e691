// sendCredits: a member pays another member. The amount, memo and key are checked here; the balance
// check happens inside the ledger's write transaction, so concurrent payments can never overdraw, and
// the recipient's notification is written in that same transaction.
import { type AccountBalance, type Ledger, type Transfer } from '@allmende/ledger';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { cooperativeCurrency } from './cooperative-currency';
import { ensureMemberAccount } from './ensure-member-account';
import { IdempotencyKeyReusedError, InsufficientCreditError, RecipientLimitReachedError, RecipientNotFoundError, TransferRejectedError } from './errors';
import { amountSchema, idempotencyKeySchema, parseInput } from '../shared/input';
import { amountMax, amountScale } from '../shared/rules/amount-rules';
import type { FieldProblem } from '../shared/rules/field-problems';
import { creditsReceivedNotification, insertNotificationsSql } from '../notifications/order-notifications';
import { StatementParameters } from '../orders/statement-parameters';

/** The ledger's amount failures as field problems of the amount field. */
const ledgerAmountProblems: Record<'amount_invalid' | 'amount_must_be_positive' | 'amount_scale_exceeded' | 'amount_too_large', FieldProblem> = {
  amount_invalid: { code: 'invalid_amount', params: {} },
  amount_must_be_positive: { code: 'not_positive', params: {} },
  amount_scale_exceeded: { code: 'too_many_decimals', params: { max: amountScale } },
  amount_too_large: { code: 'amount_too_large', params: { max: amountMax } },
};

export const memoLengthMaximum = 200;
export const paymentKind = 'payment';

export const sendCreditsSchema = z.object({
  recipientId: z.uuid({ message: 'not a member id' }),
  amount: amountSchema,
  memo: z
    .string()
    .trim()
    .max(memoLengthMaximum, `at most ${memoLengthMaximum} characters`)
    .refine((memo) => !/[\u0000-\u001f\u007f]/.test(memo), 'must not contain control characters'),
  idempotencyKey: idempotencyKeySchema,
});

export interface SendCreditsInput {
  recipientId: string;
  amount: string;
  memo: string;
  idempotencyKey: string;
}

export interface SendCreditsResult {
  transfer: Transfer;
  /** True when this was a retry of a transfer that already happened. */
  alreadyExisted: boolean;
  balance: AccountBalance;
}

/**
 * Sends credits from the sender to another member. Throws ValidationError, RecipientNotFoundError,
 * InsufficientCreditError, RecipientLimitReachedError, IdempotencyKeyReusedError or
 * TransferRejectedError.
 */
export async function sendCredits(
  services: { prisma: PrismaClient; ledger: Ledger },
  sender: { id: string; displayName: string },
  input: SendCreditsInput,
): Promise<SendCreditsResult> {
  const { recipientId, amount, memo, idempotencyKey } = parseInput(sendCreditsSchema, input);
  if (recipientId === sender.id) throw new ValidationError([{ field: 'recipientId', code: 'invalid', params: {}, message: 'cannot send credits to yourself' }]);
  const recipient = await services.prisma.member.findUnique({ where: { id: recipientId, status: 'admitted' }, select: { id: true, displayName: true } });
  if (!recipient) throw new RecipientNotFoundError();
  const [senderAccount, recipientAccount] = await Promise.all([
    ensureMemberAccount(services, sender),
    ensureMemberAccount(services, recipient),
  ]);
  // The payment and the recipient's notification commit together; a retry that finds the payment
  // made finds its notification written too (its dedupKey names the transfer).
  const result = await services.ledger.transaction(async (transaction) => {
    const [written] = await transaction.createTransfers([
      {
        type: 'immediate',
        // Keys are per sender, so one member's key can never collide with another's.
        idempotencyKey: `send:${sender.id}:${idempotencyKey}`,
        debitAccountId: senderAccount.id,
        creditAccountId: recipientAccount.id,
        currency: cooperativeCurrency.code,
        amount,
        kind: paymentKind,
        memo,
      },
    ]);
    if (!written) throw new Error('The ledger returned no result for the payment');
    if (written.ok && !written.alreadyExisted) {
      const parameters = new StatementParameters();
      const notification = creditsReceivedNotification({ recipientId: recipient.id, amount: written.transfer.amount, payerName: sender.displayName, dedupKey: `transfer:${written.transfer.id}` });
      await transaction.session.run(insertNotificationsSql([notification], parameters), parameters.values);
    }
    return written;
  });
  const [balance] = await services.ledger.getBalances([senderAccount.id]);
  if (!balance) throw new Error(`The account ${senderAccount.id} has no balance`);
  if (result.ok) return { transfer: result.transfer, alreadyExisted: result.alreadyExisted, balance };
  switch (result.code) {
    case 'exceeds_credit_limit':
      throw new InsufficientCreditError(balance.available.toFixed(cooperativeCurrency.scale));
    case 'exceeds_maximum_balance':
      throw new RecipientLimitReachedError();
    case 'idempotency_key_reused':
      throw new IdempotencyKeyReusedError();
    case 'amount_invalid':
    case 'amount_must_be_positive':
    case 'amount_scale_exceeded':
    case 'amount_too_large':
      throw new ValidationError([{ field: 'amount', ...ledgerAmountProblems[result.code], message: result.code }]);
    default:
      throw new TransferRejectedError(result.code);
  }
}
