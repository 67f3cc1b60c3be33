/**
 * Foundation: areas (tenants), accounts, sessions, memberships, organisations, invitations,
 * audit, outbox, charter, forums and boards.
 *
 * Security model (DESIGN.md §6): every table with area_id has row-level security enabled AND forced,
 * and the app connects as `chorus_app`, a role that owns nothing and cannot bypass RLS. The area is set
 * per transaction with set_config('app.area_id', …, true).
 */
import { sql, type Kysely } from 'kysely';

// Tables whose rows belong to one area. Each gets the standard area policy below.
const AREA_TABLES = [
  'organisation',
  'invitation',
  'audit_event',
  'charter',
  'charter_principle',
  'charter_commitment',
  'charter_signature',
  'forum',
  'board',
  'forum_board',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chorus_app') THEN
        CREATE ROLE chorus_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    END $$;
  `.execute(db);

  await sql.raw(`
    -- Installation secrets (the app role's password). Never granted to the app.
    CREATE TABLE installation_secret (
      name text PRIMARY KEY,
      value text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    REVOKE ALL ON installation_secret FROM PUBLIC;

    CREATE TABLE area (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      brand_colour text NOT NULL DEFAULT '#1d5c7a' CHECK (brand_colour ~ '^#[0-9a-f]{6}$'),
      contact_email text NOT NULL,
      is_demo boolean NOT NULL DEFAULT false,
      feedback_weeks integer NOT NULL DEFAULT 12 CHECK (feedback_weeks BETWEEN 1 AND 104),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE account (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) <= 320),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
      password_hash text,
      is_operator boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz
    );

    -- Only a hash of the session id is stored: a database leak does not hand out live sessions.
    CREATE TABLE session (
      id_hash text PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      user_agent text
    );
    CREATE INDEX session_account_idx ON session(account_id);

    -- Sign-in successes and failures; failures also drive the per-account and per-address limit.
    CREATE TABLE security_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      email text,
      ip text,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX security_event_email_idx ON security_event(email, at) WHERE kind = 'sign_in_failed';
    CREATE INDEX security_event_ip_idx ON security_event(ip, at) WHERE kind = 'sign_in_failed';

    -- Single-use links sent by email: password reset and magic sign-in. Only hashes are stored.
    CREATE TABLE one_time_token (
      token_hash text PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('password_reset', 'magic_link')),
      account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Every message Chorus sends, whatever the transport; in development the outbox is the transport.
    CREATE TABLE outbox_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_slug text,
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      recipient text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      transport text NOT NULL DEFAULT 'outbox',
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );

    CREATE TABLE organisation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
      kind text NOT NULL CHECK (kind IN ('council', 'nhs', 'school', 'charity', 'parent_carer_forum', 'other')),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, name),
      UNIQUE (area_id, id)
    );

    CREATE TABLE area_membership (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('young_person', 'parent_carer', 'supporter', 'practitioner',
        'participation_lead', 'decision_maker', 'area_admin')),
      organisation_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, account_id, role),
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE SET NULL (organisation_id)
    );
    CREATE INDEX area_membership_account_idx ON area_membership(account_id);

    CREATE TABLE invitation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      email text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL,
      organisation_id uuid,
      token_hash text NOT NULL UNIQUE,
      invited_by uuid REFERENCES account(id) ON DELETE SET NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id)
    );

    -- Append-only for the app: it may add and read, never change or remove.
    CREATE TABLE audit_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      actor_account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_event_area_at_idx ON audit_event(area_id, at DESC);

    CREATE TABLE charter (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL UNIQUE REFERENCES area(id) ON DELETE CASCADE,
      template_key text NOT NULL,
      title text NOT NULL,
      introduction text NOT NULL,
      easy_read_introduction text NOT NULL,
      source_note text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id)
    );

    CREATE TABLE charter_principle (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL,
      charter_id uuid NOT NULL,
      position integer NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      description text NOT NULL,
      easy_read text NOT NULL,
      symbol text,
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, charter_id) REFERENCES charter(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE charter_commitment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL,
      principle_id uuid NOT NULL,
      position integer NOT NULL,
      party text NOT NULL CHECK (party IN ('everyone', 'organisations', 'forum')),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      FOREIGN KEY (area_id, principle_id) REFERENCES charter_principle(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE charter_signature (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      signed_by_name text NOT NULL CHECK (length(signed_by_name) BETWEEN 1 AND 120),
      signed_by_role text NOT NULL CHECK (length(signed_by_role) BETWEEN 1 AND 120),
      signed_on date NOT NULL,
      recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, organisation_id),
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE forum (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      audience text NOT NULL CHECK (audience IN ('young_people', 'parent_carers', 'mixed')),
      description text NOT NULL,
      easy_read text NOT NULL,
      meets text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0,
      UNIQUE (area_id, id)
    );

    CREATE TABLE board (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      description text NOT NULL,
      position integer NOT NULL DEFAULT 0,
      UNIQUE (area_id, id)
    );

    CREATE TABLE forum_board (
      area_id uuid NOT NULL,
      forum_id uuid NOT NULL,
      board_id uuid NOT NULL,
      PRIMARY KEY (area_id, forum_id, board_id),
      FOREIGN KEY (area_id, forum_id) REFERENCES forum(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, board_id) REFERENCES board(area_id, id) ON DELETE CASCADE
    );
  `).execute(db);

  await sql.raw(`
    GRANT USAGE ON SCHEMA public TO chorus_app;
    GRANT SELECT, INSERT, UPDATE ON area TO chorus_app;
    GRANT SELECT, INSERT, UPDATE ON account TO chorus_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON session, one_time_token TO chorus_app;
    GRANT SELECT, INSERT ON security_event TO chorus_app;
    GRANT SELECT, INSERT, UPDATE ON outbox_message TO chorus_app;
    GRANT SELECT, INSERT ON audit_event TO chorus_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON organisation, area_membership, invitation, charter,
      charter_principle, charter_commitment, charter_signature, forum, board, forum_board TO chorus_app;
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
  // Memberships: visible inside their area, and to their own account (to list "your areas" at sign-in).
  // Written only inside their area.
  await sql.raw(`
    ALTER TABLE area_membership ENABLE ROW LEVEL SECURITY;
    ALTER TABLE area_membership FORCE ROW LEVEL SECURITY;
    CREATE POLICY area_membership_read ON area_membership FOR SELECT
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid
          OR account_id = nullif(current_setting('app.account_id', true), '')::uuid);
    CREATE POLICY area_membership_write ON area_membership FOR ALL
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP TABLE IF EXISTS forum_board, board, forum, charter_signature, charter_commitment, charter_principle,
      charter, audit_event, invitation, area_membership, organisation, outbox_message, one_time_token,
      security_event, session, account, area, installation_secret CASCADE;
  `).execute(db);
  // The chorus_app role is cluster-wide and may serve other databases: it is left in place.
}
