/**
 * Activities (issue 3): co-production activities, their planning checks, sign-ups and adjustment
 * requests, and each area's school terms and planning settings.
 *
 * Same security model as the foundation: every table has area_id, RLS enabled and forced, and
 * per-table grants to chorus_app.
 */
import { sql, type Kysely } from 'kysely';

const AREA_TABLES = ['term_date', 'activity', 'planning_check', 'activity_signup', 'adjustment_request'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- Planning settings: the defaults are a typical English school day; each area sets its own.
    ALTER TABLE area
      ADD COLUMN min_notice_days integer NOT NULL DEFAULT 14 CHECK (min_notice_days BETWEEN 0 AND 120),
      ADD COLUMN school_day_starts time NOT NULL DEFAULT '08:45',
      ADD COLUMN school_day_ends time NOT NULL DEFAULT '15:15',
      ADD COLUMN drop_off_starts time NOT NULL DEFAULT '08:15',
      ADD COLUMN drop_off_ends time NOT NULL DEFAULT '09:15',
      ADD COLUMN pick_up_starts time NOT NULL DEFAULT '14:45',
      ADD COLUMN pick_up_ends time NOT NULL DEFAULT '15:45';

    -- School terms as the area's schools keep them; days outside every term on weekdays are holidays.
    CREATE TABLE term_date (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on)
    );
    CREATE INDEX term_date_area_idx ON term_date(area_id, starts_on);

    CREATE TABLE activity (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      organisation_id uuid REFERENCES organisation(id) ON DELETE SET NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
      easy_read_purpose text NOT NULL DEFAULT '' CHECK (length(easy_read_purpose) <= 600),
      type text NOT NULL CHECK (type IN ('survey', 'consultation', 'workshop', 'meeting', 'event', 'focus_group',
        'interview_panel', 'grant_panel', 'inspection', 'individual_planning')),
      level text NOT NULL CHECK (level IN ('individual', 'strategic')),
      stage text NOT NULL CHECK (stage IN ('design', 'deliver', 'review')),
      services text[] NOT NULL DEFAULT '{}',
      audience text NOT NULL CHECK (audience IN ('children_young_people', 'parent_carers', 'both')),
      age_bands text[] NOT NULL DEFAULT '{}',
      starts_at timestamptz,
      ends_at timestamptz,
      venue_kind text NOT NULL DEFAULT 'none' CHECK (venue_kind IN ('in_person', 'online', 'hybrid', 'none')),
      venue_name text NOT NULL DEFAULT '' CHECK (length(venue_name) <= 200),
      venue_address text NOT NULL DEFAULT '' CHECK (length(venue_address) <= 500),
      joining_instructions text NOT NULL DEFAULT '' CHECK (length(joining_instructions) <= 1000),
      venue_access_recorded boolean NOT NULL DEFAULT false,
      venue_access text[] NOT NULL DEFAULT '{}',
      questions_shared boolean NOT NULL DEFAULT false,
      adjustments_offered text[] NOT NULL DEFAULT '{}',
      interpreter_languages text NOT NULL DEFAULT '' CHECK (length(interpreter_languages) <= 200),
      ground_rules text[] NOT NULL DEFAULT '{}',
      contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 120),
      contact_email text NOT NULL CHECK (length(contact_email) <= 320),
      contact_phone text NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 40),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'feedback_given')),
      -- Survey style: one question per page with easy-read wording and symbols first.
      children_mode boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      opened_at timestamptz,
      closed_at timestamptz,
      CHECK (ends_at IS NULL OR starts_at IS NOT NULL AND ends_at >= starts_at)
    );
    CREATE INDEX activity_area_status_idx ON activity(area_id, status, starts_at);

    -- The result of each planning check, kept so a report can show what was checked before opening.
    CREATE TABLE planning_check (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
      check_key text NOT NULL,
      result text NOT NULL CHECK (result IN ('ok', 'warning', 'not_applicable')),
      detail text NOT NULL DEFAULT '',
      checked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (activity_id, check_key)
    );

    -- Sign-ups for timed activities: as little as lets the organisers welcome people.
    CREATE TABLE activity_signup (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
      account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      email text NOT NULL DEFAULT '' CHECK (length(email) <= 320),
      phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
      people integer NOT NULL DEFAULT 1 CHECK (people BETWEEN 1 AND 10),
      idempotency_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX activity_signup_activity_idx ON activity_signup(activity_id);

    -- What a participant asked for so they can take part (at sign-up or when answering a survey).
    CREATE TABLE adjustment_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
      signup_id uuid REFERENCES activity_signup(id) ON DELETE CASCADE,
      response_id uuid,
      adjustments text[] NOT NULL DEFAULT '{}',
      details text NOT NULL DEFAULT '' CHECK (length(details) <= 1000),
      contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 320),
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'arranged', 'not_possible')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX adjustment_request_activity_idx ON adjustment_request(activity_id, created_at);

    GRANT SELECT, INSERT, UPDATE, DELETE ON term_date, activity, planning_check, activity_signup, adjustment_request TO chorus_app;
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
    DROP TABLE IF EXISTS adjustment_request, activity_signup, planning_check, activity, term_date CASCADE;
    ALTER TABLE area DROP COLUMN IF EXISTS min_notice_days, DROP COLUMN IF EXISTS school_day_starts,
      DROP COLUMN IF EXISTS school_day_ends, DROP COLUMN IF EXISTS drop_off_starts, DROP COLUMN IF EXISTS drop_off_ends,
      DROP COLUMN IF EXISTS pick_up_starts, DROP COLUMN IF EXISTS pick_up_ends;
  `).execute(db);
}
