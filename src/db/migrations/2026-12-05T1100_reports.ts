/**
 * Reports (issue 14): a report, its parts (registry sections and written parts) and its frozen
 * snapshot once published, and a history of what happened to it (who sent it for review, who
 * approved it, who published it).
 *
 * Every table is an area table: area_id, composite (area_id, x) foreign keys so a row can never point
 * at another area's report, board, forum or organisation, and forced row-level security.
 *
 * Two version numbers: `report.version` guards the report's own details and the order of its parts;
 * `report_part.version` guards one part's commentary, so two forums writing their own parts at the
 * same time never conflict, and two people writing the same part never lose each other's words.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = ['report', 'report_part', 'report_event'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('board', 'local_account', 'annual_publication')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      -- The audience: one of the area's boards, or words of the area's own when it is not a board.
      audience_board_id uuid,
      audience_text text NOT NULL DEFAULT '' CHECK (length(audience_text) <= 200),
      authors text NOT NULL DEFAULT '' CHECK (length(authors) <= 500),
      scope_kind text NOT NULL DEFAULT 'area' CHECK (scope_kind IN ('area', 'organisation', 'service')),
      scope_organisation_id uuid,
      scope_service text CHECK (length(scope_service) BETWEEN 1 AND 120),
      CHECK ((scope_kind = 'organisation') = (scope_organisation_id IS NOT NULL)),
      CHECK ((scope_kind = 'service') = (scope_service IS NOT NULL)),
      period_from date NOT NULL,
      period_to date NOT NULL,
      CHECK (period_from <= period_to),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'approved', 'published')),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      edition integer NOT NULL DEFAULT 1 CHECK (edition >= 1),
      previous_report_id uuid,
      created_by uuid REFERENCES account(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      approved_by uuid REFERENCES account(id) ON DELETE SET NULL,
      approved_at timestamptz,
      published_by uuid REFERENCES account(id) ON DELETE SET NULL,
      published_at timestamptz,
      -- The ReportDocument as it was when published: a published report never changes.
      snapshot jsonb,
      CHECK (status <> 'published' OR (snapshot IS NOT NULL AND published_at IS NOT NULL)),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, audience_board_id) REFERENCES board(area_id, id) ON DELETE SET NULL (audience_board_id),
      FOREIGN KEY (area_id, scope_organisation_id) REFERENCES organisation(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, previous_report_id) REFERENCES report(area_id, id) ON DELETE SET NULL (previous_report_id)
    );
    CREATE INDEX report_area_idx ON report(area_id, status, created_at DESC);
    CREATE INDEX report_previous_idx ON report(area_id, previous_report_id) WHERE previous_report_id IS NOT NULL;

    CREATE TABLE report_part (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      report_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('section', 'written')),
      section_key text CHECK (length(section_key) BETWEEN 1 AND 100),
      title text CHECK (length(title) BETWEEN 1 AND 200),
      CHECK ((kind = 'section') = (section_key IS NOT NULL)),
      CHECK (kind = 'section' OR title IS NOT NULL),
      commentary text NOT NULL DEFAULT '' CHECK (length(commentary) <= 10000),
      -- The forum that writes it ("Written by Riverside Parent Carer Forum"), and who in the area was
      -- given it to write (a forum's chair, a young person): they may write this part and no other.
      forum_id uuid,
      writer_account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      position integer NOT NULL CHECK (position >= 1),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, report_id) REFERENCES report(area_id, id) ON DELETE CASCADE,
      FOREIGN KEY (area_id, forum_id) REFERENCES forum(area_id, id) ON DELETE SET NULL (forum_id)
    );
    CREATE INDEX report_part_report_idx ON report_part(area_id, report_id, position);
    CREATE INDEX report_part_writer_idx ON report_part(area_id, writer_account_id) WHERE writer_account_id IS NOT NULL;

    -- What happened to a report, for its history page: who made it, sent it for review, approved it,
    -- sent it back (and why), published it, made a new version of it.
    CREATE TABLE report_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      report_id uuid NOT NULL,
      action text NOT NULL CHECK (action IN ('created', 'details_changed', 'part_added', 'part_removed', 'part_moved', 'part_written', 'submitted', 'approved', 'sent_back', 'published', 'new_version')),
      -- What it was about, in words chosen by staff (a part's title, the reason for sending back).
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
      actor_account_id uuid REFERENCES account(id) ON DELETE SET NULL,
      -- clock_timestamp(), not now(): two events of one transaction (approved, then published by a
      -- script) keep their order.
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      UNIQUE (area_id, id),
      FOREIGN KEY (area_id, report_id) REFERENCES report(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX report_event_report_idx ON report_event(area_id, report_id, at);
  `).execute(db);
  for (const table of TABLES) {
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
  await sql.raw(`DROP TABLE IF EXISTS report_event; DROP TABLE IF EXISTS report_part; DROP TABLE IF EXISTS report;`).execute(db);
}
