/**
 * Issue 13 §1 (evaluation): participants rate an activity themselves, on a child-friendly symbol
 * scale ("Grown-ups decided everything" … "We led it").
 *
 * - rating_scale_step: an area's own words, symbol and common level for each of the scale's four
 *   steps. No rows: Chorus' defaults (evaluation/data/ratings-scale.ts, words in the catalogue);
 *   words left NULL are Chorus' own too, so they stay in the reader's language.
 * - rating_link: a short code staff make after a meeting, for people to rate it without an account.
 *   Open until a member of staff closes it or it reaches closes_at; at most one open per activity.
 * - participant_rating: one rating. From a survey's thank-you page it is tied to that response (one
 *   per response, changeable, erased with it); from a rating link it is tied to nothing about a
 *   person: no name, no address, no cookie value. Staff only ever see totals (ratings.service.ts).
 *   common_level is kept as it was mapped when the person chose, so an area changing the mapping
 *   later does not rewrite what people said.
 */
import { sql, type Kysely } from 'kysely';

const STEPS = `('decided_for_us', 'asked_us', 'decided_together', 'we_led')`;
const LEVELS = `('none', 'inform', 'consult', 'involve', 'co_design', 'co_produce')`;
const VARIANTS = `('children', 'parent_carers')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE rating_scale_step (
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      step text NOT NULL CHECK (step IN ${STEPS}),
      -- NULL: Chorus' own words for the step, in the reader's language (English or Welsh).
      children_words text CHECK (length(children_words) BETWEEN 1 AND 80),
      parent_carer_words text CHECK (length(parent_carer_words) BETWEEN 1 AND 80),
      symbol text NOT NULL CHECK (symbol ~ '^[0-9A-F]{2,6}(-[0-9A-F]{2,6})*$'),
      common_level text NOT NULL CHECK (common_level IN ${LEVELS}),
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (area_id, step)
    );

    CREATE TABLE rating_link (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      -- The short code people type ("7KQ-4MZ"), unique in its area; it lets people add a rating, nothing more.
      code text NOT NULL CHECK (code ~ '^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$'),
      variant text NOT NULL CHECK (variant IN ${VARIANTS}),
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      closes_at timestamptz NOT NULL,
      closed_at timestamptz,
      closed_by uuid REFERENCES account(id) ON DELETE SET NULL,
      UNIQUE (area_id, id),
      UNIQUE (area_id, code),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE
    );
    -- One open link per activity: making a new one closes the old one in the same transaction.
    CREATE UNIQUE INDEX rating_link_one_open ON rating_link(area_id, activity_id) WHERE closed_at IS NULL;

    CREATE TABLE participant_rating (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      activity_id uuid NOT NULL,
      response_id uuid,
      rating_link_id uuid,
      step text NOT NULL CHECK (step IN ${STEPS}),
      common_level text NOT NULL CHECK (common_level IN ${LEVELS}),
      variant text NOT NULL CHECK (variant IN ${VARIANTS}),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- From a survey's thank-you page or from a link, never both, never neither.
      CHECK ((response_id IS NULL) <> (rating_link_id IS NULL)),
      FOREIGN KEY (area_id, activity_id) REFERENCES activity(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, response_id) REFERENCES response(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, rating_link_id) REFERENCES rating_link(area_id, id) ON DELETE CASCADE
    );
    -- One rating per response (changed in place).
    CREATE UNIQUE INDEX participant_rating_one_per_response ON participant_rating(area_id, response_id) WHERE response_id IS NOT NULL;
    CREATE INDEX participant_rating_activity_idx ON participant_rating(area_id, activity_id, step);
    CREATE INDEX participant_rating_link_idx ON participant_rating(area_id, rating_link_id) WHERE rating_link_id IS NOT NULL;
  `).execute(db);

  for (const table of ['rating_scale_step', 'rating_link', 'participant_rating']) {
    await sql.raw(`
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
      CREATE POLICY ${table}_area ON ${table}
        USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
        WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
      GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO chorus_app;
    `).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP TABLE IF EXISTS participant_rating;
    DROP TABLE IF EXISTS rating_link;
    DROP TABLE IF EXISTS rating_scale_step;
  `).execute(db);
}
