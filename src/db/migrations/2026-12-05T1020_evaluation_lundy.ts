/**
 * Issue 13 (evaluation): the Lundy checklist. An area's choice of checklist and its own wording of
 * the questions, and each activity's answers: what Chorus proposed from its records when the person
 * answered, what the person answered (the override is kept beside the proposal), who and when.
 */
import { sql, type Kysely } from 'kysely';

const ANSWERS = "('yes', 'partly', 'no', 'not_applicable')";
const TEMPLATES = "('lundy_2015', 'norfolk')";

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- A composite key for (area_id, activity_id) foreign keys: the activity must be the same area's.
    -- IF NOT EXISTS: other evaluation parts may need the same index; it is not dropped in down().
    CREATE UNIQUE INDEX IF NOT EXISTS activity_area_id_id_key ON activity(area_id, id);

    CREATE TABLE lundy_setting (
      area_id uuid PRIMARY KEY REFERENCES area(id) ON DELETE CASCADE,
      template_id text NOT NULL DEFAULT 'lundy_2015' CHECK (template_id IN ${TEMPLATES}),
      -- The area's own words for questions, by item id (only the ones it changed).
      wording jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(wording) = 'object'),
      version integer NOT NULL DEFAULT 1,
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    ALTER TABLE lundy_setting ENABLE ROW LEVEL SECURITY;
    ALTER TABLE lundy_setting FORCE ROW LEVEL SECURITY;
    CREATE POLICY lundy_setting_area ON lundy_setting
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    GRANT SELECT, INSERT, UPDATE, DELETE ON lundy_setting TO chorus_app;

    CREATE TABLE lundy_answer (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      template_id text NOT NULL CHECK (template_id IN ${TEMPLATES}),
      item_id text NOT NULL CHECK (item_id ~ '^[a-z0-9_.]{1,80}$'),
      -- What Chorus proposed from its records when the person answered (null: it had nothing to go on).
      proposed text CHECK (proposed IN ${ANSWERS}),
      proposed_reason text NOT NULL DEFAULT '' CHECK (length(proposed_reason) <= 80),
      answer text NOT NULL CHECK (answer IN ${ANSWERS}),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      answered_by uuid REFERENCES account(id) ON DELETE SET NULL,
      answered_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (area_id, activity_id, template_id, item_id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX lundy_answer_area_idx ON lundy_answer(area_id, template_id);
    ALTER TABLE lundy_answer ENABLE ROW LEVEL SECURITY;
    ALTER TABLE lundy_answer FORCE ROW LEVEL SECURITY;
    CREATE POLICY lundy_answer_area ON lundy_answer
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    GRANT SELECT, INSERT, UPDATE, DELETE ON lundy_answer TO chorus_app;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // activity_area_id_id_key stays: another part's foreign keys may rest on it.
  await sql.raw(`
    DROP TABLE IF EXISTS lundy_answer;
    DROP TABLE IF EXISTS lundy_setting;
  `).execute(db);
}
