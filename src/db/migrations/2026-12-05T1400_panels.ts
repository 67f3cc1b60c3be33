/**
 * Panels (issue 16 §1): young people in charge of interviews and grant rounds, and the team of young
 * inspectors (whose inspections are their own module). Every table is an area table (area_id,
 * composite (area_id, x) foreign keys, forced row-level security).
 *
 * - panel: belongs to an activity. Kind 'interview' (a post or volunteer role), 'grant' (a pot of
 *   money, a closing date, criteria) or 'inspection' (the young inspectors of one inspection
 *   programme: the membership, consent and ground rules are the same). The weights of the youth and
 *   the professional members in the combined result are stated here, up front, before anyone scores.
 * - panel_member: a young person, a parent carer or a member of staff. Staff and parent carers with
 *   an account sign in as themselves; a young person without one signs in with a personal code the
 *   lead gives them (its hash is here; the code is shown once). Checklist: training, their own
 *   consent, a parent carer's consent for under-16s (recorded by staff), a declared conflict of
 *   interest, ground rules agreed. panel_member_session: a browser signed in with that code. `sees_names`: whether the member may see candidates' real names
 *   (otherwise only the anonymised label, "Candidate B").
 * - panel_candidate: a person interviewed, or a grant application once submitted; its label, and
 *   the panel's decision about them (with reasons, feedback, and for grants the award).
 * - panel_question: a question the youth members drafted and chose, with what a good answer looks
 *   like. The bank of past questions is the chosen questions of the area's other panels.
 * - panel_criterion: the scoring rubric: weighted criteria, each scored on the panel's scale (1–5).
 * - panel_scoresheet / panel_score: one member's scores for one candidate; nobody sees anyone
 *   else's until they have submitted their own (`submitted_at`).
 * - panel_debrief: what a member wants to say about the panel; it becomes a contribution (channel
 *   'panel') so it can be themed and answered.
 * - grant_*: the grant round's public side: applicants (an email address, no password: they sign in
 *   by a link), their sign-in links and sessions, the round's questions, and applications (draft →
 *   submitted; a submitted one becomes a candidate).
 * - time_given: hours people gave (panels and visits), recorded now for the recognition ledger that
 *   comes later (issue 17). One row per person and source key: recording twice changes nothing.
 *
 * Contributions gain two channels, 'panel' and 'inspection', with a `source_key` naming the thing
 * they came from, so each is made once however often that is retried.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = [
  'panel',
  'panel_member',
  'panel_member_session',
  'panel_candidate',
  'panel_question',
  'panel_criterion',
  'panel_scoresheet',
  'panel_score',
  'panel_debrief',
  'grant_applicant',
  'grant_sign_in',
  'grant_question',
  'grant_application',
  'time_given',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE panel (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('interview', 'grant', 'inspection')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      -- The post or role (interview), what the money is for (grant), what is inspected (inspection).
      purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 3000),
      -- The youth members' share of the combined result, in per cent; the professionals' is the rest.
      youth_weight integer NOT NULL DEFAULT 50 CHECK (youth_weight BETWEEN 0 AND 100),
      scale text NOT NULL DEFAULT 'faces' CHECK (scale IN ('faces', 'stars')),
      -- Grant rounds: the pot in pence and when applications close.
      pot_pence bigint CHECK (pot_pence >= 0),
      closes_at timestamptz,
      status text NOT NULL DEFAULT 'preparing' CHECK (status IN ('preparing', 'scoring', 'decided')),
      -- The panel's decision with its reasons, in words the young people will read.
      decision_summary text NOT NULL DEFAULT '' CHECK (length(decision_summary) <= 5000),
      decided_at timestamptz,
      decided_by uuid REFERENCES account(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'grant') = (pot_pence IS NOT NULL)),
      CHECK ((status = 'decided') = (decided_at IS NOT NULL)),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX panel_activity_idx ON panel(area_id, activity_id, created_at);

    CREATE TABLE panel_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      panel_id uuid NOT NULL,
      member_kind text NOT NULL CHECK (member_kind IN ('young_person', 'parent_carer', 'staff')),
      account_id uuid REFERENCES account(id) ON DELETE CASCADE,
      -- A first name or nickname: what the panel calls them. Never in a report.
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
      age_band text CHECK (age_band IS NULL OR length(age_band) <= 20),
      -- sha-256 of the personal code a young person signs in with (no account, no email address).
      code_hash text UNIQUE,
      sees_names boolean NOT NULL DEFAULT false,
      training_done_at timestamptz,
      consent_at timestamptz,
      -- For under-16s: a parent carer's consent, recorded by staff (who, and how it was given).
      parental_consent_at timestamptz,
      parental_consent_by uuid REFERENCES account(id) ON DELETE SET NULL,
      parental_consent_note text NOT NULL DEFAULT '' CHECK (length(parental_consent_note) <= 300),
      -- 'none' or a declared conflict (knows a candidate, works for an applicant…); null: not asked yet.
      conflict text CHECK (conflict IS NULL OR length(conflict) <= 1000),
      conflict_declared_at timestamptz,
      rules_agreed_at timestamptz,
      removed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (account_id IS NOT NULL OR code_hash IS NOT NULL OR removed_at IS NOT NULL),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX panel_member_panel_idx ON panel_member(area_id, panel_id);
    CREATE UNIQUE INDEX panel_member_account_idx ON panel_member(panel_id, account_id) WHERE account_id IS NOT NULL AND removed_at IS NULL;

    -- A browser a young person signed in on with their code ("Sign out" or removing the member ends it).
    CREATE TABLE panel_member_session (
      token_hash text PRIMARY KEY,
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      member_id uuid NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (area_id, member_id) REFERENCES panel_member(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX panel_member_session_member_idx ON panel_member_session(area_id, member_id);

    CREATE TABLE panel_candidate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      panel_id uuid NOT NULL,
      -- What members who may not see names see: 'Candidate A', 'Application 3'.
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
      -- The real name (a person interviewed, or the applying organisation and project).
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      position integer NOT NULL CHECK (position >= 1),
      withdrawn_at timestamptz,
      outcome text CHECK (outcome IN ('appointed', 'not_appointed', 'reserve', 'funded', 'part_funded', 'not_funded')),
      outcome_reason text NOT NULL DEFAULT '' CHECK (length(outcome_reason) <= 3000),
      -- Feedback for the candidate or applicant, drawn from the panel.
      feedback text NOT NULL DEFAULT '' CHECK (length(feedback) <= 5000),
      award_pence bigint CHECK (award_pence >= 0),
      decided_at timestamptz,
      feedback_sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (panel_id, label),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE panel_question (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      panel_id uuid NOT NULL,
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      good_answer text NOT NULL DEFAULT '' CHECK (length(good_answer) <= 1000),
      symbol text,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'chosen', 'dropped')),
      proposed_by uuid,
      position integer NOT NULL CHECK (position >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, proposed_by) REFERENCES panel_member(area_id, id) ON DELETE SET NULL (proposed_by)
    );
    CREATE INDEX panel_question_panel_idx ON panel_question(area_id, panel_id, position);

    CREATE TABLE panel_criterion (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      panel_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
      symbol text,
      weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 10),
      position integer NOT NULL CHECK (position >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE panel_scoresheet (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      panel_id uuid NOT NULL,
      member_id uuid NOT NULL,
      candidate_id uuid NOT NULL,
      comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 3000),
      submitted_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (member_id, candidate_id),
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, member_id) REFERENCES panel_member(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, candidate_id) REFERENCES panel_candidate(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX panel_scoresheet_panel_idx ON panel_scoresheet(area_id, panel_id, candidate_id);

    CREATE TABLE panel_score (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      member_id uuid NOT NULL,
      candidate_id uuid NOT NULL,
      criterion_id uuid NOT NULL,
      score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (member_id, candidate_id, criterion_id),
      FOREIGN KEY (area_id, member_id) REFERENCES panel_member(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, candidate_id) REFERENCES panel_candidate(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, criterion_id) REFERENCES panel_criterion(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX panel_score_candidate_idx ON panel_score(area_id, candidate_id);

    CREATE TABLE panel_debrief (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      panel_id uuid NOT NULL,
      member_id uuid NOT NULL,
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 3000),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (member_id),
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, member_id) REFERENCES panel_member(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE grant_applicant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
      organisation_name text NOT NULL DEFAULT '' CHECK (length(organisation_name) <= 200),
      contact_name text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 120),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id)
    );
    CREATE UNIQUE INDEX grant_applicant_email_idx ON grant_applicant(area_id, lower(email));

    -- A sign-in link (kind 'link', single use, short-lived) or a signed-in browser (kind 'session').
    CREATE TABLE grant_sign_in (
      token_hash text PRIMARY KEY,
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      applicant_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('link', 'session')),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (area_id, applicant_id) REFERENCES grant_applicant(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX grant_sign_in_applicant_idx ON grant_sign_in(area_id, applicant_id);

    CREATE TABLE grant_question (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      panel_id uuid NOT NULL,
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      hint text NOT NULL DEFAULT '' CHECK (length(hint) <= 1000),
      max_words integer NOT NULL DEFAULT 300 CHECK (max_words BETWEEN 10 AND 2000),
      position integer NOT NULL CHECK (position >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE grant_application (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      panel_id uuid NOT NULL,
      applicant_id uuid NOT NULL,
      project_title text NOT NULL DEFAULT '' CHECK (length(project_title) <= 200),
      amount_pence bigint CHECK (amount_pence >= 0),
      -- { "<grant_question id>": "answer" }, checked in code.
      answers jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'withdrawn')),
      submitted_at timestamptz,
      candidate_id uuid UNIQUE,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'submitted') = (submitted_at IS NOT NULL) OR status = 'withdrawn'),
      UNIQUE (panel_id, applicant_id),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, applicant_id) REFERENCES grant_applicant(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, candidate_id) REFERENCES panel_candidate(area_id, id) ON DELETE SET NULL (candidate_id)
    );

    CREATE TABLE time_given (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      -- Who gave it: an account, or a panel member known only by their code.
      account_id uuid REFERENCES account(id) ON DELETE CASCADE,
      panel_member_id uuid,
      kind text NOT NULL CHECK (kind IN ('panel', 'inspection')),
      -- What it was for, e.g. 'panel:<id>:interviews' or 'visit:<id>': once per person and key.
      source_key text NOT NULL CHECK (length(source_key) BETWEEN 1 AND 120),
      minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
      given_on date NOT NULL,
      recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (account_id IS NOT NULL OR panel_member_id IS NOT NULL),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, panel_member_id) REFERENCES panel_member(area_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX time_given_once_idx ON time_given(area_id, source_key, coalesce(panel_member_id, account_id));
    CREATE INDEX time_given_activity_idx ON time_given(area_id, activity_id);

    ALTER TABLE contribution DROP CONSTRAINT IF EXISTS contribution_channel_check;
    ALTER TABLE contribution ADD CONSTRAINT contribution_channel_check CHECK (channel IN ('survey', 'live', 'panel', 'inspection'));
    -- 'debrief:<member id>', 'finding:<visit id>:<criterion id>:<member id>'…: one contribution each.
    ALTER TABLE contribution ADD COLUMN source_key text CHECK (length(source_key) <= 160);
    ALTER TABLE contribution ADD CHECK ((channel IN ('panel', 'inspection')) = (source_key IS NOT NULL));
    ALTER TABLE contribution DROP CONSTRAINT IF EXISTS contribution_source_check;
    ALTER TABLE contribution ADD CONSTRAINT contribution_source_check CHECK (source IN ('free_text', 'card_sort', 'anything_else', 'live', 'panel', 'inspection'));
    CREATE UNIQUE INDEX contribution_channel_once_idx ON contribution(area_id, channel, source_key) WHERE source_key IS NOT NULL;

    GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO chorus_app;
  `).execute(db);

  for (const table of TABLES) {
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
    DROP INDEX IF EXISTS contribution_channel_once_idx;
    DELETE FROM contribution WHERE channel IN ('panel', 'inspection');
    ALTER TABLE contribution DROP COLUMN IF EXISTS source_key;
    ALTER TABLE contribution DROP CONSTRAINT IF EXISTS contribution_source_check;
    ALTER TABLE contribution ADD CONSTRAINT contribution_source_check CHECK (source IN ('free_text', 'card_sort', 'anything_else', 'live'));
    ALTER TABLE contribution DROP CONSTRAINT IF EXISTS contribution_channel_check;
    ALTER TABLE contribution ADD CONSTRAINT contribution_channel_check CHECK (channel IN ('survey', 'live'));
    DROP TABLE IF EXISTS time_given, grant_application, grant_question, grant_sign_in, grant_applicant, panel_debrief, panel_score, panel_scoresheet, panel_criterion, panel_question, panel_candidate, panel_member_session, panel_member, panel CASCADE;
  `).execute(db);
}
