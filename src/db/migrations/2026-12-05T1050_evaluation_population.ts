/**
 * Issue 13 (evaluation) §5: who takes part, compared with everyone. The population figures an area
 * compares its participants with: counts of the children and young people its services serve, by
 * one characteristic at a time (sex, ethnic group, type of need, support, age band), for the whole
 * area or one organisation, from a dated import (a CSV file or figures typed in) with its source.
 *
 * Imports are never changed or replaced: history is kept, and the page uses the latest import
 * (by the date the figures describe, then when they were imported) that holds each characteristic.
 * Counts of groups of people, not of anyone in particular: nothing here is personal data.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE population_import (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      -- The day the figures describe (for example the January school census day).
      as_at date NOT NULL,
      -- Where the figures came from, in the lead's words ("DfE SEN in England 2026, Riverside").
      source text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
      method text NOT NULL CHECK (method IN ('csv', 'typed')),
      file_name text CHECK (length(file_name) <= 200),
      row_count integer NOT NULL CHECK (row_count BETWEEN 1 AND 5000),
      imported_by uuid REFERENCES account(id) ON DELETE SET NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id)
    );
    CREATE INDEX population_import_area_idx ON population_import(area_id, as_at DESC, imported_at DESC);

    CREATE TABLE population_count (
      -- A key of its own: the natural one holds a nullable organisation (the whole area), which a
      -- primary key cannot; the UNIQUE below (NULLS NOT DISTINCT) keeps one count per group.
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      import_id uuid NOT NULL,
      -- NULL: the whole area; otherwise the children and young people one organisation serves.
      organisation_id uuid,
      characteristic text NOT NULL CHECK (characteristic IN ('sex', 'ethnicity', 'need_type', 'support_level', 'age_band')),
      -- The stored "About you" value it compares with (female, white, ASD, ehc_plan, 5_7), or not_known.
      value text NOT NULL CHECK (value ~ '^[A-Za-z0-9_]{1,40}$'),
      count integer NOT NULL CHECK (count BETWEEN 0 AND 10000000),
      FOREIGN KEY (area_id, import_id) REFERENCES population_import(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE CASCADE,
      UNIQUE NULLS NOT DISTINCT (area_id, import_id, organisation_id, characteristic, value)
    );

    ALTER TABLE population_import ENABLE ROW LEVEL SECURITY;
    ALTER TABLE population_import FORCE ROW LEVEL SECURITY;
    CREATE POLICY population_import_area ON population_import
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    ALTER TABLE population_count ENABLE ROW LEVEL SECURITY;
    ALTER TABLE population_count FORCE ROW LEVEL SECURITY;
    CREATE POLICY population_count_area ON population_count
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    -- History is kept: the app may add imports, never change them (deleted only with the area or
    -- organisation); only who imported them is cleared when that account is erased.
    GRANT SELECT, INSERT ON population_import, population_count TO chorus_app;
    GRANT UPDATE (imported_by) ON population_import TO chorus_app;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP TABLE IF EXISTS population_count;
    DROP TABLE IF EXISTS population_import;
  `).execute(db);
}
