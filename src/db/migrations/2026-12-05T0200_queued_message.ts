/**
 * A queue of single messages to send (issue 11 §2): written in the same transaction as the change
 * that calls for it, so a message is never sent for a change that did not happen, and never lost
 * for one that did. The first use is the receipt code emailed when someone chooses to hear back by
 * email; later modules (panels, recognition) queue theirs here too.
 *
 * At most once, like the notices: a row is claimed ('sending') and committed before it is sent; a
 * refused send is tried again a few times; one lost mid-send becomes 'unknown'. Once a message has
 * gone (or finally failed) its recipient, subject and body are wiped: the row keeps only what
 * happened, not who it went to or what it said.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE queued_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
      -- The response it is about, if any: erasing the response erases the message.
      response_id uuid,
      purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_]{1,39}$'),
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      recipient text NOT NULL CHECK (length(recipient) <= 320),
      subject text NOT NULL DEFAULT '' CHECK (length(subject) <= 300),
      body text NOT NULL CHECK (length(body) <= 10000),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text NOT NULL DEFAULT '' CHECK (length(last_error) <= 500),
      created_at timestamptz NOT NULL DEFAULT now(),
      claimed_at timestamptz,
      sent_at timestamptz,
      FOREIGN KEY (area_id, response_id) REFERENCES response(area_id, id) ON DELETE CASCADE
    );
    CREATE INDEX queued_message_pending_idx ON queued_message(area_id, status) WHERE status IN ('pending', 'sending', 'failed');
    CREATE INDEX queued_message_response_idx ON queued_message(response_id) WHERE response_id IS NOT NULL;

    ALTER TABLE queued_message ENABLE ROW LEVEL SECURITY;
    ALTER TABLE queued_message FORCE ROW LEVEL SECURITY;
    CREATE POLICY queued_message_area ON queued_message
      USING (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
      WITH CHECK (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    GRANT SELECT, INSERT, UPDATE, DELETE ON queued_message TO chorus_app;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS queued_message`.execute(db);
}
