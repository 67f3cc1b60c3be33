/**
 * Someone who signs up without an account, and gives an email address, is sent a link to cancel
 * their place (issue 12). The link carries a random secret; only its SHA-256 is kept here, so the
 * database alone cannot cancel anyone's place. Deleting the sign-up (erasure, retention) takes it too.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE activity_signup ADD COLUMN cancel_token_hash text;
    CREATE UNIQUE INDEX activity_signup_cancel_token_idx ON activity_signup(area_id, cancel_token_hash) WHERE cancel_token_hash IS NOT NULL;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP INDEX activity_signup_cancel_token_idx;
    ALTER TABLE activity_signup DROP COLUMN cancel_token_hash;
  `).execute(db);
}
