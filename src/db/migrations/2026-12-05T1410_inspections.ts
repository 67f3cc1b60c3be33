/**
 * Young inspectors (issue 16 §2). Every table is an area table (area_id, composite (area_id, x)
 * foreign keys, forced row-level security).
 *
 * - inspection_programme: what is inspected ("inclusive physical activity at holiday clubs"),
 *   belongs to an activity; its young inspectors are a panel of kind 'inspection' (membership,
 *   consent and ground rules as for any panel). Its rules: a visit whose overall rating is at or
 *   below `reinspect_at_or_below` stars gets a re-inspection `reinspect_after_days` later; a
 *   provider whose latest visit is at or above `standard_at_or_above` may show the young
 *   inspectors' rating on a public page. `rating_words`: what each rating means, in the young
 *   inspectors' words (JSON: { "1": "…", …, "5": "…" }).
 * - inspection_criterion: a checklist item co-designed by the young inspectors, with a symbol and
 *   what good looks like; proposed by an inspector, agreed by the team.
 * - inspection_provider: a provider or venue that can be visited (an organisation, not a person).
 * - inspection_visit: one visit to a provider. Its date, venue and access are its own activity's
 *   (so the planning checks, adjustments and ground rules are the existing ones). The provider reads
 *   the report through a link (the hash of its token is here) and responds with actions and dates.
 * - inspection_rating: one inspector's rating and note for one criterion on one visit, saved as they
 *   go (one row each, replaced on every save, so a dropped signal loses at most the field being typed).
 * - inspection_photo: a photo of the place (never of people), re-encoded without metadata.
 * - inspection_action: what the provider will do, by when, after the report.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = ['inspection_programme', 'inspection_criterion', 'inspection_provider', 'inspection_visit', 'inspection_rating', 'inspection_photo', 'inspection_action'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE inspection_programme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      panel_id uuid NOT NULL UNIQUE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      focus text NOT NULL DEFAULT '' CHECK (length(focus) <= 3000),
      rating_words jsonb NOT NULL DEFAULT '{}',
      reinspect_at_or_below integer NOT NULL DEFAULT 3 CHECK (reinspect_at_or_below BETWEEN 0 AND 5),
      reinspect_after_days integer NOT NULL DEFAULT 90 CHECK (reinspect_after_days BETWEEN 7 AND 730),
      standard_at_or_above integer NOT NULL DEFAULT 4 CHECK (standard_at_or_above BETWEEN 1 AND 5),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (reinspect_at_or_below < standard_at_or_above),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, panel_id) REFERENCES panel(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX inspection_programme_activity_idx ON inspection_programme(area_id, activity_id);

    CREATE TABLE inspection_criterion (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      programme_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      good_looks_like text NOT NULL DEFAULT '' CHECK (length(good_looks_like) <= 1000),
      symbol text,
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'agreed', 'dropped')),
      proposed_by uuid,
      position integer NOT NULL CHECK (position >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, programme_id) REFERENCES inspection_programme(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, proposed_by) REFERENCES panel_member(area_id, id) ON DELETE SET NULL (proposed_by)
    );
    CREATE INDEX inspection_criterion_programme_idx ON inspection_criterion(area_id, programme_id, position);

    CREATE TABLE inspection_provider (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      venue text NOT NULL DEFAULT '' CHECK (length(venue) <= 300),
      -- Where the report link goes. A work address; staff type it.
      contact_email text NOT NULL DEFAULT '' CHECK (length(contact_email) <= 320),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id)
    );
    CREATE UNIQUE INDEX inspection_provider_name_idx ON inspection_provider(area_id, lower(name));

    CREATE TABLE inspection_visit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      programme_id uuid NOT NULL,
      provider_id uuid NOT NULL,
      -- The visit's own activity: its date, venue, access, adjustments and planning checks.
      activity_id uuid NOT NULL,
      -- A re-inspection points at the visit that asked for it.
      reinspection_of uuid,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'visited', 'reported', 'responded', 'cancelled')),
      visited_at timestamptz,
      -- The report, in standard and easy read, written with the inspectors.
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 10000),
      easy_read_summary text NOT NULL DEFAULT '' CHECK (length(easy_read_summary) <= 5000),
      -- The overall rating (mean of the agreed criteria's ratings, 1 decimal), fixed when reported.
      overall_rating numeric(2,1) CHECK (overall_rating BETWEEN 1 AND 5),
      reported_at timestamptz,
      provider_token_hash text UNIQUE,
      provider_token_expires_at timestamptz,
      provider_response text NOT NULL DEFAULT '' CHECK (length(provider_response) <= 5000),
      provider_responded_at timestamptz,
      findings_made_at timestamptz,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, programme_id) REFERENCES inspection_programme(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, provider_id) REFERENCES inspection_provider(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, reinspection_of) REFERENCES inspection_visit(area_id, id) ON DELETE SET NULL (reinspection_of)
    );
    CREATE INDEX inspection_visit_programme_idx ON inspection_visit(area_id, programme_id, created_at);
    CREATE INDEX inspection_visit_activity_idx ON inspection_visit(area_id, activity_id);
    CREATE INDEX inspection_visit_provider_idx ON inspection_visit(area_id, provider_id, reported_at);
    CREATE UNIQUE INDEX inspection_visit_one_reinspection_idx ON inspection_visit(reinspection_of) WHERE reinspection_of IS NOT NULL;

    CREATE TABLE inspection_rating (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      visit_id uuid NOT NULL,
      criterion_id uuid NOT NULL,
      member_id uuid NOT NULL,
      rating integer CHECK (rating BETWEEN 1 AND 5),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 3000),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (visit_id, criterion_id, member_id),
      FOREIGN KEY (area_id, visit_id) REFERENCES inspection_visit(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, criterion_id) REFERENCES inspection_criterion(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, member_id) REFERENCES panel_member(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX inspection_rating_visit_idx ON inspection_rating(area_id, visit_id);

    CREATE TABLE inspection_photo (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      visit_id uuid NOT NULL,
      member_id uuid,
      criterion_id uuid,
      bytes bytea NOT NULL,
      mime text NOT NULL CHECK (mime IN ('image/webp')),
      width integer NOT NULL CHECK (width > 0),
      height integer NOT NULL CHECK (height > 0),
      sha256 text NOT NULL,
      alt_text text NOT NULL CHECK (length(alt_text) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, visit_id) REFERENCES inspection_visit(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, member_id) REFERENCES panel_member(area_id, id) ON DELETE SET NULL (member_id),
      FOREIGN KEY (area_id, criterion_id) REFERENCES inspection_criterion(area_id, id) ON DELETE SET NULL (criterion_id)
    );
    CREATE INDEX inspection_photo_visit_idx ON inspection_photo(area_id, visit_id);

    CREATE TABLE inspection_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      visit_id uuid NOT NULL,
      action text NOT NULL CHECK (length(action) BETWEEN 1 AND 1000),
      due_on date,
      done_at timestamptz,
      position integer NOT NULL CHECK (position >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, visit_id) REFERENCES inspection_visit(area_id, id) ON DELETE CASCADE
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
    DROP TABLE IF EXISTS inspection_action, inspection_photo, inspection_rating, inspection_visit, inspection_provider, inspection_criterion, inspection_programme CASCADE;
  `).execute(db);
}
