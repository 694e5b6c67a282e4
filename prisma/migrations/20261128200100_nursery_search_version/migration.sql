-- Nursery search moved into each app instance's memory (lib/nursery/search.ts): a data version,
-- bumped by any statement that changes facilities or vacancies, tells every instance when to reload.
-- A rolled-back change rolls the version back too; the new value is a clock reading, so a later
-- change never repeats a version an instance may have seen inside a rolled-back transaction.

-- CreateTable
CREATE TABLE "nursery_data_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "nursery_data_version_pkey" PRIMARY KEY ("id")
);

INSERT INTO "nursery_data_version" ("id", "version") VALUES (1, 0);

CREATE FUNCTION "nursery_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "nursery_data_version"
  SET "version" = greatest("version" + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
  WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "nursery_facility_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "nursery_facility"
  FOR EACH STATEMENT EXECUTE FUNCTION "nursery_bump_data_version"();
CREATE TRIGGER "nursery_vacancy_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "nursery_vacancy"
  FOR EACH STATEMENT EXECUTE FUNCTION "nursery_bump_data_version"();

-- The position index of the SQL search is no longer read.
DROP INDEX "nursery_facility_position_knn";
