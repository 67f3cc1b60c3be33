/**
 * You said, we did (issue 4): themes of contributions ("you said"), one response to each theme
 * ("we did") with its history and what was published, how each contributor wants to hear back, the
 * notices sent when a response is published, "do you feel listened to?", each area's way of sending
 * messages, and the scheduled jobs every instance shares.
 */
import { sql, type Kysely } from 'kysely';

const AREA_TABLES = [
  'theme',
  'theme_contribution',
  'theme_response',
  'theme_response_version',
  'feedback_contact',
  'feedback_notice',
  'listened_rating',
  'area_notification_setting',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- "You said": contributions grouped under one heading.
    CREATE TABLE theme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 3000),
      easy_read_summary text NOT NULL DEFAULT '' CHECK (length(easy_read_summary) <= 1000),
      -- An OpenMoji code point sequence such as 1F3E0 or 1F468-200D-1F469.
      symbol text CHECK (symbol ~ '^[0-9A-F]{2,6}(-[0-9A-F]{2,6})*$'),
      symbol_alt text NOT NULL DEFAULT '' CHECK (length(symbol_alt) <= 200),
      -- "Most children chose …": a question whose results back the theme, and the sentence shown.
      cited_question_id uuid REFERENCES question(id) ON DELETE SET NULL,
      citation text NOT NULL DEFAULT '' CHECK (length(citation) <= 500),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (symbol IS NULL OR length(symbol_alt) > 0)
    );
    CREATE INDEX theme_area_idx ON theme(area_id, created_at);

    -- A contribution sits in one theme at most: moving it is an update, not a second row.
    CREATE TABLE theme_contribution (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      contribution_id uuid PRIMARY KEY REFERENCES contribution(id) ON DELETE CASCADE,
      theme_id uuid NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
      -- Chosen to be quoted (its redacted text only) on the theme's public page.
      is_quote boolean NOT NULL DEFAULT false,
      added_by uuid REFERENCES account(id) ON DELETE SET NULL,
      added_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX theme_contribution_theme_idx ON theme_contribution(theme_id);

    -- "We did": the answer to one theme. The working copy is edited with a version check;
    -- published_content is what the public saw at the last publication.
    CREATE TABLE theme_response (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      theme_id uuid NOT NULL UNIQUE REFERENCES theme(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'deciding' CHECK (status IN ('done', 'doing', 'will_do', 'cannot', 'deciding')),
      reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 3000),
      what_changed text NOT NULL DEFAULT '' CHECK (length(what_changed) <= 5000),
      what_changed_easy_read text NOT NULL DEFAULT '' CHECK (length(what_changed_easy_read) <= 2000),
      -- Lundy's audience: one of the area's boards, or a named role.
      decided_by_board_id uuid REFERENCES board(id) ON DELETE SET NULL,
      decided_by_role text NOT NULL DEFAULT '' CHECK (length(decided_by_role) <= 200),
      owner_account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      decided_on date,
      due_on date,
      done_on date,
      evidence_links text[] NOT NULL DEFAULT '{}',
      stage text NOT NULL DEFAULT 'draft' CHECK (stage IN ('draft', 'in_review', 'published')),
      version integer NOT NULL DEFAULT 1,
      first_published_at timestamptz,
      published_at timestamptz,
      published_version integer,
      published_content jsonb,
      -- Copied at publication so public pages filter without walking the theme's contributions.
      published_services text[] NOT NULL DEFAULT '{}',
      published_activity_ids uuid[] NOT NULL DEFAULT '{}',
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- "We can't" always says why.
      CHECK (status <> 'cannot' OR length(btrim(reason)) > 0),
      CHECK ((published_at IS NULL) = (published_content IS NULL)),
      CHECK ((first_published_at IS NULL) = (published_at IS NULL))
    );
    CREATE INDEX theme_response_published_idx ON theme_response(area_id, first_published_at) WHERE published_at IS NOT NULL;

    -- Every saved version of a response, for its history page and the "changed by someone else" page.
    CREATE TABLE theme_response_version (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      theme_response_id uuid NOT NULL REFERENCES theme_response(id) ON DELETE CASCADE,
      version integer NOT NULL,
      content jsonb NOT NULL,
      stage text NOT NULL,
      changed_by uuid REFERENCES account(id) ON DELETE SET NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (theme_response_id, version)
    );

    -- How the person who gave a response wants to hear what happened. The address is kept only for
    -- this, and deleted a year after the response (the purge job).
    CREATE TABLE feedback_contact (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      response_id uuid PRIMARY KEY REFERENCES response(id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('email', 'sms', 'supporter', 'letter', 'none')),
      -- An email address (email, supporter) or a mobile number (sms); empty otherwise.
      address text NOT NULL DEFAULT '' CHECK (length(address) <= 320),
      format text NOT NULL DEFAULT 'standard' CHECK (format IN ('standard', 'easy_read')),
      language text NOT NULL DEFAULT 'en',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((channel IN ('email', 'sms', 'supporter')) = (address <> ''))
    );

    -- One notice per person per published response: the unique key is the promise that nobody is told
    -- twice. The text is written at publication; the address is read from feedback_contact at sending.
    CREATE TABLE feedback_notice (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      theme_response_id uuid NOT NULL REFERENCES theme_response(id) ON DELETE CASCADE,
      response_id uuid NOT NULL REFERENCES response(id) ON DELETE CASCADE,
      -- 'account:<id>' for a signed-in person (all their responses), else 'response:<id>'.
      recipient_key text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email', 'sms', 'supporter', 'letter')),
      subject text NOT NULL DEFAULT '',
      body text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'printed', 'unknown')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text NOT NULL DEFAULT '' CHECK (length(last_error) <= 500),
      provider_reference text,
      created_at timestamptz NOT NULL DEFAULT now(),
      claimed_at timestamptz,
      sent_at timestamptz,
      UNIQUE (theme_response_id, recipient_key)
    );
    CREATE INDEX feedback_notice_pending_idx ON feedback_notice(area_id, status) WHERE status IN ('pending', 'sending');

    -- "Do you feel listened to?" asked on the receipt-code page; one answer per response, changeable.
    CREATE TABLE listened_rating (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      response_id uuid PRIMARY KEY REFERENCES response(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
      rating text NOT NULL CHECK (rating IN ('yes', 'a_bit', 'no')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX listened_rating_activity_idx ON listened_rating(activity_id);

    -- How an area sends email and text messages. Secrets are encrypted with a key derived from the
    -- installation secret and are never shown again once saved.
    CREATE TABLE area_notification_setting (
      area_id uuid PRIMARY KEY REFERENCES area(id) ON DELETE CASCADE,
      transport text NOT NULL DEFAULT 'outbox' CHECK (transport IN ('outbox', 'notify', 'smtp')),
      notify_api_key_encrypted text,
      notify_email_template_id text NOT NULL DEFAULT '' CHECK (length(notify_email_template_id) <= 100),
      notify_sms_template_id text NOT NULL DEFAULT '' CHECK (length(notify_sms_template_id) <= 100),
      smtp_host text NOT NULL DEFAULT '' CHECK (length(smtp_host) <= 255),
      smtp_port integer NOT NULL DEFAULT 587 CHECK (smtp_port BETWEEN 1 AND 65535),
      smtp_secure boolean NOT NULL DEFAULT false,
      smtp_user text NOT NULL DEFAULT '' CHECK (length(smtp_user) <= 255),
      smtp_password_encrypted text,
      email_from text NOT NULL DEFAULT '' CHECK (length(email_from) <= 320),
      version integer NOT NULL DEFAULT 1,
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    GRANT SELECT, INSERT, UPDATE, DELETE ON theme, theme_contribution, theme_response, theme_response_version,
      feedback_contact, feedback_notice, listened_rating, area_notification_setting TO chorus_app;

    -- Jobs every instance may run; whoever moves next_run_at forward first runs it, once.
    CREATE TABLE scheduled_job (
      name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{1,60}$'),
      next_run_at timestamptz NOT NULL,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_error text NOT NULL DEFAULT '',
      runs integer NOT NULL DEFAULT 0
    );
    GRANT SELECT, INSERT, UPDATE ON scheduled_job TO chorus_app;
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
    DROP TABLE IF EXISTS scheduled_job, area_notification_setting, listened_rating, feedback_notice, feedback_contact,
      theme_response_version, theme_response, theme_contribution, theme CASCADE;
  `).execute(db);
}
