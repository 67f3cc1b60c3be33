/**
 * Issue 13 §3: the charter, self-assessed. A yearly cycle opened by a lead with a deadline; each
 * member organisation rates itself against each commitment of the charter (met / partly / not yet:
 * Chorus' own scale, because the Charter Promise scale could not be checked, FRAMEWORKS.md §4b), with
 * evidence and, where not met, an action with an owner and a date; each forum's agreed rating of each
 * organisation per principle, beside it.
 *
 * A cycle keeps its own copy of the charter's principles and commitments as they stood when it was
 * opened: an area may edit its charter (or apply another template, which replaces every principle)
 * at any time, and last year's answers must still read against last year's words.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = [
  'charter_assessment_cycle',
  'charter_assessment_principle',
  'charter_assessment_statement',
  'charter_self_assessment',
  'charter_assessment_rating',
  'charter_forum_rating',
  'charter_assessment_reminder',
];

const RATING = "CHECK (rating IN ('met', 'partly', 'not_yet'))";

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE charter_assessment_cycle (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      deadline_on date NOT NULL,
      -- 'open': organisations fill it in; 'closed': read-only, and its totals are on the public page.
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      charter_title text NOT NULL CHECK (length(charter_title) <= 500),
      opened_by uuid REFERENCES account(id) ON DELETE SET NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_by uuid REFERENCES account(id) ON DELETE SET NULL,
      closed_at timestamptz,
      UNIQUE (area_id, year),
      UNIQUE (area_id, id)
    );
    -- One year open at a time.
    CREATE UNIQUE INDEX charter_assessment_cycle_one_open ON charter_assessment_cycle(area_id) WHERE status = 'open';

    CREATE TABLE charter_assessment_principle (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      cycle_id uuid NOT NULL,
      position integer NOT NULL CHECK (position >= 1),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      easy_read text NOT NULL DEFAULT '',
      symbol text,
      UNIQUE (area_id, id),
      UNIQUE (area_id, cycle_id, position),
      FOREIGN KEY (area_id, cycle_id) REFERENCES charter_assessment_cycle(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE charter_assessment_statement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      cycle_id uuid NOT NULL,
      principle_id uuid NOT NULL,
      position integer NOT NULL CHECK (position >= 1),
      text text NOT NULL,
      UNIQUE (area_id, id),
      UNIQUE (area_id, principle_id, position),
      FOREIGN KEY (area_id, cycle_id) REFERENCES charter_assessment_cycle(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, principle_id) REFERENCES charter_assessment_principle(area_id, id) ON DELETE CASCADE
    );

    -- One organisation's assessment in one year: there once anything is saved; finished when it says so.
    CREATE TABLE charter_self_assessment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      cycle_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      finished_at timestamptz,
      finished_by uuid REFERENCES account(id) ON DELETE SET NULL,
      UNIQUE (area_id, id),
      UNIQUE (area_id, cycle_id, organisation_id),
      FOREIGN KEY (area_id, cycle_id) REFERENCES charter_assessment_cycle(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE charter_assessment_rating (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      cycle_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      statement_id uuid NOT NULL,
      rating text NOT NULL ${RATING},
      evidence_url text NOT NULL DEFAULT '' CHECK (length(evidence_url) <= 2000),
      evidence_activity_id uuid,
      evidence_note text NOT NULL DEFAULT '' CHECK (length(evidence_note) <= 2000),
      action_text text NOT NULL DEFAULT '' CHECK (length(action_text) <= 1000),
      action_owner text NOT NULL DEFAULT '' CHECK (length(action_owner) <= 200),
      action_due_on date,
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, cycle_id, organisation_id, statement_id),
      FOREIGN KEY (area_id, cycle_id) REFERENCES charter_assessment_cycle(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, statement_id) REFERENCES charter_assessment_statement(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, evidence_activity_id) REFERENCES activity(area_id, id) ON DELETE SET NULL (evidence_activity_id)
    );
    CREATE INDEX charter_assessment_rating_org ON charter_assessment_rating(area_id, cycle_id, organisation_id);

    -- A forum's rating of one organisation against one principle, as the forum agreed it on a date.
    CREATE TABLE charter_forum_rating (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      cycle_id uuid NOT NULL,
      forum_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      principle_id uuid NOT NULL,
      rating text NOT NULL ${RATING},
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      agreed_on date NOT NULL,
      recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, forum_id, organisation_id, principle_id),
      FOREIGN KEY (area_id, cycle_id) REFERENCES charter_assessment_cycle(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, forum_id) REFERENCES forum(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, principle_id) REFERENCES charter_assessment_principle(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX charter_forum_rating_cycle ON charter_forum_rating(area_id, cycle_id);

    -- Each reminder sent (or due with nobody to send it to), once per organisation, year and stage.
    CREATE TABLE charter_assessment_reminder (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      cycle_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      days_before integer NOT NULL CHECK (days_before >= 0),
      recipients integer NOT NULL DEFAULT 0 CHECK (recipients >= 0),
      sent_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, cycle_id, organisation_id, days_before),
      FOREIGN KEY (area_id, cycle_id) REFERENCES charter_assessment_cycle(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE CASCADE
    );
  `).execute(db);
  for (const table of TABLES) {
    await sql.raw(`
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
      CREATE POLICY ${table}_area ON ${table}
        USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
        WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
      GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO chorus_app;
    `).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...TABLES].reverse()) await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
}
