/**
 * Issue 13 (evaluation): ladders of participation.
 *
 * - ladder_variant / ladder_variant_rung: an area's own copy of a shipped ladder (src/modules/
 *   evaluation/data/ladders.ts) with its own wording. A rung keeps the id of the rung it was copied
 *   from, so its source and verification status can still be shown; `position` is its explicit order.
 * - area_ladder: which ladder the area uses (a shipped one by key, or one of its variants). No row
 *   means Hart's ladder.
 * - activity: its planned level (the rung chosen while planning, its name then, and the common level
 *   it maps to), and who will decide (one of the area's boards, or a named role), as theme_response has.
 * - activity_level_rating: the achieved level, rated by staff after the activity, with a short
 *   justification. Every rating is kept (who and when): the newest is the activity's achieved level.
 *
 * Every table has area_id, composite (area_id, x) foreign keys and a forced row-level security policy.
 */
import { sql, type Kysely } from 'kysely';

const LEVELS = `('none', 'inform', 'consult', 'involve', 'co_design', 'co_produce')`;
const SHIPPED = `('hart', 'tlap', 'nnpcf', 'sunderland_pcf')`;

const rls = (table: string) => `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY ${table}_area ON ${table}
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO chorus_app;`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE ladder_variant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      based_on text NOT NULL CHECK (based_on IN ${SHIPPED}),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id)
    );
    ${rls('ladder_variant')}

    CREATE TABLE ladder_variant_rung (
      area_id uuid NOT NULL,
      variant_id uuid NOT NULL,
      -- The shipped rung it was copied from (e.g. 'hart.tokenism'): its source and status stay findable.
      rung_id text NOT NULL CHECK (rung_id ~ '^[a-z_]+\\.[a-z_]+$'),
      position integer NOT NULL CHECK (position BETWEEN 1 AND 20),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      meaning text NOT NULL CHECK (length(meaning) <= 600),
      common_level text NOT NULL CHECK (common_level IN ${LEVELS}),
      -- The area changed the shipped wording or level.
      edited boolean NOT NULL DEFAULT false,
      PRIMARY KEY (area_id, variant_id, rung_id),
      UNIQUE (area_id, variant_id, position) DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (area_id, variant_id) REFERENCES ladder_variant(area_id, id) ON DELETE CASCADE
    );
    ${rls('ladder_variant_rung')}

    CREATE TABLE area_ladder (
      area_id uuid PRIMARY KEY REFERENCES area(id) ON DELETE CASCADE,
      ladder_key text CHECK (ladder_key IN ${SHIPPED}),
      variant_id uuid,
      chosen_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((ladder_key IS NULL) <> (variant_id IS NULL)),
      FOREIGN KEY (area_id, variant_id) REFERENCES ladder_variant(area_id, id)
    );
    ${rls('area_ladder')}

    ALTER TABLE activity
      ADD COLUMN planned_rung text CHECK (length(planned_rung) <= 200),
      ADD COLUMN planned_rung_name text NOT NULL DEFAULT '' CHECK (length(planned_rung_name) <= 120),
      ADD COLUMN planned_level text CHECK (planned_level IN ${LEVELS}),
      ADD COLUMN decided_by_board_id uuid,
      ADD COLUMN decided_by_role text NOT NULL DEFAULT '' CHECK (length(decided_by_role) <= 200),
      ADD CONSTRAINT activity_area_id_decided_by_board_id_fkey FOREIGN KEY (area_id, decided_by_board_id) REFERENCES board(area_id, id) ON DELETE SET NULL (decided_by_board_id);

    CREATE TABLE activity_level_rating (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      -- The rung as it was when rated: the area may change its ladder or its wording later.
      rung_ref text NOT NULL CHECK (length(rung_ref) BETWEEN 1 AND 200),
      rung_name text NOT NULL CHECK (length(rung_name) BETWEEN 1 AND 120),
      ladder_name text NOT NULL CHECK (length(ladder_name) BETWEEN 1 AND 200),
      common_level text NOT NULL CHECK (common_level IN ${LEVELS}),
      justification text NOT NULL CHECK (length(justification) BETWEEN 1 AND 1000),
      rated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      rated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX activity_level_rating_activity_idx ON activity_level_rating(area_id, activity_id, rated_at DESC);
    ${rls('activity_level_rating')}
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP TABLE IF EXISTS activity_level_rating;
    ALTER TABLE activity
      DROP CONSTRAINT IF EXISTS activity_area_id_decided_by_board_id_fkey,
      DROP COLUMN IF EXISTS planned_rung,
      DROP COLUMN IF EXISTS planned_rung_name,
      DROP COLUMN IF EXISTS planned_level,
      DROP COLUMN IF EXISTS decided_by_board_id,
      DROP COLUMN IF EXISTS decided_by_role;
    DROP TABLE IF EXISTS area_ladder;
    DROP TABLE IF EXISTS ladder_variant_rung;
    DROP TABLE IF EXISTS ladder_variant;
  `).execute(db);
}
