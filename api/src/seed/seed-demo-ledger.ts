// The demo cooperative's ledger: an account for every demo member and a few weeks of payments
// between them, so the wallet shows a history on first start. The ledger checks every payment
// against the payer's credit limit; a payment it refuses is simply left out.
import { createLedger, createSqlLedgerStore, Decimal } from '@allmende/ledger';
import type { Database } from '../db/client';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { ensureCooperativeLedger } from '../wallet/ensure-cooperative-ledger';
import { ensureMemberAccount } from '../wallet/ensure-member-account';
import { paymentKind } from '../wallet/send-credits';
import { demoEmail, demoMembers } from './demo-data';

export const demoPaymentCount = 40;
const historyDays = 42;
/** Demo members spend at most this far below zero, so everyone can still try paying on first start. */
const demoSpendingFloor = new Decimal('-60.00');
const dayMs = 86_400_000;

/** Help that producers pay other members for, with its price in Taler. */
const memberServices: [memo: string, amount: string][] = [
  ['Erntehilfe, 3 Stunden', '30.00'],
  ['Mithilfe beim Hoffest', '20.00'],
  ['Marktstand betreut', '25.00'],
  ['Flyer für den Hofladen verteilt', '12.50'],
  ['Lieferung mit dem Auto übernommen', '15.00'],
];

/** A small deterministic generator, so every fresh demo has the same history. */
function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Writes the demo accounts and payments. Idempotent: the accounts are found by their codes, and the
 * payments are written only when none of their fixed keys is in the ledger yet (a payment the ledger
 * refused leaves no key behind, so a rerun could otherwise book it on other balances).
 */
export async function seedDemoLedger(database: Pick<Database, 'prisma' | 'sqlDriver'>, now = new Date()): Promise<number> {
  const { prisma } = database;
  let clock = new Date(now.getTime() - historyDays * dayMs);
  // A ledger of its own whose clock walks through the demo's history; it lives only while seeding.
  const ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver), clock: () => clock });
  await ensureCooperativeLedger(ledger);

  const members = await prisma.member.findMany({
    where: { email: { in: demoMembers.map((member) => demoEmail(member.key)) } },
    select: { id: true, email: true, displayName: true },
  });
  const accountByKey = new Map<string, string>();
  for (const demoMember of demoMembers) {
    const member = members.find((candidate) => candidate.email === demoEmail(demoMember.key));
    if (!member) continue;
    accountByKey.set(demoMember.key, (await ensureMemberAccount({ ledger, prisma }, member)).id);
  }
  const producers = demoMembers.filter((member) => member.offers?.length && accountByKey.has(member.key));
  const everyone = demoMembers.filter((member) => accountByKey.has(member.key));
  // Members without offers buy most, so their wallets show a history too.
  const consumers = everyone.filter((member) => !member.offers?.length);
  if (producers.length === 0 || everyone.length < 2) return 0;

  const paymentKey = (index: number) => `demo:payment:${index}`;
  for (let index = 0; index < demoPaymentCount; index += 1) {
    if (await ledger.findTransferByIdempotencyKey(paymentKey(index))) return 0;
  }

  const random = pseudoRandom(20_261_124);
  const balances = new Map<string, Decimal>(everyone.map((member) => [member.key, new Decimal(0)]));
  let written = 0;
  for (let index = 0; index < demoPaymentCount; index += 1) {
    // Spread over the window in order, a few hours apart at random.
    clock = new Date(now.getTime() - historyDays * dayMs + ((index + random()) / demoPaymentCount) * (historyDays - 1) * dayMs);
    const producer = pick(producers, random);
    let payer: string;
    let payee: string;
    let memo: string;
    let amount: Decimal;
    if (index % 4 === 3) {
      // A producer pays another member for help.
      const [service, price] = pick(memberServices, random);
      payer = producer.key;
      payee = pick(consumers.length ? consumers : everyone.filter((member) => member.key !== producer.key), random).key;
      memo = service;
      amount = new Decimal(price);
    } else {
      const [title, , , , price] = pick(producer.offers!, random);
      const quantity = 1 + Math.floor(random() * 3);
      const buyers = consumers.length && random() < 0.7 ? consumers : everyone.filter((member) => member.key !== producer.key);
      payer = pick(buyers, random).key;
      payee = producer.key;
      memo = quantity === 1 ? title : `${quantity} × ${title}`;
      amount = new Decimal(price).times(quantity);
    }
    if (balances.get(payer)!.minus(amount).lessThan(demoSpendingFloor)) continue;
    const result = await ledger.createTransfers([
      {
        type: 'immediate',
        idempotencyKey: paymentKey(index),
        debitAccountId: accountByKey.get(payer)!,
        creditAccountId: accountByKey.get(payee)!,
        currency: cooperativeCurrency.code,
        amount: amount.toFixed(cooperativeCurrency.scale),
        kind: paymentKind,
        memo,
      },
    ]);
    if (!result[0]?.ok) continue;
    balances.set(payer, balances.get(payer)!.minus(amount));
    balances.set(payee, balances.get(payee)!.plus(amount));
    written += 1;
  }
  return written;
}
