// verifyLedger: checks the whole ledger in one snapshot and returns the first broken item, checking
// in this order: (1) debits equal credits per currency, posted and pending; (2) every account's
// cached counters equal a replay of its transfers; (3) the open-pending bookkeeping equals the
// unresolved holds; (4) no transfer ever took an account beyond the limits in force when it was
// written, and every transfer is well formed; (5) the hash chain. verifyReferences (its own use case)
// checks what the missing foreign keys would have checked, and more.
import { countersEqual } from '../domain/account';
import { type AccountLimitsChange, BalanceReplay, type ReplayViolation } from '../domain/balance-replay';
import { type LedgerStoreReader } from '../store';
import { type LedgerContext } from './context';
import { type ChainProblem, verifyChainWith } from './verify-chain';

export type LedgerProblem =
  | { check: 'zero_sum'; currency: string; message: string }
  | { check: 'cached_balance'; accountId: string; message: string }
  | { check: 'open_pending'; transferId: string; message: string }
  | { check: 'limits'; violation: ReplayViolation; message: string }
  | { check: 'chain'; chain: ChainProblem; message: string };

export type LedgerVerification =
  | { ok: true; summary: { currencies: number; accounts: number; transfers: number; blocks: number; unsealedTransfers: number } }
  | { ok: false; problem: LedgerProblem };

const PAGE = 5_000;

export function verifyLedger(context: LedgerContext): Promise<LedgerVerification> {
  return context.store.snapshot((reader) => verifyLedgerWith(reader));
}

async function verifyLedgerWith(reader: LedgerStoreReader): Promise<LedgerVerification> {
  const sums = await reader.sumCountersByCurrency();
  for (const { currency, counters } of sums) {
    if (!counters.debitsPosted.eq(counters.creditsPosted) || !counters.debitsPending.eq(counters.creditsPending)) {
      return {
        ok: false,
        problem: {
          check: 'zero_sum',
          currency,
          message: `Balances of ${currency} do not sum to zero: posted debits ${counters.debitsPosted.toFixed()} vs credits ${counters.creditsPosted.toFixed()}, pending debits ${counters.debitsPending.toFixed()} vs credits ${counters.creditsPending.toFixed()}`,
        },
      };
    }
  }

  const { replay, firstViolation, transfers } = await replayAll(reader);

  let accounts = 0;
  for (let afterId: string | null = null; ; ) {
    const page = await reader.listAccounts({ currency: null, afterId, limit: PAGE });
    for (const account of page) {
      accounts += 1;
      if (!countersEqual(account, replay.countersOf(account.id))) {
        const replayed = replay.countersOf(account.id);
        return {
          ok: false,
          problem: {
            check: 'cached_balance',
            accountId: account.id,
            message: `Account ${account.id} caches posted ${account.debitsPosted.toFixed()}/${account.creditsPosted.toFixed()} and pending ${account.debitsPending.toFixed()}/${account.creditsPending.toFixed()} (debits/credits) but its transfers give ${replayed.debitsPosted.toFixed()}/${replayed.creditsPosted.toFixed()} and ${replayed.debitsPending.toFixed()}/${replayed.creditsPending.toFixed()}`,
          },
        };
      }
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }

  const openProblem = await compareOpenPendings(reader, new Set(replay.openPendingIds()));
  if (openProblem) return { ok: false, problem: openProblem };

  if (firstViolation) {
    return {
      ok: false,
      problem: {
        check: 'limits',
        violation: firstViolation,
        message: `Transfer ${firstViolation.transferId} (sequence ${firstViolation.sequence}) broke ${firstViolation.kind} on account ${firstViolation.accountId}`,
      },
    };
  }

  const chain = await verifyChainWith(reader);
  if (!chain.ok) return { ok: false, problem: { check: 'chain', chain: chain.problem, message: chain.problem.message } };
  return {
    ok: true,
    summary: { currencies: sums.length, accounts, transfers, blocks: chain.blocks, unsealedTransfers: transfers - chain.transfers },
  };
}

/** Replays every transfer in sequence order, applying each limit change at its place in that order. */
async function replayAll(reader: LedgerStoreReader): Promise<{ replay: BalanceReplay; firstViolation: ReplayViolation | null; transfers: number }> {
  const limitChanges: AccountLimitsChange[] = [];
  for (let afterSequence = 0n; ; ) {
    const page = await reader.listAccountLimitsChanges({ afterSequence, limit: PAGE });
    limitChanges.push(...page);
    if (page.length < PAGE) break;
    afterSequence = page[page.length - 1]!.sequence;
  }

  const scales = new Map((await reader.listCurrencies()).map((currency) => [currency.code, currency.scale]));
  const replay = new BalanceReplay(scales);
  let firstViolation: ReplayViolation | null = null;
  let nextLimit = 0;
  let transfers = 0;
  for (let afterSequence = 0n; ; ) {
    const page = await reader.listTransfers({ afterSequence, limit: PAGE });
    for (const transfer of page) {
      while (nextLimit < limitChanges.length && limitChanges[nextLimit]!.sequence < transfer.sequence) {
        replay.applyLimits(limitChanges[nextLimit]!);
        nextLimit += 1;
      }
      const violation = replay.applyTransfer(transfer);
      if (violation && !firstViolation) firstViolation = violation;
      transfers += 1;
    }
    if (page.length < PAGE) break;
    afterSequence = page[page.length - 1]!.sequence;
  }
  return { replay, firstViolation, transfers };
}

async function compareOpenPendings(reader: LedgerStoreReader, expected: Set<string>): Promise<LedgerProblem | null> {
  const seen = new Set<string>();
  for (let afterId: string | null = null; ; ) {
    const page = await reader.listOpenPendingIds({ afterId, limit: PAGE });
    for (const id of page) {
      if (!expected.has(id)) return { check: 'open_pending', transferId: id, message: `Transfer ${id} is listed as an open hold but is not an unresolved pending transfer` };
      seen.add(id);
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!;
  }
  for (const id of expected) {
    if (!seen.has(id)) return { check: 'open_pending', transferId: id, message: `Pending transfer ${id} is unresolved but missing from the open holds` };
  }
  return null;
}
