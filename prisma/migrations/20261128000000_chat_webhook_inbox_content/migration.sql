-- The chat: webhook events, outbound messages, pending conversation steps (lib/webhook), the
-- 相談窓口 inbox (lib/inbox), auto-replies, Flex templates and rich menus (lib/auto-replies, lib/rich-menus).
-- CreateEnum
CREATE TYPE "auto_reply_match" AS ENUM ('EXACT', 'CONTAINS', 'REGEX');

-- CreateEnum
CREATE TYPE "rich_menu_audience" AS ENUM ('UNREGISTERED', 'REGISTERED', 'DISASTER');

-- CreateEnum
CREATE TYPE "conversation_status" AS ENUM ('OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "inbox_direction" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "inbox_message_kind" AS ENUM ('TEXT', 'IMAGE', 'VIDEO', 'AUDIO', 'FILE', 'STICKER', 'LOCATION');

-- CreateEnum
CREATE TYPE "webhook_event_status" AS ENUM ('RECEIVED', 'HANDLING', 'HANDLED', 'SKIPPED', 'FAILED');

-- CreateEnum
CREATE TYPE "outbound_status" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "outbound_via" AS ENUM ('REPLY', 'PUSH');

-- CreateTable
CREATE TABLE "auto_reply_rule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "match_type" "auto_reply_match" NOT NULL,
    "pattern" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "active_from" TIMESTAMPTZ(3),
    "active_until" TIMESTAMPTZ(3),
    "hours_from" SMALLINT,
    "hours_until" SMALLINT,
    "weekdays" SMALLINT[] DEFAULT ARRAY[]::SMALLINT[],
    "reply_text" TEXT,
    "flex_template_id" UUID,
    "created_by_id" UUID,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auto_reply_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flex_template" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "alt_text" TEXT NOT NULL,
    "contents" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flex_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rich_menu" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "chat_bar_text" TEXT NOT NULL,
    "audience" "rich_menu_audience" NOT NULL,
    "language" TEXT,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "layout" TEXT NOT NULL,
    "areas" JSONB NOT NULL,
    "image" BYTEA NOT NULL,
    "image_content_type" TEXT NOT NULL,
    "line_rich_menu_id" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "active_slot" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rich_menu_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rich_menu_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "default_menu_id" UUID,
    "disaster_mode" BOOLEAN NOT NULL DEFAULT false,
    "disaster_mode_since" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "apply_total" INTEGER NOT NULL DEFAULT 0,
    "apply_done" INTEGER NOT NULL DEFAULT 0,
    "apply_finished_at" TIMESTAMPTZ(3),
    "apply_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rich_menu_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resident_rich_menu_link" (
    "resident_id" UUID NOT NULL,
    "line_rich_menu_id" TEXT NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resident_rich_menu_link_pkey" PRIMARY KEY ("resident_id")
);

-- CreateTable
CREATE TABLE "conversation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "resident_id" UUID NOT NULL,
    "status" "conversation_status" NOT NULL DEFAULT 'OPEN',
    "assigned_to_id" UUID,
    "unread_count" INTEGER NOT NULL DEFAULT 0,
    "last_message_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_inbound_at" TIMESTAMPTZ(3),
    "last_ack_at" TIMESTAMPTZ(3),
    "preview" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversation_id" UUID NOT NULL,
    "direction" "inbox_direction" NOT NULL,
    "kind" "inbox_message_kind" NOT NULL,
    "text" TEXT,
    "line_message_id" TEXT,
    "payload" JSONB,
    "sent_by_id" UUID,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "unsent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_attachment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" UUID NOT NULL,
    "content_type" TEXT NOT NULL,
    "file_name" TEXT,
    "size" INTEGER NOT NULL,
    "data" BYTEA,
    "unavailable_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_note" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversation_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reply_template" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reply_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_event" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "mode" TEXT,
    "line_user_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "is_redelivery" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "webhook_event_status" NOT NULL DEFAULT 'RECEIVED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "handled_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "error" TEXT,

    CONSTRAINT "webhook_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "line_user_id" TEXT NOT NULL,
    "resident_id" UUID,
    "webhook_event_id" TEXT,
    "inbox_message_id" UUID,
    "purpose" TEXT NOT NULL,
    "messages" JSONB NOT NULL,
    "reply_token" TEXT,
    "reply_token_expires_at" TIMESTAMPTZ(3),
    "status" "outbound_status" NOT NULL DEFAULT 'PENDING',
    "via" "outbound_via",
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pending_conversation_step" (
    "resident_id" UUID NOT NULL,
    "feature" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_conversation_step_pkey" PRIMARY KEY ("resident_id")
);

-- CreateIndex
CREATE INDEX "auto_reply_rule_active_priority_idx" ON "auto_reply_rule"("active", "priority");

-- CreateIndex
CREATE UNIQUE INDEX "rich_menu_line_rich_menu_id_key" ON "rich_menu"("line_rich_menu_id");

-- CreateIndex
CREATE UNIQUE INDEX "rich_menu_active_slot_key" ON "rich_menu"("active_slot");

-- CreateIndex
CREATE INDEX "resident_rich_menu_link_line_rich_menu_id_idx" ON "resident_rich_menu_link"("line_rich_menu_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_resident_id_key" ON "conversation"("resident_id");

-- CreateIndex
CREATE INDEX "conversation_status_last_message_at_idx" ON "conversation"("status", "last_message_at" DESC);

-- CreateIndex
CREATE INDEX "conversation_assigned_to_id_status_idx" ON "conversation"("assigned_to_id", "status");

-- CreateIndex
CREATE INDEX "conversation_updated_at_idx" ON "conversation"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_message_line_message_id_key" ON "inbox_message"("line_message_id");

-- CreateIndex
CREATE INDEX "inbox_message_conversation_id_created_at_idx" ON "inbox_message"("conversation_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_attachment_message_id_key" ON "inbox_attachment"("message_id");

-- CreateIndex
CREATE INDEX "inbox_note_conversation_id_created_at_idx" ON "inbox_note"("conversation_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_event_received_at_idx" ON "webhook_event"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_message_inbox_message_id_key" ON "outbound_message"("inbox_message_id");

-- CreateIndex
CREATE INDEX "outbound_message_webhook_event_id_idx" ON "outbound_message"("webhook_event_id");

-- CreateIndex
CREATE INDEX "outbound_message_status_created_at_idx" ON "outbound_message"("status", "created_at");

-- CreateIndex
CREATE INDEX "outbound_message_resident_id_idx" ON "outbound_message"("resident_id");

-- CreateIndex
CREATE INDEX "pending_conversation_step_expires_at_idx" ON "pending_conversation_step"("expires_at");

-- AddForeignKey
ALTER TABLE "auto_reply_rule" ADD CONSTRAINT "auto_reply_rule_flex_template_id_fkey" FOREIGN KEY ("flex_template_id") REFERENCES "flex_template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resident_rich_menu_link" ADD CONSTRAINT "resident_rich_menu_link_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_message" ADD CONSTRAINT "inbox_message_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_attachment" ADD CONSTRAINT "inbox_attachment_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "inbox_message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_note" ADD CONSTRAINT "inbox_note_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_conversation_step" ADD CONSTRAINT "pending_conversation_step_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: events still to be handled, for the sweeper that re-dispatches events whose job was
-- lost (webhook.dispatch-stale). Partial, so the hot insert path maintains it only for new rows and
-- it stays as small as the backlog.
CREATE INDEX "webhook_event_pending_idx" ON "webhook_event" ("received_at") WHERE "status" IN ('RECEIVED', 'HANDLING');

-- Hand-written: the rich menu state is a single row.
INSERT INTO "rich_menu_state" ("id") VALUES (1) ON CONFLICT DO NOTHING;
