/**
 * Live sessions (issue 15): a facilitator runs a sequence of interactions on the big screen, and
 * everyone joins with a code from their own device. Every table is an area table (area_id, composite
 * (area_id, x) foreign keys, forced row-level security), except live_join_code: the one place a
 * typed code is turned into an area, read before any area is known (like an area's slug).
 *
 * - live_session: belongs to an activity; its 6-character join code; draft → running → ended.
 *   `event_seq` numbers the session's events without gaps: every change takes the session row's lock
 *   to add one, so the numbers are in commit order and a reconnecting screen resumes exactly.
 * - live_interaction: one step of the session (choice, word cloud, scale, open text, ranking, Q&A,
 *   board), in order; its settings (options with symbols, the board's columns…) as JSON checked in code.
 * - live_participant: one person (or one person answering for a small group) who joined, known by a
 *   cookie whose hash is here. Each is backed by a survey-style `response` (channel 'live') made when
 *   they join, so receipt codes, hearing back and "what happened to my view" work as for a survey.
 * - live_answer: a participant's one answer to a choice, word cloud, scale or ranking: one row per
 *   interaction and participant (exactly once; answering again replaces it).
 * - live_post: what a participant writes that others may see: an open-text answer, a Q&A question,
 *   a sticky note. Moderated (pending / shown / hidden / held for safeguarding) before the big screen.
 * - live_cluster: a titled group of notes on a board. live_vote: an upvote or a dot on a post, once
 *   per participant.
 * - live_event: what changed, in order, for Server-Sent Events and for resuming after a reconnect.
 *
 * Contributions gain where they came from: `channel` ('survey' or 'live') and, for live ones, the
 * session and interaction, and a key naming the answer or post so a session is turned into
 * contributions once however often that is retried.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = ['live_session', 'live_interaction', 'live_participant', 'live_answer', 'live_cluster', 'live_post', 'live_vote', 'live_event'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE live_session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      join_code text NOT NULL UNIQUE CHECK (join_code ~ '^[2-9A-HJKMNP-Z]{6}$'),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'ended')),
      -- 'approve': notes, questions and open answers wait for the facilitator before the big screen.
      moderation text NOT NULL DEFAULT 'approve' CHECK (moderation IN ('approve', 'direct')),
      current_interaction_id uuid,
      event_seq bigint NOT NULL DEFAULT 0 CHECK (event_seq >= 0),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      ended_at timestamptz,
      -- When every answer had become a contribution (the job that does it, after the session ends).
      contributions_made_at timestamptz,
      CHECK ((status = 'ended') = (ended_at IS NOT NULL)),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX live_session_activity_idx ON live_session(area_id, activity_id, created_at);

    -- A typed code → its area and session, read before any area is known. Row-level security lets
    -- every transaction read it (it holds no words of anyone's, only which session a code opens, and
    -- the join page still checks the session itself) and write only its own area's rows.
    CREATE TABLE live_join_code (
      code text PRIMARY KEY CHECK (code ~ '^[2-9A-HJKMNP-Z]{6}$'),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      session_id uuid NOT NULL UNIQUE,
      FOREIGN KEY (area_id, session_id) REFERENCES live_session(area_id, id) ON DELETE CASCADE
    );
    ALTER TABLE live_join_code ENABLE ROW LEVEL SECURITY;
    ALTER TABLE live_join_code FORCE ROW LEVEL SECURITY;
    CREATE POLICY live_join_code_read ON live_join_code FOR SELECT USING (true);
    CREATE POLICY live_join_code_insert ON live_join_code FOR INSERT
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    CREATE POLICY live_join_code_delete ON live_join_code FOR DELETE
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid);

    CREATE TABLE live_interaction (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      session_id uuid NOT NULL,
      position integer NOT NULL CHECK (position >= 1),
      kind text NOT NULL CHECK (kind IN ('choice', 'word_cloud', 'scale', 'open_text', 'ranking', 'qanda', 'board')),
      prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 300),
      symbol text CHECK (symbol ~ '^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$'),
      settings jsonb NOT NULL DEFAULT '{}',
      -- Results stay off the big screen until the facilitator reveals them.
      results_hidden boolean NOT NULL DEFAULT false,
      revealed_at timestamptz,
      -- ready → open (answers taken) → locked (no new answers, can reopen) → closed (tally frozen).
      state text NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'open', 'locked', 'closed')),
      closed_at timestamptz,
      frozen_tally jsonb,
      CHECK ((state = 'closed') = (closed_at IS NOT NULL AND frozen_tally IS NOT NULL)),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, session_id) REFERENCES live_session(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX live_interaction_session_idx ON live_interaction(area_id, session_id, position);
    ALTER TABLE live_session ADD FOREIGN KEY (area_id, current_interaction_id)
      REFERENCES live_interaction(area_id, id) ON DELETE SET NULL (current_interaction_id);

    ALTER TABLE response ADD COLUMN channel text NOT NULL DEFAULT 'survey' CHECK (channel IN ('survey', 'live'));

    CREATE TABLE live_participant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      session_id uuid NOT NULL,
      -- The participant's cookie holds a random token; only its hash is here.
      token_hash text NOT NULL UNIQUE,
      -- The response that carries their receipt code and how they want to hear back.
      response_id uuid NOT NULL UNIQUE,
      nickname text NOT NULL DEFAULT '' CHECK (length(nickname) <= 40),
      -- 1: answering for themselves; 2 to 10: one person answering for a small group.
      group_size integer NOT NULL DEFAULT 1 CHECK (group_size BETWEEN 1 AND 10),
      rules_agreed_at timestamptz NOT NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, session_id) REFERENCES live_session(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, response_id) REFERENCES response(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX live_participant_session_idx ON live_participant(area_id, session_id);

    CREATE TABLE live_answer (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      interaction_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      -- choice {options: [id]}, word_cloud {words: [..]}, scale {value: 1..5}, ranking {order: [id]}
      value jsonb NOT NULL,
      -- The words shown for it once screened (a word cloud's words, redacted); empty for the others.
      shown_text text NOT NULL DEFAULT '' CHECK (length(shown_text) <= 300),
      held boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (interaction_id, participant_id),
      FOREIGN KEY (area_id, interaction_id) REFERENCES live_interaction(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, participant_id) REFERENCES live_participant(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX live_answer_area_idx ON live_answer(area_id, interaction_id);

    CREATE TABLE live_cluster (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      interaction_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      column_key text NOT NULL DEFAULT '' CHECK (length(column_key) <= 40),
      position integer NOT NULL CHECK (position >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, interaction_id) REFERENCES live_interaction(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX live_cluster_interaction_idx ON live_cluster(area_id, interaction_id, position);

    CREATE TABLE live_post (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      interaction_id uuid NOT NULL,
      -- NULL: written by the facilitator (a note on the board to start people off).
      participant_id uuid,
      kind text NOT NULL CHECK (kind IN ('text', 'question', 'note')),
      -- What was typed, and what may be shown: personal details removed, swearing masked.
      original_text text NOT NULL DEFAULT '' CHECK (length(original_text) <= 500),
      shown_text text NOT NULL DEFAULT '' CHECK (length(shown_text) <= 500),
      symbol text CHECK (symbol ~ '^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$'),
      CHECK (original_text <> '' OR symbol IS NOT NULL),
      colour text NOT NULL DEFAULT 'yellow' CHECK (colour IN ('yellow', 'blue', 'green', 'pink', 'orange', 'purple')),
      column_key text NOT NULL DEFAULT '' CHECK (length(column_key) <= 40),
      cluster_id uuid,
      position integer NOT NULL DEFAULT 1 CHECK (position >= 1),
      -- pending: waits for the facilitator; shown: on the big screen; hidden: taken off by a
      -- facilitator; held: may be a disclosure of harm, held for the safeguarding lead.
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'shown', 'hidden', 'held')),
      -- Why it is waiting or hidden: 'profanity', 'personal_details', 'facilitator', 'safeguarding'.
      flags text[] NOT NULL DEFAULT '{}',
      moderated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      moderated_at timestamptz,
      -- The form's own key: a resent form adds nothing.
      client_key text NOT NULL CHECK (length(client_key) BETWEEN 8 AND 64),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      UNIQUE (interaction_id, participant_id, client_key),
      FOREIGN KEY (area_id, interaction_id) REFERENCES live_interaction(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, participant_id) REFERENCES live_participant(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, cluster_id) REFERENCES live_cluster(area_id, id) ON DELETE SET NULL (cluster_id)
    );
    CREATE INDEX live_post_interaction_idx ON live_post(area_id, interaction_id, status, position);

    CREATE TABLE live_vote (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      post_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (post_id, participant_id),
      FOREIGN KEY (area_id, post_id) REFERENCES live_post(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, participant_id) REFERENCES live_participant(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX live_vote_participant_idx ON live_vote(area_id, participant_id);

    CREATE TABLE live_event (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      session_id uuid NOT NULL,
      seq bigint NOT NULL CHECK (seq >= 1),
      kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
      -- Who may receive it: everyone (participants too), the big screen, or staff (the console).
      audience text NOT NULL CHECK (audience IN ('everyone', 'screen', 'staff')),
      payload jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, seq),
      FOREIGN KEY (area_id, session_id) REFERENCES live_session(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX live_event_area_idx ON live_event(area_id, session_id, seq);

    ALTER TABLE contribution ADD COLUMN channel text NOT NULL DEFAULT 'survey' CHECK (channel IN ('survey', 'live'));
    ALTER TABLE contribution ADD COLUMN live_session_id uuid;
    ALTER TABLE contribution ADD COLUMN live_interaction_id uuid;
    -- 'answer:<interaction>' or 'post:<post id>': one contribution per live answer or post.
    ALTER TABLE contribution ADD COLUMN live_key text CHECK (length(live_key) <= 100);
    ALTER TABLE contribution ADD CHECK ((channel = 'live') = (live_key IS NOT NULL));
    ALTER TABLE contribution ADD FOREIGN KEY (area_id, live_session_id) REFERENCES live_session(area_id, id) ON DELETE SET NULL (live_session_id);
    ALTER TABLE contribution ADD FOREIGN KEY (area_id, live_interaction_id) REFERENCES live_interaction(area_id, id) ON DELETE SET NULL (live_interaction_id);
    ALTER TABLE contribution DROP CONSTRAINT IF EXISTS contribution_source_check;
    ALTER TABLE contribution ADD CONSTRAINT contribution_source_check CHECK (source IN ('free_text', 'card_sort', 'anything_else', 'live'));
    DROP INDEX contribution_once_idx;
    CREATE UNIQUE INDEX contribution_once_idx ON contribution(response_id, question_id, source) NULLS NOT DISTINCT
      WHERE response_id IS NOT NULL AND live_key IS NULL;
    CREATE UNIQUE INDEX contribution_live_once_idx ON contribution(response_id, live_key) WHERE live_key IS NOT NULL;

    GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO chorus_app;
    GRANT SELECT, INSERT, DELETE ON live_join_code TO chorus_app;
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
    DROP INDEX IF EXISTS contribution_live_once_idx;
    ALTER TABLE contribution DROP COLUMN IF EXISTS live_key, DROP COLUMN IF EXISTS live_interaction_id, DROP COLUMN IF EXISTS live_session_id, DROP COLUMN IF EXISTS channel;
    ALTER TABLE response DROP COLUMN IF EXISTS channel;
    DROP TABLE IF EXISTS live_event, live_vote, live_post, live_cluster, live_answer, live_participant, live_interaction, live_join_code, live_session CASCADE;
  `).execute(db);
}
