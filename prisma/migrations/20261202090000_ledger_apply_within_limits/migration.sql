-- ─── Ledger: a batch inserted before its locks takes them and applies its changes in one call ──────

-- A batch whose transfers were inserted first locks its accounts (in id order) and then applies the
-- counter changes to the locked rows. As two statements sent one after the other, the locks were held
-- while the client received the first result and sent the second: with several batches in one
-- process, the event loop was often busy with another batch then, and every batch sharing an account
-- waited that long too. This function runs both statements in one call. In READ COMMITTED each
-- statement of a function takes a new snapshot, so the update sees every change committed before
-- the locks were granted and addresses the locked row versions by their ctids.
--
-- Arguments: the block of the batch, then one element per changed account: its id, the currency the
-- batch expects, and the increase of each counter (a NULL array where no change moves that counter),
-- then the holds to open (transfer ids and expiry instants). Nothing is changed unless every account
-- exists and none has taken a later block: per account, sequences must follow the order in which
-- changes are applied. An account is changed only if it is open, in the expected currency, and within
-- its limits even with all of the changes debits and none of their credits (and the reverse for the
-- maximum balance): then every order of the batch transfers is within the limits.
-- The caller compares the counts with what it sent and rolls back if any differs.
-- The function body is an E'' string with each semicolon written as \073 (see the ledger migration).
CREATE FUNCTION "ledger_apply_within_limits"(
  "block" BIGINT,
  "account_ids" UUID[],
  "currencies" TEXT[],
  "add_debits_posted" NUMERIC[],
  "add_credits_posted" NUMERIC[],
  "add_debits_pending" NUMERIC[],
  "add_credits_pending" NUMERIC[],
  "opened_ids" UUID[],
  "opened_expiry" TIMESTAMPTZ[],
  OUT "locked" INT,
  OUT "taken" INT,
  OUT "changed" INT,
  OUT "opened" INT
) LANGUAGE plpgsql AS E'
DECLARE
  row_ctids TID[]\073
BEGIN
  SELECT array_agg(l.row_ctid ORDER BY k.position), count(l.id)::int, (count(*) FILTER (WHERE l.last_sequence >= "block"))::int
    INTO row_ctids, "locked", "taken"
    FROM unnest("account_ids") WITH ORDINALITY AS k(id, position)
    LEFT JOIN (
      SELECT a.id, a.ctid AS row_ctid, a.last_sequence FROM ledger_account a
      WHERE a.id = ANY("account_ids") ORDER BY a.id FOR NO KEY UPDATE
    ) l ON l.id = k.id\073
  "changed" := 0\073
  "opened" := 0\073
  IF "locked" < coalesce(cardinality("account_ids"), 0) OR "taken" > 0 THEN
    RETURN\073
  END IF\073
  -- Only the TID scan reaches the locked rows: the planner, which cannot know that those TIDs name
  -- live rows on cached pages, would otherwise read and hash every account (see the store). JIT goes
  -- off with it: the cost of the disabled plan types would pass its threshold.
  PERFORM set_config(''enable_seqscan'', ''off'', true), set_config(''enable_indexscan'', ''off'', true),
    set_config(''enable_bitmapscan'', ''off'', true), set_config(''jit'', ''off'', true)\073
  UPDATE ledger_account AS a SET
    debits_posted = a.debits_posted + c.debits_posted,
    credits_posted = a.credits_posted + c.credits_posted,
    debits_pending = a.debits_pending + c.debits_pending,
    credits_pending = a.credits_pending + c.credits_pending,
    last_sequence = "block"
  FROM (
    SELECT u.row_ctid, u.currency_code, coalesce(u.debits_posted, 0) AS debits_posted,
      coalesce(u.credits_posted, 0) AS credits_posted, coalesce(u.debits_pending, 0) AS debits_pending,
      coalesce(u.credits_pending, 0) AS credits_pending
    FROM unnest(row_ctids, "currencies", "add_debits_posted", "add_credits_posted", "add_debits_pending", "add_credits_pending")
      AS u(row_ctid, currency_code, debits_posted, credits_posted, debits_pending, credits_pending)
  ) AS c
  WHERE a.ctid = ANY(row_ctids) AND a.ctid = c.row_ctid
    AND a.status = ''open'' AND a.currency_code = c.currency_code
    AND a.credits_posted - a.debits_posted - c.debits_posted - a.debits_pending - c.debits_pending + a.credit_limit >= 0
    AND (a.maximum_balance IS NULL
      OR a.credits_posted + c.credits_posted + a.credits_pending + c.credits_pending - a.debits_posted <= a.maximum_balance)\073
  GET DIAGNOSTICS "changed" = ROW_COUNT\073
  INSERT INTO ledger_pending_open (transfer_id, expires_at)
    SELECT o.transfer_id, o.expires_at FROM unnest("opened_ids", "opened_expiry") AS o(transfer_id, expires_at)\073
  GET DIAGNOSTICS "opened" = ROW_COUNT\073
END\073
';
