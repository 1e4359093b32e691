-- ─── Ledger: cheaper writes, and transfers inserted before the account locks ────────────────────

-- Idempotency keys are opaque client strings: compared byte by byte, the unique index needs no
-- locale-aware comparison on every insert and lookup.
ALTER TABLE "ledger_transfer" ALTER COLUMN "idempotency_key" TYPE TEXT COLLATE "C";

-- Every batch rewrites the counters of the accounts it touches. Free space on each page lets the new
-- row version stay on the same page (a HOT update), so the account indexes need no new entry.
ALTER TABLE "ledger_account" SET (fillfactor = 50);

-- Sequences are handed out in blocks: one nextval reserves 8,192 numbers, and a batch's transfers
-- take block + position (a batch holds at most 8,190). A batch therefore knows its sequences before
-- it inserts, and the sequences of two batches never interleave.
ALTER SEQUENCE "ledger_transfer_sequence_seq" INCREMENT BY 8192;

-- The block of the last batch (or limit change) applied to the account, set under its row lock.
-- A batch may apply its counter changes only while this is below its own block, so that per account
-- the order of sequences is the order in which changes were applied, also for batches that inserted
-- their transfers before taking the locks.
ALTER TABLE "ledger_account" ADD COLUMN "last_sequence" BIGINT NOT NULL DEFAULT 0;
