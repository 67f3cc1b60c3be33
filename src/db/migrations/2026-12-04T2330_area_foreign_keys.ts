/**
 * Defence in depth (issue 10 §5).
 *
 * 1. Every foreign key from one area table to another carries area_id: (area_id, col) REFERENCES
 *    parent(area_id, id). Row-level security already hides another area's rows from the app, but the
 *    single-column keys let any connection that can see both areas (the owner, a bug in a SECURITY
 *    DEFINER function, a hand-written fix) store a row in one area that points at another area's row.
 *    With area_id in the key, PostgreSQL itself refuses it. The foundation's own tables (charter,
 *    forum, board, organisation links) were written this way from the start; these 33 were not. The
 *    list was read from pg_constraint on a migrated database (area-foreign-keys.test.ts fails if a
 *    new single-column one appears) and is written out here by name so it can be reviewed.
 *
 *    ON DELETE behaviour is unchanged. SET NULL uses the column-list form, SET NULL (col): the plain
 *    form would null area_id as well, which is NOT NULL, so deleting the parent would fail (PostgreSQL
 *    15 has the column-list form; CI runs these migrations on 15 and 18).
 *
 *    Adding each key checks the rows already there: if an installation somehow holds a row pointing
 *    across areas, this migration stops with the constraint's name, and that row needs looking at by
 *    hand (it is exactly what this change is for). The unique (area_id, id) constraints build an index
 *    each and every ALTER takes its table's lock: run it when the installation is quiet.
 *
 * 2. rate_limit_hit: the request counts behind the guessing limits (receipt codes, resume codes,
 *    hear-back), in PostgreSQL so every instance counts against one limit (plugins/rate-limit-store.ts,
 *    decision 0015). One row per key and fixed window. The key is a keyed SHA-256 hex digest of the
 *    limit's name and the address, never the address itself: the CHECK makes that a rule of the table.
 *    UNLOGGED: a counter is worth nothing after a crash, and an unlogged table writes no WAL, so
 *    counting a request costs no disk flush (a crash or a fail-over empties it: the limits start
 *    again, which is harmless). No area_id: an address's guesses count across the installation.
 */
import { sql, type Kysely } from 'kysely';

/** Area tables that other area tables point at, and did not yet have UNIQUE (area_id, id). */
const NEW_PARENT_KEYS = ['activity', 'activity_signup', 'response', 'question', 'contribution', 'theme', 'theme_response', 'safeguarding_concern'] as const;

type OnDelete = 'CASCADE' | 'SET NULL' | 'NO ACTION';

/** Each single-column foreign key between area tables, by its name before this migration. */
const FOREIGN_KEYS: ReadonlyArray<{ table: string; was: string; column: string; parent: string; onDelete: OnDelete }> = [
  { table: 'activity', was: 'activity_organisation_id_fkey', column: 'organisation_id', parent: 'organisation', onDelete: 'SET NULL' },
  { table: 'activity_signup', was: 'activity_signup_activity_id_fkey', column: 'activity_id', parent: 'activity', onDelete: 'CASCADE' },
  { table: 'adjustment_request', was: 'adjustment_request_activity_id_fkey', column: 'activity_id', parent: 'activity', onDelete: 'CASCADE' },
  { table: 'adjustment_request', was: 'adjustment_request_response_fk', column: 'response_id', parent: 'response', onDelete: 'CASCADE' },
  { table: 'adjustment_request', was: 'adjustment_request_signup_id_fkey', column: 'signup_id', parent: 'activity_signup', onDelete: 'CASCADE' },
  { table: 'answer', was: 'answer_question_id_fkey', column: 'question_id', parent: 'question', onDelete: 'CASCADE' },
  { table: 'answer', was: 'answer_response_id_fkey', column: 'response_id', parent: 'response', onDelete: 'CASCADE' },
  { table: 'consent_record', was: 'consent_record_response_id_fkey', column: 'response_id', parent: 'response', onDelete: 'CASCADE' },
  { table: 'contribution', was: 'contribution_activity_id_fkey', column: 'activity_id', parent: 'activity', onDelete: 'CASCADE' },
  { table: 'contribution', was: 'contribution_question_id_fkey', column: 'question_id', parent: 'question', onDelete: 'SET NULL' },
  { table: 'contribution', was: 'contribution_response_id_fkey', column: 'response_id', parent: 'response', onDelete: 'CASCADE' },
  { table: 'feedback_contact', was: 'feedback_contact_response_id_fkey', column: 'response_id', parent: 'response', onDelete: 'CASCADE' },
  { table: 'feedback_notice', was: 'feedback_notice_response_id_fkey', column: 'response_id', parent: 'response', onDelete: 'CASCADE' },
  { table: 'feedback_notice', was: 'feedback_notice_theme_response_id_fkey', column: 'theme_response_id', parent: 'theme_response', onDelete: 'CASCADE' },
  { table: 'listened_rating', was: 'listened_rating_activity_id_fkey', column: 'activity_id', parent: 'activity', onDelete: 'CASCADE' },
  { table: 'listened_rating', was: 'listened_rating_response_id_fkey', column: 'response_id', parent: 'response', onDelete: 'CASCADE' },
  { table: 'planning_check', was: 'planning_check_activity_id_fkey', column: 'activity_id', parent: 'activity', onDelete: 'CASCADE' },
  { table: 'question', was: 'question_activity_id_fkey', column: 'activity_id', parent: 'activity', onDelete: 'CASCADE' },
  { table: 'question', was: 'question_show_if_question_id_fkey', column: 'show_if_question_id', parent: 'question', onDelete: 'SET NULL' },
  { table: 'question_option', was: 'question_option_question_id_fkey', column: 'question_id', parent: 'question', onDelete: 'CASCADE' },
  { table: 'redaction', was: 'redaction_contribution_id_fkey', column: 'contribution_id', parent: 'contribution', onDelete: 'CASCADE' },
  { table: 'response', was: 'response_activity_id_fkey', column: 'activity_id', parent: 'activity', onDelete: 'CASCADE' },
  { table: 'safeguarding_action', was: 'safeguarding_action_concern_id_fkey', column: 'concern_id', parent: 'safeguarding_concern', onDelete: 'CASCADE' },
  { table: 'safeguarding_alert', was: 'safeguarding_alert_concern_id_fkey', column: 'concern_id', parent: 'safeguarding_concern', onDelete: 'CASCADE' },
  { table: 'safeguarding_concern', was: 'safeguarding_concern_activity_id_fkey', column: 'activity_id', parent: 'activity', onDelete: 'SET NULL' },
  { table: 'safeguarding_concern', was: 'safeguarding_concern_contribution_id_fkey', column: 'contribution_id', parent: 'contribution', onDelete: 'SET NULL' },
  { table: 'safeguarding_concern', was: 'safeguarding_concern_response_id_fkey', column: 'response_id', parent: 'response', onDelete: 'SET NULL' },
  { table: 'theme', was: 'theme_cited_question_id_fkey', column: 'cited_question_id', parent: 'question', onDelete: 'SET NULL' },
  { table: 'theme_contribution', was: 'theme_contribution_contribution_id_fkey', column: 'contribution_id', parent: 'contribution', onDelete: 'CASCADE' },
  { table: 'theme_contribution', was: 'theme_contribution_theme_id_fkey', column: 'theme_id', parent: 'theme', onDelete: 'CASCADE' },
  { table: 'theme_response', was: 'theme_response_decided_by_board_id_fkey', column: 'decided_by_board_id', parent: 'board', onDelete: 'SET NULL' },
  { table: 'theme_response', was: 'theme_response_theme_id_fkey', column: 'theme_id', parent: 'theme', onDelete: 'CASCADE' },
  { table: 'theme_response_version', was: 'theme_response_version_theme_response_id_fkey', column: 'theme_response_id', parent: 'theme_response', onDelete: 'CASCADE' },
];

/** The name PostgreSQL itself gives a key on (area_id, column), as the foundation's keys have. */
const compositeName = (fk: { table: string; column: string }) => `${fk.table}_area_id_${fk.column}_fkey`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements: string[] = [];
  for (const table of NEW_PARENT_KEYS) statements.push(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_area_id_id_key UNIQUE (area_id, id);`);
  for (const fk of FOREIGN_KEYS) {
    const onDelete = fk.onDelete === 'SET NULL' ? `SET NULL (${fk.column})` : fk.onDelete;
    statements.push(
      `ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.was},` +
        ` ADD CONSTRAINT ${compositeName(fk)} FOREIGN KEY (area_id, ${fk.column}) REFERENCES ${fk.parent}(area_id, id) ON DELETE ${onDelete};`,
    );
  }
  await sql.raw(statements.join('\n')).execute(db);

  await sql.raw(`
    CREATE UNLOGGED TABLE rate_limit_hit (
      key text NOT NULL CHECK (key ~ '^[0-9a-f]{64}$'),
      window_start timestamptz NOT NULL,
      count integer NOT NULL CHECK (count >= 1),
      PRIMARY KEY (key, window_start)
    );
    GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_hit TO chorus_app;
  `).execute(db);
}

/** Puts back the single-column keys, with their old names, and drops what up added. */
export async function down(db: Kysely<any>): Promise<void> {
  const statements = ['DROP TABLE IF EXISTS rate_limit_hit;'];
  for (const fk of FOREIGN_KEYS) {
    statements.push(
      `ALTER TABLE ${fk.table} DROP CONSTRAINT ${compositeName(fk)},` +
        ` ADD CONSTRAINT ${fk.was} FOREIGN KEY (${fk.column}) REFERENCES ${fk.parent}(id) ON DELETE ${fk.onDelete};`,
    );
  }
  for (const table of NEW_PARENT_KEYS) statements.push(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_area_id_id_key;`);
  await sql.raw(statements.join('\n')).execute(db);
}
