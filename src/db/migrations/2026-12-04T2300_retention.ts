/**
 * The retention schedule (issue 9 §2): what the retention job needs beyond the tables of
 * 2026-12-04T2200.
 *
 * - purge_audit_events(): the app role may only read and add to the audit log (it is append-only,
 *   so nobody can quietly remove what they did). Deleting entries older than the area's period goes
 *   through this one function, which can do nothing else: only the calling transaction's own area
 *   (withArea), and never an entry less than two years old (the shortest period an area may set).
 * - contribution.original_deleted_at: when the retention job replaced a contribution's original words
 *   with its redacted copy (and the same words in its survey answer or "anything else"). From then on
 *   there is no original to show, and no redaction to undo. Both places may then hold text longer than
 *   the 5,000 characters a person may type: placeholders can be longer than what they replace.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE contribution ADD COLUMN original_deleted_at timestamptz;
    -- 5,000 characters is the limit on what a person writes. Once the original is deleted the column
    -- holds the redacted copy, which placeholders may have made longer.
    ALTER TABLE contribution DROP CONSTRAINT contribution_original_text_check;
    ALTER TABLE contribution ADD CONSTRAINT contribution_original_text_check
      CHECK (length(original_text) >= 1 AND (length(original_text) <= 5000 OR original_deleted_at IS NOT NULL));
    -- The same words where they were typed (the survey answer, and "anything else") become the
    -- redacted copy too; for "anything else" the 5,000-character limit on typing is the form's, and
    -- the copy may be longer.
    ALTER TABLE response DROP CONSTRAINT response_anything_else_check;
    ALTER TABLE response ADD CONSTRAINT response_anything_else_check CHECK (length(anything_else) <= 25000);
    -- The job's daily question: which originals are older than the area's period and still kept.
    CREATE INDEX contribution_original_kept_idx ON contribution(area_id, created_at) WHERE original_deleted_at IS NULL;

    -- SECURITY DEFINER: runs as the owner of audit_event. search_path is fixed (and every name
    -- qualified) so nothing the caller creates can stand in for pg_catalog or the table.
    CREATE FUNCTION purge_audit_events(p_area_id uuid, p_before timestamptz) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
      removed integer;
    BEGIN
      -- Only the area this transaction is in: one area can never purge another's log. Row-level
      -- security is forced on audit_event, so the owner too sees only this area's rows.
      IF p_area_id IS NULL OR p_area_id IS DISTINCT FROM nullif(current_setting('app.area_id', true), '')::uuid THEN
        RAISE EXCEPTION 'purge_audit_events: only the area of this transaction' USING ERRCODE = '42501';
      END IF;
      -- Never anything younger than the shortest period an area may choose (retention-schedule.ts).
      IF p_before IS NULL OR p_before > now() - interval '2 years' THEN
        RAISE EXCEPTION 'purge_audit_events: audit entries are kept at least two years' USING ERRCODE = '22023';
      END IF;
      DELETE FROM public.audit_event WHERE area_id = p_area_id AND at < p_before;
      GET DIAGNOSTICS removed = ROW_COUNT;
      RETURN removed;
    END
    $$;
    REVOKE ALL ON FUNCTION purge_audit_events(uuid, timestamptz) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION purge_audit_events(uuid, timestamptz) TO chorus_app;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP FUNCTION IF EXISTS purge_audit_events(uuid, timestamptz);
    DROP INDEX IF EXISTS contribution_original_kept_idx;
    -- Fails if a redacted copy longer than 5,000 characters has replaced an original: those rows
    -- would need shortening by hand first, as the old limit cannot hold them.
    ALTER TABLE contribution DROP CONSTRAINT contribution_original_text_check;
    ALTER TABLE contribution ADD CONSTRAINT contribution_original_text_check CHECK (length(original_text) BETWEEN 1 AND 5000);
    ALTER TABLE response DROP CONSTRAINT response_anything_else_check;
    ALTER TABLE response ADD CONSTRAINT response_anything_else_check CHECK (length(anything_else) <= 5000);
    ALTER TABLE contribution DROP COLUMN IF EXISTS original_deleted_at;
  `).execute(db);
}
