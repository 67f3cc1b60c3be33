/**
 * Survey dates (issue 12): a survey opens and closes on its activity's starts_at and ends_at (set on
 * the builder's dates page), and its owner is reminded once before it closes. The reminder's moment
 * is kept on the activity so that every instance of Chorus, and every run of the job, sends it once;
 * changing the closing date clears it, so a new date gets its own reminder.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE activity ADD COLUMN closing_reminder_sent_at timestamptz;
    -- The minute job looks for open surveys whose closing date is near or past.
    CREATE INDEX activity_open_ends_idx ON activity(area_id, ends_at) WHERE status = 'open';
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP INDEX IF EXISTS activity_open_ends_idx;
    ALTER TABLE activity DROP COLUMN IF EXISTS closing_reminder_sent_at;
  `).execute(db);
}
