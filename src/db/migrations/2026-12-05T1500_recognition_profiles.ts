/**
 * Recognition and individual co-production (issue 17). Every new table is an area table (area_id,
 * composite (area_id, x) foreign keys, forced row-level security). Decision 0032 explains the shape.
 *
 * A young person's own way in
 * - account.email may now be empty: a young person's account has no email address. They sign in with
 *   a personal code and a picture password chosen with a supporter (young_person), or a parent carer
 *   who manages the account for a younger child opens their pages through their own sign-in.
 * - young_person: the young person in one area. `age_band` (never a date of birth); `code_hash`
 *   (sha-256 of their sign-in code), `pictures_hash` (argon2id of the picture password: the ids of
 *   the pictures, in order); `managed_by` (a parent carer who set up and looks after the account);
 *   `parents_see`: whether parent carers linked to them see their pages. The rule (recognition core
 *   `parentsMaySee`): under 13 yes, unless staff record otherwise; 13 or over only if the young person
 *   chose yes (`parents_choice_at` records when they chose).
 * - young_guardian: a parent carer (an account) linked to a young person.
 * - young_setup_link: a single-use link emailed to a parent carer to set up and manage a child's account.
 *
 * Recognition ledger. A person is one of: an account (young people, parent carers, volunteers),
 * a panel member known only by their code, or someone who signed up to an event by name. Exactly one of
 * account_id, panel_member_id, signup_id is set, and `person_key` ('a:…', 'm:…', 's:…') names them
 * for uniqueness rules.
 * - attendance: who came to an activity (a lead ticks the sign-ups after an event).
 * - thanks: a thank-you message (easy read) to one person for one activity, once.
 * - recognition_budget: money for rewards, for an organisation or an activity; committed and left are
 *   worked out from the rewards on it.
 * - reward_rule: an area's rule ("£10 voucher per event attended") that proposes rewards after an
 *   activity for a lead to approve in bulk.
 * - reward: a voucher or payment to one person for one activity, from a budget: proposed, approved,
 *   issued, received (or declined). The voucher code is shown to the person on their own page; it goes
 *   in an email only if `code_by_email_at` records their consent.
 * - name_consent: consent to use a person's name (on certificates), and its withdrawal.
 * - certificate: a certificate made for one person (only with their name consent).
 * - recognition_setting: the area's deadline for thanks (days after an activity ends).
 *
 * Individual co-production
 * - profile: a young person's "All about me" one-page profile (one each) or "My views for my plan"
 *   (one per annual review); profile_version keeps every saved version (content as JSON).
 * - profile_photo: a photo the young person chose for their profile, re-encoded without metadata.
 * - profile_share: who a profile is shared with (an account, or an email address reached by a link),
 *   when, by whom; `revoked_at` ends it at once.
 * - volunteer: a volunteer's or support worker's profile (interests, skills such as Makaton or BSL,
 *   what they are like, availability; the DBS check date recorded by staff).
 * - match_request: what matters to a young person in a volunteer ("likes football", "someone calm").
 * - introduction: a young person chose to meet a volunteer; after meeting they say how it went (faces
 *   and words) and whether they want to carry on; staff confirm the match only with that said.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = [
  'young_person', 'young_guardian', 'young_setup_link',
  'attendance', 'thanks', 'recognition_budget', 'reward_rule', 'reward', 'name_consent', 'certificate', 'recognition_setting',
  'profile', 'profile_version', 'profile_photo', 'profile_share', 'volunteer', 'match_request', 'introduction',
] as const;

// One person of the ledger: exactly one of the three, and a key that names them.
const PERSON = `
      account_id uuid REFERENCES account(id) ON DELETE CASCADE,
      panel_member_id uuid,
      signup_id uuid,
      person_key text GENERATED ALWAYS AS (coalesce('a:' || account_id::text, 'm:' || panel_member_id::text, 's:' || signup_id::text)) STORED,
      CHECK (num_nonnulls(account_id, panel_member_id, signup_id) = 1),
      FOREIGN KEY (area_id, panel_member_id) REFERENCES panel_member(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, signup_id) REFERENCES activity_signup(area_id, id) ON DELETE CASCADE`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE account ALTER COLUMN email DROP NOT NULL;

    CREATE TABLE young_person (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      account_id uuid NOT NULL UNIQUE REFERENCES account(id) ON DELETE CASCADE,
      age_band text NOT NULL CHECK (age_band IN ('0_4', '5_7', '8_11', '12_15', '16_18', '19_25')),
      -- Whether they are 13 or over (the age bands cross 13): asked, not worked out.
      thirteen_or_over boolean NOT NULL DEFAULT false,
      code_hash text UNIQUE,
      pictures_hash text,
      managed_by uuid REFERENCES account(id) ON DELETE SET NULL,
      parents_see boolean,
      parents_choice_at timestamptz,
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      UNIQUE (area_id, id)
    );

    CREATE TABLE young_guardian (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      young_person_id uuid NOT NULL,
      account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (young_person_id, account_id),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, young_person_id) REFERENCES young_person(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX young_guardian_account_idx ON young_guardian(area_id, account_id);

    CREATE TABLE young_setup_link (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      young_person_id uuid NOT NULL,
      email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, young_person_id) REFERENCES young_person(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE attendance (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,${PERSON},
      recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (activity_id, person_key),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE thanks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,${PERSON},
      message text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
      symbol text CHECK (symbol IS NULL OR symbol ~ '^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$'),
      -- How it reached them: their own page, an email or text, or through their supporter.
      channel text NOT NULL DEFAULT 'page' CHECK (channel IN ('page', 'email', 'sms', 'supporter')),
      sent_by uuid REFERENCES account(id) ON DELETE SET NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (activity_id, person_key),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE recognition_budget (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      organisation_id uuid,
      activity_id uuid,
      amount_pence bigint NOT NULL CHECK (amount_pence BETWEEN 0 AND 100000000),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE SET NULL (organisation_id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE SET NULL (activity_id)
    );

    CREATE TABLE reward_rule (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      -- What earns it: attending an event (attendance), or giving time on a panel or visit (time_given).
      earned_by text NOT NULL CHECK (earned_by IN ('attended', 'time_given')),
      kind text NOT NULL CHECK (kind IN ('voucher', 'payment')),
      value_pence integer NOT NULL CHECK (value_pence BETWEEN 1 AND 100000),
      voucher_type text NOT NULL DEFAULT '' CHECK (length(voucher_type) <= 80),
      budget_id uuid NOT NULL,
      -- Only for this activity type (null: every type).
      activity_type text CHECK (activity_type IS NULL OR length(activity_type) <= 40),
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, budget_id) REFERENCES recognition_budget(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE reward (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,${PERSON},
      kind text NOT NULL CHECK (kind IN ('voucher', 'payment')),
      value_pence integer NOT NULL CHECK (value_pence BETWEEN 1 AND 100000),
      voucher_type text NOT NULL DEFAULT '' CHECK (length(voucher_type) <= 80),
      budget_id uuid NOT NULL,
      rule_id uuid,
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'issued', 'received', 'declined')),
      proposed_at timestamptz NOT NULL DEFAULT now(),
      approved_by uuid REFERENCES account(id) ON DELETE SET NULL,
      approved_at timestamptz,
      issued_by uuid REFERENCES account(id) ON DELETE SET NULL,
      issued_at timestamptz,
      received_at timestamptz,
      -- Shown to the person on their own page; in an email only with their consent (code_by_email_at).
      voucher_code text CHECK (voucher_code IS NULL OR length(voucher_code) <= 200),
      code_by_email_at timestamptz,
      CHECK (status = 'proposed' OR status = 'declined' OR approved_at IS NOT NULL),
      CHECK (status NOT IN ('issued', 'received') OR issued_at IS NOT NULL),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, budget_id) REFERENCES recognition_budget(area_id, id),
      FOREIGN KEY (area_id, rule_id) REFERENCES reward_rule(area_id, id) ON DELETE SET NULL (rule_id)
    );
    -- A rule proposes a reward once per person and activity.
    CREATE UNIQUE INDEX reward_rule_once_idx ON reward(rule_id, activity_id, person_key) WHERE rule_id IS NOT NULL;
    CREATE INDEX reward_budget_idx ON reward(area_id, budget_id, status);

    CREATE TABLE name_consent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,${PERSON},
      -- The name they agreed may be printed (a first name or the name they choose).
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      -- Who gave it: the person themselves, or their parent carer for a younger child.
      given_by text NOT NULL CHECK (given_by IN ('self', 'parent_carer')),
      recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
      consented_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      UNIQUE (area_id, id)
    );
    CREATE UNIQUE INDEX name_consent_current_idx ON name_consent(area_id, person_key) WHERE withdrawn_at IS NULL;

    CREATE TABLE certificate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,${PERSON},
      activity_id uuid,
      name_consent_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      what_they_did text NOT NULL CHECK (length(what_they_did) BETWEEN 1 AND 1000),
      minutes integer NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 1000000),
      issued_by uuid REFERENCES account(id) ON DELETE SET NULL,
      issued_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE SET NULL (activity_id),
      FOREIGN KEY (area_id, name_consent_id) REFERENCES name_consent(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE recognition_setting (
      area_id uuid PRIMARY KEY REFERENCES area(id) ON DELETE CASCADE,
      thanks_due_days integer NOT NULL DEFAULT 14 CHECK (thanks_due_days BETWEEN 1 AND 180),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1)
    );

    CREATE TABLE profile (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      young_person_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('all_about_me', 'my_views')),
      -- For "My views for my plan": which review it is for ("Annual review, March 2027").
      title text NOT NULL DEFAULT '' CHECK (length(title) <= 120),
      current_version integer NOT NULL DEFAULT 0 CHECK (current_version >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, young_person_id) REFERENCES young_person(area_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX profile_all_about_me_idx ON profile(young_person_id) WHERE kind = 'all_about_me';

    CREATE TABLE profile_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      profile_id uuid NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      content jsonb NOT NULL,
      made_by uuid REFERENCES account(id) ON DELETE SET NULL,
      made_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (profile_id, version),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, profile_id) REFERENCES profile(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE profile_photo (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      profile_id uuid NOT NULL,
      image bytea NOT NULL,
      width integer NOT NULL,
      height integer NOT NULL,
      alt text NOT NULL DEFAULT '' CHECK (length(alt) <= 300),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, profile_id) REFERENCES profile(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE profile_share (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      profile_id uuid NOT NULL,
      -- Who may see it: someone with an account here, or an email address that opens it by a link.
      account_id uuid REFERENCES account(id) ON DELETE CASCADE,
      email text CHECK (email IS NULL OR (email = lower(email) AND length(email) BETWEEN 3 AND 320)),
      token_hash text UNIQUE,
      -- Who they are to the young person, in the family's words ("my SENCO", "my caseworker").
      role_words text NOT NULL DEFAULT '' CHECK (length(role_words) <= 120),
      shared_by uuid REFERENCES account(id) ON DELETE SET NULL,
      shared_at timestamptz NOT NULL DEFAULT now(),
      revoked_by uuid REFERENCES account(id) ON DELETE SET NULL,
      revoked_at timestamptz,
      CHECK (account_id IS NOT NULL OR (email IS NOT NULL AND token_hash IS NOT NULL)),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, profile_id) REFERENCES profile(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX profile_share_account_idx ON profile_share(area_id, account_id) WHERE revoked_at IS NULL;

    CREATE TABLE volunteer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      organisation_id uuid,
      kind text NOT NULL DEFAULT 'volunteer' CHECK (kind IN ('volunteer', 'support_worker')),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
      about text NOT NULL DEFAULT '' CHECK (length(about) <= 1000),
      interests text[] NOT NULL DEFAULT '{}',
      skills text[] NOT NULL DEFAULT '{}',
      availability text NOT NULL DEFAULT '' CHECK (length(availability) <= 300),
      photo bytea,
      dbs_checked_on date,
      dbs_recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, organisation_id) REFERENCES organisation(area_id, id) ON DELETE SET NULL (organisation_id)
    );

    CREATE TABLE match_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      young_person_id uuid NOT NULL,
      wishes text[] NOT NULL DEFAULT '{}',
      words text NOT NULL DEFAULT '' CHECK (length(words) <= 1000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'closed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, young_person_id) REFERENCES young_person(area_id, id) ON DELETE CASCADE
    );

    CREATE TABLE introduction (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      match_request_id uuid NOT NULL,
      volunteer_id uuid NOT NULL,
      chosen_at timestamptz NOT NULL DEFAULT now(),
      meets_at timestamptz,
      met_at timestamptz,
      -- What the young person said afterwards: a face (1 very unhappy … 5 very happy), words, carry on?
      feeling integer CHECK (feeling IS NULL OR feeling BETWEEN 1 AND 5),
      words text NOT NULL DEFAULT '' CHECK (length(words) <= 2000),
      carry_on text CHECK (carry_on IS NULL OR carry_on IN ('yes', 'no', 'not_sure')),
      said_at timestamptz,
      said_by uuid REFERENCES account(id) ON DELETE SET NULL,
      confirmed_at timestamptz,
      confirmed_by uuid REFERENCES account(id) ON DELETE SET NULL,
      ended_at timestamptz,
      -- A match is confirmed only with the young person's say recorded, and only if they want to carry on.
      CHECK (confirmed_at IS NULL OR (said_at IS NOT NULL AND carry_on = 'yes')),
      UNIQUE (match_request_id, volunteer_id),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, match_request_id) REFERENCES match_request(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, volunteer_id) REFERENCES volunteer(area_id, id) ON DELETE CASCADE
    );

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
    DROP TABLE IF EXISTS introduction, match_request, volunteer, profile_share, profile_photo, profile_version, profile,
      recognition_setting, certificate, name_consent, reward, reward_rule, recognition_budget, thanks, attendance,
      young_setup_link, young_guardian, young_person CASCADE;
    ALTER TABLE account ALTER COLUMN email SET NOT NULL;
  `).execute(db);
}
