-- Lanes claim the next batches of a run in seq order per status (lib/delivery/send-lane.ts CLAIM_SQL):
-- an index range on (run, status) in seq order that stops after a claim's worth of rows, instead of
-- reading and sorting every open batch of the run on every claim. The same (run, status) ranges serve
-- the other lookups the old index served (open batches, stalled runs).
DROP INDEX "delivery_batch_run_id_status_next_attempt_at_idx";
CREATE INDEX "delivery_batch_run_id_status_seq_idx" ON "delivery_batch"("run_id", "status", "seq");
