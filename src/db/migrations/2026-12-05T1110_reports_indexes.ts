/**
 * Indexes the report sections need to stay fast for an area with 1,000,000 contributions (issue 14 §4;
 * measured by bench/report.ts, figures in docs/performance.md).
 *
 * contribution_report_period_idx: the sections count the period's visible contributions (views) per
 * activity ("What we did", "What changed": closure). Without it each count reads the whole table
 * (about 250 MB at a million rows, more than PostgreSQL's default shared buffers) to keep half of it.
 * With it the count is an index-only scan of the period's entries: the columns the counts and the
 * row-level security policy read (activity, id, safeguarding hold) are carried in the index, and
 * hidden contributions, which no report counts, are left out of it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX contribution_report_period_idx ON contribution (area_id, created_at)
      INCLUDE (activity_id, id, safeguarding_hold) WHERE hidden_at IS NULL
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS contribution_report_period_idx`.execute(db);
}
