/**
 * A person may cancel their place at an activity (issue 12 §2). The row stays, marked cancelled,
 * so the lead sees who cancelled and when; the count of people coming leaves it out. The index
 * finds a signed-in person's own sign-ups for their page.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE activity_signup ADD COLUMN cancelled_at timestamptz;
    CREATE INDEX activity_signup_account_idx ON activity_signup(area_id, account_id) WHERE account_id IS NOT NULL;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP INDEX activity_signup_account_idx;
    ALTER TABLE activity_signup DROP COLUMN cancelled_at;
  `).execute(db);
}
