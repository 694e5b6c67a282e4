-- Each resident's LINE user id packed as batches store it (16 bytes: the 32 hex digits after "U",
-- lib/delivery/recipients.ts), kept by PostgreSQL itself. Batch creation reads it from the deliverable
-- index instead of decoding a million ids per send: the statement that makes the batches of 1,000,000
-- residents took 1.17–1.21 s instead of 1.47–1.66 s (docs/benchmarks.md), and the index is 46 MB
-- instead of 63 MB. A LINE user id always matches ^U[0-9a-f]{32}$ (FACTS.md §1); any other value
-- cannot be stored.
ALTER TABLE "resident" ADD COLUMN "line_user_key" BYTEA GENERATED ALWAYS AS (decode(substr("line_user_id", 2), 'hex')) STORED;

DROP INDEX "resident_deliverable_idx";
CREATE INDEX "resident_deliverable_idx" ON "resident" ("preferred_language", "seg_pos") INCLUDE ("line_user_key") WHERE "follow_status" = 'FOLLOWING';
