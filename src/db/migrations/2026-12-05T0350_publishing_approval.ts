/**
 * Issue 12 §3: publishing a response needs someone other than its writer to approve it (an area
 * setting, on by default), and a removed detail that appears in several answers is checked once.
 *
 * - area.publish_needs_approval: the area's publishing rule; on unless an area admin turns it off.
 * - theme_response.approved_version / approved_by / approved_at: who approved which saved version.
 *   An approval is of one version: saving the response again makes it a new version nobody has
 *   approved yet, so what is published is always what was approved.
 * - redaction.confirmed_at / confirmed_by: a reviewer checked this removal and kept it (the batch
 *   review leaves confirmed ones out). Putting words back is undone_at, as before.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE area ADD COLUMN publish_needs_approval boolean NOT NULL DEFAULT true;

    ALTER TABLE theme_response
      ADD COLUMN approved_version integer,
      ADD COLUMN approved_by uuid REFERENCES account(id) ON DELETE SET NULL,
      ADD COLUMN approved_at timestamptz,
      ADD CONSTRAINT theme_response_approval_whole CHECK ((approved_version IS NULL) = (approved_at IS NULL));

    ALTER TABLE redaction
      ADD COLUMN confirmed_at timestamptz,
      ADD COLUMN confirmed_by uuid REFERENCES account(id) ON DELETE SET NULL;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE redaction DROP COLUMN IF EXISTS confirmed_by, DROP COLUMN IF EXISTS confirmed_at;
    ALTER TABLE theme_response DROP CONSTRAINT IF EXISTS theme_response_approval_whole,
      DROP COLUMN IF EXISTS approved_at, DROP COLUMN IF EXISTS approved_by, DROP COLUMN IF EXISTS approved_version;
    ALTER TABLE area DROP COLUMN IF EXISTS publish_needs_approval;
  `).execute(db);
}
