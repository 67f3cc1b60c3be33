/**
 * Issue 13 (evaluation) §4: what taking part did.
 *
 * - impact_setting: an area's own wording of the four evaluation questions (jsonb by question id;
 *   no key means the shipped wording), when the participant impact check is asked again, and the
 *   key of the one-way keyed hash that links a person's first and later answers.
 * - impact_change: questions (1) "what did we do differently" and (2) "what impact did that have on
 *   those using the service", answered by staff for an activity (theme_response_id NULL) and for each
 *   of its published responses, each with evidence (a link or a note), and who answered when.
 * - impact_participant: the link between one person's checks, as HMAC-SHA-256 of their receipt code
 *   or account id under the area's key: never a name, a code or an account id.
 * - impact_check: one person's answers to the participant impact check (round 1 is the first time).
 *
 * Every table has area_id, composite (area_id, x) foreign keys and a forced row-level security policy.
 */
import { sql, type Kysely } from 'kysely';

const rls = (table: string) => `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY ${table}_area ON ${table}
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO chorus_app;`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE impact_setting (
      area_id uuid PRIMARY KEY REFERENCES area(id) ON DELETE CASCADE,
      link_key text NOT NULL CHECK (link_key ~ '^[0-9a-f]{64}$'),
      question_wording jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(question_wording) = 'object'),
      again_after_months integer NOT NULL DEFAULT 6 CHECK (again_after_months BETWEEN 1 AND 24),
      again_after_activities integer CHECK (again_after_activities BETWEEN 2 AND 20),
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    ${rls('impact_setting')}

    CREATE TABLE impact_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      theme_response_id uuid,
      did_differently text NOT NULL DEFAULT '' CHECK (length(did_differently) <= 2000),
      differently_evidence text NOT NULL DEFAULT '' CHECK (length(differently_evidence) <= 500),
      impact_on_users text NOT NULL DEFAULT '' CHECK (length(impact_on_users) <= 2000),
      impact_evidence text NOT NULL DEFAULT '' CHECK (length(impact_evidence) <= 500),
      recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, theme_response_id) REFERENCES theme_response(area_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX impact_change_activity ON impact_change(area_id, activity_id) WHERE theme_response_id IS NULL;
    CREATE UNIQUE INDEX impact_change_response ON impact_change(area_id, activity_id, theme_response_id) WHERE theme_response_id IS NOT NULL;
    ${rls('impact_change')}

    CREATE TABLE impact_participant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      version text NOT NULL CHECK (version IN ('child', 'parent_carer')),
      link_kind text NOT NULL CHECK (link_kind IN ('receipt_code', 'account')),
      link_hash text NOT NULL CHECK (link_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      UNIQUE (area_id, version, link_hash)
    );
    ${rls('impact_participant')}

    CREATE TABLE impact_check (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      participant_id uuid NOT NULL,
      round integer NOT NULL CHECK (round BETWEEN 1 AND 100),
      answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
      answered_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, participant_id, round),
      FOREIGN KEY (area_id, participant_id) REFERENCES impact_participant(area_id, id) ON DELETE CASCADE
    );
    ${rls('impact_check')}
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP TABLE IF EXISTS impact_check;
    DROP TABLE IF EXISTS impact_participant;
    DROP TABLE IF EXISTS impact_change;
    DROP TABLE IF EXISTS impact_setting;
  `).execute(db);
}
