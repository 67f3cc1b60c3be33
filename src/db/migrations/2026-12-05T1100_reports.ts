/**
 * Reports (issue 14): a report, its parts (registry sections and written parts) and its frozen
 * snapshot once published.
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
