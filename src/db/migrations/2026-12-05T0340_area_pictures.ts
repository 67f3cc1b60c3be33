/**
 * An area's own pictures (issue 12 §3, §4): photos a lead uploads (the venue, the room, the minibus)
 * to use as symbols beside OpenMoji's, and the area's logo. Stored in the database as bytea, already
 * re-encoded and stripped of metadata by the app (decision 0020): a backup, a restore and row-level
 * security cover them like every other row, and there is no second store to keep in step.
 *
 * A picture is used as a symbol by reference, PIC:<area id>:<picture id> in upper case (the forms
 * upper-case symbols), so the symbol columns accept that shape beside OpenMoji code points.
 */
import { sql, type Kysely } from 'kysely';

const UUID = '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}';
const OPENMOJI = '^[0-9A-F]{2,6}(-[0-9A-F]{2,6})*$';
const PICTURE = `^PIC:${UUID}:${UUID}$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE area_picture (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      -- 'picture': listed and pickable as a symbol; 'logo': the area's logo, shown in the header and letters.
      purpose text NOT NULL DEFAULT 'picture' CHECK (purpose IN ('picture', 'logo')),
      alt_text text NOT NULL CHECK (length(alt_text) BETWEEN 1 AND 200),
      -- Only what the app itself wrote after re-encoding: never the uploader's bytes or type.
      content_type text NOT NULL CHECK (content_type IN ('image/webp', 'image/png', 'image/jpeg')),
      bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 3000000),
      width integer NOT NULL CHECK (width BETWEEN 1 AND 4000),
      height integer NOT NULL CHECK (height BETWEEN 1 AND 4000),
      fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{16}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (area_id, id)
    );
    CREATE INDEX area_picture_area_idx ON area_picture(area_id, purpose, created_at);

    ALTER TABLE area_picture ENABLE ROW LEVEL SECURITY;
    ALTER TABLE area_picture FORCE ROW LEVEL SECURITY;
    CREATE POLICY area_picture_area ON area_picture
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    GRANT SELECT, INSERT, UPDATE, DELETE ON area_picture TO chorus_app;

    -- One logo per area; a new one replaces it (deleted in the same transaction).
    CREATE UNIQUE INDEX area_picture_one_logo ON area_picture(area_id) WHERE purpose = 'logo';

    ALTER TABLE question_option DROP CONSTRAINT IF EXISTS question_option_symbol_check;
    ALTER TABLE question_option ADD CONSTRAINT question_option_symbol_check CHECK (symbol ~ '${OPENMOJI}' OR symbol ~ '${PICTURE}');
    ALTER TABLE theme DROP CONSTRAINT IF EXISTS theme_symbol_check;
    ALTER TABLE theme ADD CONSTRAINT theme_symbol_check CHECK (symbol ~ '${OPENMOJI}' OR symbol ~ '${PICTURE}');
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    UPDATE question_option SET symbol = NULL, alt_text = '' WHERE symbol LIKE 'PIC:%';
    UPDATE theme SET symbol = NULL, symbol_alt = '' WHERE symbol LIKE 'PIC:%';
    ALTER TABLE question_option DROP CONSTRAINT IF EXISTS question_option_symbol_check;
    ALTER TABLE question_option ADD CONSTRAINT question_option_symbol_check CHECK (symbol ~ '${OPENMOJI}');
    ALTER TABLE theme DROP CONSTRAINT IF EXISTS theme_symbol_check;
    ALTER TABLE theme ADD CONSTRAINT theme_symbol_check CHECK (symbol ~ '${OPENMOJI}');
    DROP TABLE IF EXISTS area_picture;
  `).execute(db);
}
