// A busy ledger for export tests: thousands of transfers of every kind (payments, holds posted in full
// and in part, voided and expired holds, linked escrow chains with contributions to the fund, partial
// and full reversals), written in batches by a ledger whose clock walks through the given days, so
// they spread over several months. Reproducible: the same seed gives the same history.
import { Decimal, type Ledger, type TransferBatchItem } from '@allmende/ledger';

export interface BusyLedgerOptions {
  currency: string;
  /** First instant of the history. */
  start: Date;
  /** Rounds of one batch each; the clock moves `stepMs` (give or take) between rounds. */
  rounds: number;
  stepMs: number;
  seed?: number;
}

export type TransferCounts = Record<'immediate' | 'pending' | 'post' | 'void' | 'reversal', number>;

function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes the history with `ledger` (whose clock reads `clock.now`) and returns how many transfers of
 * each type were written. The members are created first, at `start`.
 */
export async function buildBusyLedger(ledger: Ledger, clock: { now: Date }, options: BusyLedgerOptions): Promise<TransferCounts> {
  const random = randomSource(options.seed ?? 20261101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const amount = (max: number) => (0.01 + Math.floor(random() * max * 100) / 100).toFixed(2);
  const { currency } = options;
  clock.now = options.start;
  const fund = (await ledger.findAccountByCode(currency, 'fund'))!;
  const escrow = (await ledger.findAccountByCode(currency, 'escrow'))!;
  const members: string[] = [];
  for (let index = 0; index < 40; index += 1) {
    const result = await ledger.createAccount({ currency, type: 'member', code: `member-busy-${index}`, name: `Busy ${index}`, creditLimit: '5000.00' });
    if (!result.ok) throw new Error(result.code);
    members.push(result.account.id);
  }
  const solidarity = await ledger.createAccount({ currency, type: 'system', code: 'solidarity', name: 'Solidarity', creditLimit: '0' });
  if (!solidarity.ok) throw new Error(solidarity.code);

  const counts: TransferCounts = { immediate: 0, pending: 0, post: 0, void: 0, reversal: 0 };
  let keyCount = 0;
  const key = () => `busy-${options.seed ?? 0}-${(keyCount += 1)}`;
  const openHolds: string[] = [];
  const reversible: string[] = [];
  const pair = (): [string, string] => {
    const buyer = pick(members);
    let seller = pick(members);
    while (seller === buyer) seller = pick(members);
    return [buyer, seller];
  };
  for (let round = 0; round < options.rounds; round += 1) {
    clock.now = new Date(clock.now.getTime() + Math.floor(options.stepMs * (0.5 + random())));
    const items: TransferBatchItem[] = [];
    const holdsResolved = new Set<string>();
    for (let index = 0; index < 40; index += 1) {
      const [buyer, seller] = pair();
      items.push({ type: 'immediate', idempotencyKey: key(), debitAccountId: buyer, creditAccountId: seller, currency, amount: amount(40), kind: 'payment', memo: pick(['Brot', 'Äpfel, 2 kg', 'Reparatur "Fahrrad"', '']), reference: random() < 0.5 ? `order-${round}-${index}` : null });
    }
    for (let index = 0; index < 20; index += 1) {
      const [buyer] = pair();
      items.push({ type: 'pending', idempotencyKey: key(), debitAccountId: buyer, creditAccountId: escrow.id, currency, amount: amount(30), kind: 'escrow', timeoutSeconds: random() < 0.2 ? 3 * 60 * 60 : 30 * 24 * 60 * 60 });
    }
    for (let index = 0; index < 12 && openHolds.length > 0; index += 1) {
      const pendingId = openHolds.splice(Math.floor(random() * openHolds.length), 1)[0]!;
      if (holdsResolved.has(pendingId)) continue;
      holdsResolved.add(pendingId);
      const choice = random();
      if (choice < 0.4) items.push({ type: 'post', idempotencyKey: key(), pendingId });
      else if (choice < 0.75) items.push({ type: 'post', idempotencyKey: key(), pendingId, amount: '0.01' });
      else items.push({ type: 'void', idempotencyKey: key(), pendingId });
    }
    for (let index = 0; index < 4; index += 1) {
      // An order paid through escrow: buyer to escrow, escrow to seller, the contribution to the fund.
      const [buyer, seller] = pair();
      const price = new Decimal(amount(60));
      const contribution = price.times(0.05).toDecimalPlaces(2);
      items.push(
        { type: 'immediate', idempotencyKey: key(), debitAccountId: buyer, creditAccountId: escrow.id, currency, amount: price.toFixed(2), kind: 'escrow', linked: true },
        { type: 'immediate', idempotencyKey: key(), debitAccountId: escrow.id, creditAccountId: seller, currency, amount: price.minus(contribution).toFixed(2), kind: 'payment', linked: true },
        { type: 'immediate', idempotencyKey: key(), debitAccountId: escrow.id, creditAccountId: fund.id, currency, amount: contribution.toFixed(2), kind: 'contribution' },
      );
    }
    for (let index = 0; index < 6 && reversible.length > 0; index += 1) {
      items.push({ type: 'reversal', idempotencyKey: key(), transferId: pick(reversible), amount: random() < 0.5 ? undefined : '0.01' });
    }
    if (random() < 0.3) items.push({ type: 'immediate', idempotencyKey: key(), debitAccountId: fund.id, creditAccountId: solidarity.account.id, currency, amount: '0.05', kind: 'surplus' });
    const results = await ledger.createTransfers(items);
    for (const result of results) {
      if (!result.ok || result.alreadyExisted) continue;
      counts[result.transfer.type] += 1;
      if (result.transfer.type === 'pending') openHolds.push(result.transfer.id);
      if ((result.transfer.type === 'immediate' || result.transfer.type === 'post') && random() < 0.2) reversible.push(result.transfer.id);
    }
    const expired = await ledger.voidExpiredPendingTransfers(clock.now);
    counts.void += expired.voided ?? 0;
  }
  return counts;
}
