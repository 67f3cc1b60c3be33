/**
 * Live sessions, moderation (issue 15 §1): a facilitator may say why they took a note off the
 * screen. The reason goes with the note when it becomes a contribution (its hidden_reason), so a
 * lead reading the contributions later knows why it was hidden.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE live_post ADD COLUMN hidden_reason text NOT NULL DEFAULT '' CHECK (length(hidden_reason) <= 200)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE live_post DROP COLUMN IF EXISTS hidden_reason`.execute(db);
}
