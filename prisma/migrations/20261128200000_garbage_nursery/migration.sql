-- CreateEnum
CREATE TYPE "nursery_type" AS ENUM ('LICENSED', 'CERTIFIED_CENTER', 'SMALL_SCALE', 'HOME_BASED', 'WORKPLACE', 'UNLICENSED', 'KINDERGARTEN', 'OTHER');

-- CreateEnum
CREATE TYPE "nursery_vacancy_status" AS ENUM ('AVAILABLE', 'FEW', 'NONE', 'NOT_ACCEPTED');

-- CreateTable
CREATE TABLE "garbage_dictionary" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "source" TEXT,
    "imported_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "garbage_dictionary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_category" (
    "id" SERIAL NOT NULL,
    "dictionary_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sublabel" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "colour" TEXT NOT NULL DEFAULT '#626264',
    "icon" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "schedule_category_id" INTEGER,

    CONSTRAINT "garbage_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_item" (
    "id" SERIAL NOT NULL,
    "dictionary_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "reading" TEXT NOT NULL DEFAULT '',
    "reading_auto" BOOLEAN NOT NULL DEFAULT false,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notice" TEXT NOT NULL DEFAULT '',
    "index_letter" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "garbage_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_center" (
    "id" SERIAL NOT NULL,
    "dictionary_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "garbage_center_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_suspension" (
    "id" SERIAL NOT NULL,
    "dictionary_id" INTEGER NOT NULL,
    "center_id" INTEGER,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "garbage_suspension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_area" (
    "id" SERIAL NOT NULL,
    "dictionary_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "group_name" TEXT NOT NULL DEFAULT '',
    "center_id" INTEGER,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "garbage_area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_collection_rule" (
    "id" SERIAL NOT NULL,
    "area_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "pattern" TEXT NOT NULL,

    CONSTRAINT "garbage_collection_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_remark" (
    "id" SERIAL NOT NULL,
    "dictionary_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "garbage_remark_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_area_district" (
    "dictionary_id" INTEGER NOT NULL,
    "district_id" INTEGER NOT NULL,
    "area_id" INTEGER NOT NULL,

    CONSTRAINT "garbage_area_district_pkey" PRIMARY KEY ("dictionary_id","district_id")
);

-- CreateTable
CREATE TABLE "garbage_synonym" (
    "id" SERIAL NOT NULL,
    "dictionary_id" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "garbage_synonym_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_unanswered_query" (
    "id" SERIAL NOT NULL,
    "dictionary_id" INTEGER NOT NULL,
    "normalized" TEXT NOT NULL,
    "example" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "last_source" TEXT NOT NULL DEFAULT 'chat',
    "first_asked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_asked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" TEXT,

    CONSTRAINT "garbage_unanswered_query_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "garbage_resident_area" (
    "resident_id" UUID NOT NULL,
    "area_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "garbage_resident_area_pkey" PRIMARY KEY ("resident_id")
);

-- CreateTable
CREATE TABLE "garbage_reminder" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "resident_id" UUID NOT NULL,
    "area_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sent_for" DATE,

    CONSTRAINT "garbage_reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nursery_facility" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'staff',
    "external_id" TEXT,
    "name" TEXT NOT NULL,
    "name_kana" TEXT NOT NULL DEFAULT '',
    "type" "nursery_type" NOT NULL,
    "type_label" TEXT NOT NULL,
    "ownership" TEXT NOT NULL DEFAULT '',
    "operator" TEXT NOT NULL DEFAULT '',
    "min_age_months" SMALLINT NOT NULL DEFAULT 0,
    "max_age_class" SMALLINT NOT NULL DEFAULT 5,
    "ages_label" TEXT NOT NULL DEFAULT '',
    "capacity" INTEGER,
    "opens_at" SMALLINT,
    "closes_at" SMALLINT,
    "hours_note" TEXT NOT NULL DEFAULT '',
    "extended_care" BOOLEAN NOT NULL DEFAULT false,
    "temporary_care" BOOLEAN NOT NULL DEFAULT false,
    "holiday_care" BOOLEAN NOT NULL DEFAULT false,
    "night_care" BOOLEAN NOT NULL DEFAULT false,
    "all_day_care" BOOLEAN NOT NULL DEFAULT false,
    "address" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "fax" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "district_id" INTEGER,
    "vacancy_flag" BOOLEAN,
    "vacancy_note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nursery_facility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nursery_vacancy" (
    "facility_id" INTEGER NOT NULL,
    "age_class" SMALLINT NOT NULL,
    "status" "nursery_vacancy_status" NOT NULL,
    "places" SMALLINT,
    "as_of" DATE NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,

    CONSTRAINT "nursery_vacancy_pkey" PRIMARY KEY ("facility_id","age_class")
);

-- CreateTable
CREATE TABLE "nursery_district_point" (
    "district_id" INTEGER NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "nursery_district_point_pkey" PRIMARY KEY ("district_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "garbage_dictionary_slug_key" ON "garbage_dictionary"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "garbage_category_dictionary_id_name_key" ON "garbage_category"("dictionary_id", "name");

-- CreateIndex
CREATE INDEX "garbage_item_dictionary_id_sort_order_idx" ON "garbage_item"("dictionary_id", "sort_order");

-- CreateIndex
CREATE INDEX "garbage_item_category_id_idx" ON "garbage_item"("category_id");

-- CreateIndex
CREATE UNIQUE INDEX "garbage_center_dictionary_id_name_key" ON "garbage_center"("dictionary_id", "name");

-- CreateIndex
CREATE INDEX "garbage_suspension_dictionary_id_starts_on_idx" ON "garbage_suspension"("dictionary_id", "starts_on");

-- CreateIndex
CREATE INDEX "garbage_area_dictionary_id_sort_order_idx" ON "garbage_area"("dictionary_id", "sort_order");

-- CreateIndex
CREATE UNIQUE INDEX "garbage_area_dictionary_id_group_name_name_key" ON "garbage_area"("dictionary_id", "group_name", "name");

-- CreateIndex
CREATE INDEX "garbage_collection_rule_category_id_idx" ON "garbage_collection_rule"("category_id");

-- CreateIndex
CREATE UNIQUE INDEX "garbage_collection_rule_area_id_category_id_key" ON "garbage_collection_rule"("area_id", "category_id");

-- CreateIndex
CREATE UNIQUE INDEX "garbage_remark_dictionary_id_number_key" ON "garbage_remark"("dictionary_id", "number");

-- CreateIndex
CREATE INDEX "garbage_area_district_area_id_idx" ON "garbage_area_district"("area_id");

-- CreateIndex
CREATE UNIQUE INDEX "garbage_synonym_dictionary_id_term_key" ON "garbage_synonym"("dictionary_id", "term");

-- CreateIndex
CREATE INDEX "garbage_unanswered_query_dictionary_id_resolved_at_last_ask_idx" ON "garbage_unanswered_query"("dictionary_id", "resolved_at", "last_asked_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "garbage_unanswered_query_dictionary_id_normalized_key" ON "garbage_unanswered_query"("dictionary_id", "normalized");

-- CreateIndex
CREATE INDEX "garbage_resident_area_area_id_idx" ON "garbage_resident_area"("area_id");

-- CreateIndex
CREATE INDEX "garbage_reminder_area_id_category_id_idx" ON "garbage_reminder"("area_id", "category_id");

-- CreateIndex
CREATE UNIQUE INDEX "garbage_reminder_resident_id_category_id_key" ON "garbage_reminder"("resident_id", "category_id");

-- CreateIndex
CREATE INDEX "nursery_facility_district_id_idx" ON "nursery_facility"("district_id");

-- CreateIndex
CREATE UNIQUE INDEX "nursery_facility_source_external_id_key" ON "nursery_facility"("source", "external_id");

-- CreateIndex
CREATE INDEX "nursery_vacancy_age_class_status_facility_id_idx" ON "nursery_vacancy"("age_class", "status", "facility_id");

-- AddForeignKey
ALTER TABLE "garbage_category" ADD CONSTRAINT "garbage_category_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_category" ADD CONSTRAINT "garbage_category_schedule_category_id_fkey" FOREIGN KEY ("schedule_category_id") REFERENCES "garbage_category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_item" ADD CONSTRAINT "garbage_item_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_item" ADD CONSTRAINT "garbage_item_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "garbage_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_center" ADD CONSTRAINT "garbage_center_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_suspension" ADD CONSTRAINT "garbage_suspension_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_suspension" ADD CONSTRAINT "garbage_suspension_center_id_fkey" FOREIGN KEY ("center_id") REFERENCES "garbage_center"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_area" ADD CONSTRAINT "garbage_area_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_area" ADD CONSTRAINT "garbage_area_center_id_fkey" FOREIGN KEY ("center_id") REFERENCES "garbage_center"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_collection_rule" ADD CONSTRAINT "garbage_collection_rule_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "garbage_area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_collection_rule" ADD CONSTRAINT "garbage_collection_rule_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "garbage_category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_remark" ADD CONSTRAINT "garbage_remark_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_area_district" ADD CONSTRAINT "garbage_area_district_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_area_district" ADD CONSTRAINT "garbage_area_district_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "garbage_area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_synonym" ADD CONSTRAINT "garbage_synonym_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_unanswered_query" ADD CONSTRAINT "garbage_unanswered_query_dictionary_id_fkey" FOREIGN KEY ("dictionary_id") REFERENCES "garbage_dictionary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_resident_area" ADD CONSTRAINT "garbage_resident_area_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_resident_area" ADD CONSTRAINT "garbage_resident_area_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "garbage_area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_reminder" ADD CONSTRAINT "garbage_reminder_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_reminder" ADD CONSTRAINT "garbage_reminder_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "garbage_area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "garbage_reminder" ADD CONSTRAINT "garbage_reminder_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "garbage_category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nursery_vacancy" ADD CONSTRAINT "nursery_vacancy_facility_id_fkey" FOREIGN KEY ("facility_id") REFERENCES "nursery_facility"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one garbage dictionary is the municipality's active one (the chat and LIFF use it).
CREATE UNIQUE INDEX "garbage_dictionary_one_active" ON "garbage_dictionary" ("active") WHERE "active";

-- Nearest facilities first: a GiST index on each facility's position as a point, longitude scaled by
-- cos(36°) (the middle of Japan's latitudes) so that Euclidean distance is close to ground distance
-- (within about 16 % east–west anywhere from 24° to 46°; lib/nursery/search.ts allows for that).
-- PostgreSQL walks it in distance order (ORDER BY … <-> point, KNN) and stops after LIMIT matches;
-- the search then computes the exact great-circle distance.
CREATE INDEX "nursery_facility_position_knn" ON "nursery_facility" USING gist (point("longitude" * 0.8090169943749475, "latitude"));
