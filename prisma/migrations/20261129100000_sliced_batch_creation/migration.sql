-- Batches are created in slices of resident positions (seg_pos) while the first slices are already
-- sending (lib/delivery/prepare-run.ts). The run keeps the segment's selection as evaluated at "send"
-- and how far the slices have come.
ALTER TABLE "delivery_run"
  ADD COLUMN "selection_bits" BYTEA,
  ADD COLUMN "selection_size" INTEGER,
  ADD COLUMN "selection_dirty" INTEGER[] NOT NULL DEFAULT '{}',
  ADD COLUMN "languages" TEXT[] NOT NULL DEFAULT '{}',
  ADD COLUMN "prepare_from" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "prepare_to" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "preparing_at" TIMESTAMPTZ(3),
  ADD COLUMN "prepared_at" TIMESTAMPTZ(3);

-- Runs started before this change created all their batches at once.
UPDATE "delivery_run" SET "prepared_at" = "started_at";

-- The deliverable residents per language in position order, so a slice is an index range.
DROP INDEX "resident_deliverable_idx";
CREATE INDEX "resident_deliverable_idx" ON "resident" ("preferred_language", "seg_pos") INCLUDE ("line_user_id") WHERE "follow_status" = 'FOLLOWING';
