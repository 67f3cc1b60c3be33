/**
 * Fast public pages (issue 18): `area.public_version` counts every change to what the public
 * "you said, we did" pages show, kept by a trigger on theme_response (publishing, withdrawing,
 * publishing again, a quote taken out of a frozen copy, a theme deleted). The area is read on every
 * request anyway, so an instance can tell at no extra cost whether a page it rendered before is still
 * the page (plugins/views.ts, reply.frozenPage), however many instances there are.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE area ADD COLUMN public_version bigint NOT NULL DEFAULT 0`.execute(db);
  await sql`
    CREATE FUNCTION bump_public_version() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed_area uuid;
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF NEW.published_content IS NOT DISTINCT FROM OLD.published_content
           AND NEW.published_at IS NOT DISTINCT FROM OLD.published_at
           AND NEW.first_published_at IS NOT DISTINCT FROM OLD.first_published_at
           AND NEW.published_services IS NOT DISTINCT FROM OLD.published_services
           AND NEW.published_activity_ids IS NOT DISTINCT FROM OLD.published_activity_ids THEN
          RETURN NULL;
        END IF;
        changed_area := NEW.area_id;
      ELSIF TG_OP = 'INSERT' THEN
        IF NEW.published_at IS NULL AND NEW.published_content IS NULL THEN
          RETURN NULL;
        END IF;
        changed_area := NEW.area_id;
      ELSE
        IF OLD.published_at IS NULL AND OLD.published_content IS NULL THEN
          RETURN NULL;
        END IF;
        changed_area := OLD.area_id;
      END IF;
      -- When the area itself is being deleted this finds no row, which is right.
      UPDATE area SET public_version = public_version + 1 WHERE id = changed_area;
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER theme_response_public_version
      AFTER INSERT OR UPDATE OR DELETE ON theme_response
      FOR EACH ROW EXECUTE FUNCTION bump_public_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS theme_response_public_version ON theme_response`.execute(db);
  await sql`DROP FUNCTION IF EXISTS bump_public_version()`.execute(db);
  await sql`ALTER TABLE area DROP COLUMN public_version`.execute(db);
}
