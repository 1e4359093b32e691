-- Pages of one currency's accounts in id order read this index alone, whatever the planner's
-- estimates of the currency index say (a surplus run reads every member account this way).
CREATE INDEX "ledger_account_currency_code_id_idx" ON "ledger_account"("currency_code", "id");
