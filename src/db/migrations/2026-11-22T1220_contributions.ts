/**
 * Contributions (issue 3): every view in one place, its automatic and reviewed redactions, and each
 * area's own lists of names, schools and places to redact.
 *
 * The original text is kept for the roles allowed to see it; every other use reads redacted_text.
 */
import { sql, type Kysely } from 'kysely';

const AREA_TABLES = ['contribution', 'redaction', 'redaction_term'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE contribution (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
      question_id uuid REFERENCES question(id) ON DELETE SET NULL,
      response_id uuid REFERENCES response(id) ON DELETE CASCADE,
      account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      supporter_relationship text,
      receipt_code text,
      source text NOT NULL CHECK (source IN ('free_text', 'card_sort', 'anything_else')),
      original_text text NOT NULL CHECK (length(original_text) BETWEEN 1 AND 5000),
      redacted_text text NOT NULL,
      needs_review boolean NOT NULL DEFAULT false,
      hidden_at timestamptz,
      hidden_reason text CHECK (length(hidden_reason) <= 500),
      hidden_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
    );
    -- One contribution per answer: a replayed submission cannot add a second.
    CREATE UNIQUE INDEX contribution_once_idx ON contribution(response_id, question_id, source) NULLS NOT DISTINCT
      WHERE response_id IS NOT NULL;
    CREATE INDEX contribution_activity_idx ON contribution(activity_id, created_at);
    CREATE INDEX contribution_receipt_idx ON contribution(area_id, receipt_code) WHERE receipt_code IS NOT NULL;

    -- Each span removed from a contribution: found automatically or by a lead, undone by a lead.
    CREATE TABLE redaction (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      contribution_id uuid NOT NULL REFERENCES contribution(id) ON DELETE CASCADE,
      start_offset integer NOT NULL CHECK (start_offset >= 0),
      end_offset integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('name', 'email', 'phone', 'postcode', 'nhs_number', 'school', 'address', 'other')),
      method text NOT NULL CHECK (method IN ('automatic', 'lead')),
      undone_at timestamptz,
      undone_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_offset > start_offset)
    );
    CREATE INDEX redaction_contribution_idx ON redaction(contribution_id);

    CREATE TABLE redaction_term (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('name', 'school', 'place')),
      term text NOT NULL CHECK (length(term) BETWEEN 2 AND 120),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX redaction_term_unique_idx ON redaction_term(area_id, kind, lower(term));

    GRANT SELECT, INSERT, UPDATE, DELETE ON contribution, redaction, redaction_term TO chorus_app;
  `).execute(db);

  for (const table of AREA_TABLES) {
    await sql.raw(`
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
      CREATE POLICY ${table}_area ON ${table}
        USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
        WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    `).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS redaction_term, redaction, contribution CASCADE;`).execute(db);
}
