/**
 * Safeguarding and data rights (issue 9).
 *
 * Safeguarding: a possible disclosure of harm, found in free text as it arrives or raised by staff,
 * becomes a concern. Two rules are enforced here, by PostgreSQL, not only by the app:
 * - a concern's rows (the child's words, the decision) are visible only to a transaction that has
 *   switched on app.safeguarding, which the app does only for a designated safeguarding lead (or its
 *   own alerting job, which reads no words);
 * - a contribution on safeguarding hold is invisible to every other transaction. Every page, export,
 *   result, theme, suggestion and public copy reads contributions through ordinary queries, so none
 *   of them can show a held contribution, including ones written after this migration.
 *
 * Data rights: each area's retention periods (a missing row means Chorus' default), a record of what
 * the retention job removed, consent records, and a flag on a published response whose frozen copy
 * quotes someone whose data was erased.
 */
import { sql, type Kysely } from 'kysely';

const AREA_TABLES = ['safeguarding_concern', 'safeguarding_action', 'safeguarding_alert', 'safeguarding_phrase', 'safeguarding_contact', 'retention_setting', 'retention_run', 'consent_record'];
// Tables whose every row is a safeguarding record: readable only with app.safeguarding on.
const SAFEGUARDING_ONLY = ['safeguarding_concern', 'safeguarding_action'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE area_membership DROP CONSTRAINT area_membership_role_check;
    ALTER TABLE area_membership ADD CONSTRAINT area_membership_role_check CHECK (role IN ('young_person', 'parent_carer',
      'supporter', 'practitioner', 'participation_lead', 'decision_maker', 'area_admin', 'safeguarding_lead'));

    ALTER TABLE contribution ADD COLUMN safeguarding_hold boolean NOT NULL DEFAULT false;
    -- Which version of the redaction engine last read the original words: a better engine (issue 10
    -- §4 added social-media handles) re-reads older contributions, so what was missed comes out.
    ALTER TABLE contribution ADD COLUMN redaction_version smallint NOT NULL DEFAULT 1;
    CREATE INDEX contribution_redaction_version_idx ON contribution(area_id, redaction_version);

    CREATE TABLE safeguarding_concern (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      -- 'automatic': found by the phrase lists; 'staff': raised by hand.
      origin text NOT NULL CHECK (origin IN ('automatic', 'staff')),
      -- Where the words came from: 'survey' now; live sessions, boards, panels, inspections and
      -- profiles plug in with their own channel name.
      channel text NOT NULL CHECK (channel ~ '^[a-z][a-z_]{1,40}$'),
      -- The channel's own stable key for the piece of text, so one answer makes one concern however
      -- often it is saved.
      source_key text NOT NULL CHECK (length(source_key) BETWEEN 1 AND 300),
      activity_id uuid REFERENCES activity(id) ON DELETE SET NULL,
      response_id uuid REFERENCES response(id) ON DELETE SET NULL,
      contribution_id uuid REFERENCES contribution(id) ON DELETE SET NULL,
      -- The words as written (the safeguarding record keeps its own copy: a contribution may be
      -- changed, redacted or deleted later).
      disclosed_text text NOT NULL CHECK (length(disclosed_text) BETWEEN 1 AND 20000),
      severity text NOT NULL CHECK (severity IN ('urgent', 'high', 'medium')),
      categories text[] NOT NULL DEFAULT '{}',
      rule_ids text[] NOT NULL DEFAULT '{}',
      -- What the person chose about contact, and who helped them, as it stood when it was raised.
      context jsonb NOT NULL DEFAULT '{}'::jsonb,
      raised_by uuid REFERENCES account(id) ON DELETE SET NULL,
      raised_reason text NOT NULL DEFAULT '' CHECK (length(raised_reason) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      first_reviewed_at timestamptz,
      first_reviewed_by uuid REFERENCES account(id) ON DELETE SET NULL,
      decision text CHECK (decision IN ('no_concern', 'referred_mash', 'referred_partnership', 'other')),
      decision_note text NOT NULL DEFAULT '' CHECK (length(decision_note) <= 5000),
      decided_at timestamptz,
      decided_by uuid REFERENCES account(id) ON DELETE SET NULL,
      closed_at timestamptz,
      -- The one reminder when nobody has looked within 24 hours.
      reminded_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      CHECK ((decision IS NULL) = (decided_at IS NULL)),
      CHECK (decision IS DISTINCT FROM 'other' OR length(btrim(decision_note)) > 0),
      CHECK (origin <> 'staff' OR raised_by IS NOT NULL OR raised_reason <> '')
    );
    CREATE UNIQUE INDEX safeguarding_concern_source_idx ON safeguarding_concern(area_id, channel, source_key) WHERE origin = 'automatic';
    CREATE INDEX safeguarding_concern_open_idx ON safeguarding_concern(area_id, created_at) WHERE closed_at IS NULL;
    CREATE INDEX safeguarding_concern_contribution_idx ON safeguarding_concern(contribution_id) WHERE contribution_id IS NOT NULL;

    -- What was done, with dates: "rang the MASH", "spoke to the school's DSL".
    CREATE TABLE safeguarding_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      concern_id uuid NOT NULL REFERENCES safeguarding_concern(id) ON DELETE CASCADE,
      taken_on date NOT NULL,
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
      recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX safeguarding_action_concern_idx ON safeguarding_action(concern_id, taken_on);

    -- Each alert to each person by each way: the unique key is the promise that nobody is alerted
    -- twice about one concern. The message says that there is a concern and where; never the words.
    CREATE TABLE safeguarding_alert (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      concern_id uuid NOT NULL REFERENCES safeguarding_concern(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('new', 'reminder')),
      account_id uuid REFERENCES account(id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      -- Whether it went to a safeguarding lead or, with none set, to an area admin.
      recipient_role text NOT NULL CHECK (recipient_role IN ('safeguarding_lead', 'area_admin')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
      -- A refused send is tried again (a few times) by the minute job: a lost alert is worse than a late one.
      attempts integer NOT NULL DEFAULT 0,
      last_error text NOT NULL DEFAULT '' CHECK (length(last_error) <= 500),
      created_at timestamptz NOT NULL DEFAULT now(),
      claimed_at timestamptz,
      sent_at timestamptz,
      UNIQUE (concern_id, kind, account_id, channel)
    );
    CREATE INDEX safeguarding_alert_pending_idx ON safeguarding_alert(area_id, status) WHERE status IN ('pending', 'sending');

    -- The area's own words to look for, added by its safeguarding leads (local slang, place names).
    CREATE TABLE safeguarding_phrase (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      phrase text NOT NULL CHECK (length(phrase) BETWEEN 2 AND 120),
      category text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('urgent', 'high', 'medium')),
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX safeguarding_phrase_unique_idx ON safeguarding_phrase(area_id, lower(phrase));

    -- A safeguarding lead's mobile number for text alerts (optional; email always goes).
    CREATE TABLE safeguarding_contact (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
      mobile text NOT NULL CHECK (mobile ~ '^\\+?[0-9]{10,15}$'),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (area_id, account_id)
    );

    -- An area's own retention period for one kind of data; no row means Chorus' default.
    CREATE TABLE retention_setting (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind ~ '^[a-z_]{2,40}$'),
      period_days integer NOT NULL CHECK (period_days BETWEEN 1 AND 9200),
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (area_id, kind)
    );

    -- What each run of the retention job removed: counts, never what the data said.
    CREATE TABLE retention_run (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      kind text NOT NULL,
      cutoff timestamptz NOT NULL,
      removed integer NOT NULL CHECK (removed >= 0),
      ran_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX retention_run_area_idx ON retention_run(area_id, ran_at DESC);

    -- What a person agreed to, when and by whom; versioned with the privacy notice.
    CREATE TABLE consent_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      account_id uuid REFERENCES account(id) ON DELETE CASCADE,
      response_id uuid REFERENCES response(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('privacy_notice', 'contact', 'quotes')),
      agreed boolean NOT NULL,
      notice_version text NOT NULL CHECK (length(notice_version) BETWEEN 1 AND 40),
      given_by text NOT NULL CHECK (given_by IN ('self', 'parent_carer', 'supporter')),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK (account_id IS NOT NULL OR response_id IS NOT NULL)
    );
    CREATE INDEX consent_record_account_idx ON consent_record(account_id, kind, recorded_at DESC) WHERE account_id IS NOT NULL;
    CREATE INDEX consent_record_response_idx ON consent_record(response_id, kind, recorded_at DESC) WHERE response_id IS NOT NULL;

    -- Link emails (sign-in and reset) asked for lately, per address and per network address: the
    -- limit that stops one inbox being flooded (issue 10 §3).
    CREATE INDEX security_event_link_email_idx ON security_event(email, at) WHERE kind = 'link_requested';
    CREATE INDEX security_event_link_ip_idx ON security_event(ip, at) WHERE kind = 'link_requested';

    -- Erasure removed a quote's author: the frozen public copy still quotes them until it is
    -- published again, and leads are told so.
    ALTER TABLE theme_response ADD COLUMN quote_withdrawn_at timestamptz;

    GRANT SELECT, INSERT, UPDATE, DELETE ON safeguarding_concern, safeguarding_action, safeguarding_alert, safeguarding_phrase,
      safeguarding_contact, retention_setting, consent_record TO chorus_app;
    GRANT SELECT, INSERT ON retention_run TO chorus_app;
  `).execute(db);

  for (const table of AREA_TABLES) {
    const safeguardingOnly = SAFEGUARDING_ONLY.includes(table) ? ` AND current_setting('app.safeguarding', true) = 'on'` : '';
    await sql.raw(`
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
      CREATE POLICY ${table}_area ON ${table}
        USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid${safeguardingOnly})
        WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid${safeguardingOnly});
    `).execute(db);
  }

  // A held contribution is invisible unless the transaction is a safeguarding lead's. New rows may
  // be written held (WITH CHECK is the area alone), so the answering service can hold on arrival.
  await sql.raw(`
    DROP POLICY contribution_area ON contribution;
    CREATE POLICY contribution_area ON contribution
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid
        AND (NOT safeguarding_hold OR current_setting('app.safeguarding', true) = 'on'))
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP POLICY contribution_area ON contribution;
    CREATE POLICY contribution_area ON contribution
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    DROP INDEX IF EXISTS security_event_link_email_idx, security_event_link_ip_idx;
    DROP TABLE IF EXISTS consent_record, retention_run, retention_setting, safeguarding_contact, safeguarding_phrase,
      safeguarding_alert, safeguarding_action, safeguarding_concern CASCADE;
    ALTER TABLE theme_response DROP COLUMN IF EXISTS quote_withdrawn_at;
    ALTER TABLE contribution DROP COLUMN IF EXISTS safeguarding_hold;
    ALTER TABLE contribution DROP COLUMN IF EXISTS redaction_version;
    DELETE FROM area_membership WHERE role = 'safeguarding_lead';
    ALTER TABLE area_membership DROP CONSTRAINT area_membership_role_check;
    ALTER TABLE area_membership ADD CONSTRAINT area_membership_role_check CHECK (role IN ('young_person', 'parent_carer',
      'supporter', 'practitioner', 'participation_lead', 'decision_maker', 'area_admin'));
  `).execute(db);
}
