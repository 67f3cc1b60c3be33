/**
 * Volunteers (issue 17 §3): what a volunteer or support worker is like (calm, chatty, funny, patient…)
 * as ticked codes, beside their interests and skills, so a young person's "someone calm" can be matched.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE volunteer ADD COLUMN traits text[] NOT NULL DEFAULT '{}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE volunteer DROP COLUMN traits`.execute(db);
}
