/**
 * The area's logo on the area row (issue 12 §4), so every page's header knows it from the one query
 * that finds the area, without reading area_picture (whose rows are behind the area's row-level
 * security, which that query runs outside). No foreign key: area_picture already points at area, and
 * a cycle would leave no order to erase in; pictures.service.ts sets and clears it in the same
 * transaction as the logo's row.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE area ADD COLUMN logo_picture_id uuid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE area DROP COLUMN IF EXISTS logo_picture_id`.execute(db);
}
