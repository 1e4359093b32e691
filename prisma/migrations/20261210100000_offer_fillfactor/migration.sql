-- Offer pages keep a tenth of their space free, so that a change of columns no index holds (stock
-- at checkout and cancellation, ratings) writes the new row version on the same page (a HOT update):
-- a version on another page needs new entries in every index of the table, the search index's one
-- per word among them. Pages written before keep what they hold until they are rewritten.
ALTER TABLE "Offer" SET (fillfactor = 90);
