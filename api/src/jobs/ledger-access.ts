// The ledger the ledger jobs work on: one per Prisma client, on that client's connections, built on
// first use and kept for the life of the process, so its currency cache and coalescer are shared by
// every run instead of rebuilt.
import { createLedger, createSqlLedgerStore, type Ledger } from '@allmende/ledger';
import { type PrismaClient, sqlDriverOf } from '../db/client';

const ledgers = new WeakMap<PrismaClient, Ledger>();

export function ledgerFor(prisma: PrismaClient): Ledger {
  let ledger = ledgers.get(prisma);
  if (!ledger) {
    ledger = createLedger({ store: createSqlLedgerStore(sqlDriverOf(prisma)) });
    ledgers.set(prisma, ledger);
  }
  return ledger;
}
