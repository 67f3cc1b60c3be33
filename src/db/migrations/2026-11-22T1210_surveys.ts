/**
 * Surveys (issue 3): an activity's questions and their options, responses (anonymous, signed-in or
 * supported) and answers.
 */
import { sql, type Kysely } from 'kysely';

const AREA_TABLES = ['question', 'question_option', 'response', 'answer'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE question (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
      position integer NOT NULL,
      type text NOT NULL CHECK (type IN ('single_choice', 'multiple_choice', 'smiley_scale', 'yes_no_not_sure',
        'free_text', 'number', 'date', 'rating', 'ranking', 'card_sort', 'picture_choice')),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      easy_read text NOT NULL DEFAULT '' CHECK (length(easy_read) <= 500),
      hint text NOT NULL DEFAULT '' CHECK (length(hint) <= 500),
      required boolean NOT NULL DEFAULT false,
      -- Per type: scale points, number limits, rating maximum, text length, card sort comment.
      settings jsonb NOT NULL DEFAULT '{}',
      show_if_question_id uuid REFERENCES question(id) ON DELETE SET NULL,
      show_if_option_id uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX question_activity_idx ON question(activity_id, position);

    CREATE TABLE question_option (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      question_id uuid NOT NULL REFERENCES question(id) ON DELETE CASCADE,
      position integer NOT NULL,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      easy_read text NOT NULL DEFAULT '' CHECK (length(easy_read) <= 200),
      -- An OpenMoji hexcode; a symbol always carries its words for people who cannot see it.
      symbol text CHECK (symbol ~ '^[0-9A-F]{2,6}(-[0-9A-F]{2,6})*$'),
      alt_text text NOT NULL DEFAULT '' CHECK (length(alt_text) <= 200),
      CHECK (symbol IS NULL OR length(alt_text) > 0)
    );
    CREATE INDEX question_option_question_idx ON question_option(question_id, position);

    CREATE TABLE response (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
      mode text NOT NULL CHECK (mode IN ('anonymous', 'signed_in', 'supported')),
      account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      supporter_relationship text CHECK (supporter_relationship IN ('parent', 'teaching_assistant',
        'speech_language_therapist', 'youth_worker', 'other')),
      supporter_relationship_other text NOT NULL DEFAULT '' CHECK (length(supporter_relationship_other) <= 120),
      support_methods text[] NOT NULL DEFAULT '{}',
      supporter_account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'submitted')),
      -- The browser that started the response holds the token (a cookie); only its hash is here.
      access_token_hash text NOT NULL,
      -- An anonymous respondent's short code to come back later; only its hash is here.
      resume_code_hash text UNIQUE,
      -- One form submission makes one response, however often it is replayed.
      idempotency_key text NOT NULL UNIQUE,
      receipt_code text,
      -- The last page's "Is there anything else you want to tell us?"
      anything_else text NOT NULL DEFAULT '' CHECK (length(anything_else) <= 5000),
      age_band text,
      sex text,
      ethnicity text,
      need_type text,
      support_level text,
      language text NOT NULL DEFAULT 'en',
      started_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      CHECK ((status = 'submitted') = (submitted_at IS NOT NULL AND receipt_code IS NOT NULL)),
      UNIQUE (area_id, receipt_code)
    );
    CREATE INDEX response_activity_idx ON response(activity_id, status);
    CREATE INDEX response_account_idx ON response(account_id) WHERE account_id IS NOT NULL;

    CREATE TABLE answer (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      response_id uuid NOT NULL REFERENCES response(id) ON DELETE CASCADE,
      question_id uuid NOT NULL REFERENCES question(id) ON DELETE CASCADE,
      value jsonb,
      -- "I don't want to answer this" is an answer too, and is respected.
      declined boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (response_id, question_id),
      CHECK (declined OR value IS NOT NULL)
    );
    CREATE INDEX answer_question_idx ON answer(question_id);

    ALTER TABLE adjustment_request
      ADD CONSTRAINT adjustment_request_response_fk FOREIGN KEY (response_id) REFERENCES response(id) ON DELETE CASCADE;

    GRANT SELECT, INSERT, UPDATE, DELETE ON question, question_option, response, answer TO chorus_app;
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
  await sql.raw(`
    ALTER TABLE adjustment_request DROP CONSTRAINT IF EXISTS adjustment_request_response_fk;
    DROP TABLE IF EXISTS answer, response, question_option, question CASCADE;
  `).execute(db);
}
