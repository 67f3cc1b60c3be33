/**
 * Test helpers for the inspections module: a young inspector signed in on a browser (a member
 * session row and the signed member cookie, as the members part's sign-in sets them), a member with
 * checklist gaps, and a multipart upload as a browser sends it.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { hashToken } from '../../lib/tokens.ts';
import { Client } from '../../testing/harness.ts';
import { MEMBER_COOKIE } from '../panels/index.ts';

/** A browser signed in as this panel member (with a personal code). */
export async function memberClient(app: FastifyInstance, db: Db, areaId: string, memberId: string): Promise<Client> {
  const token = randomBytes(24).toString('base64url');
  await withArea(db, areaId, (tx) => tx.insertInto('panel_member_session').values({ token_hash: hashToken(token), area_id: areaId, member_id: memberId, expires_at: new Date(Date.now() + 86_400_000) }).execute());
  const client = new Client(app);
  client.cookies.set(MEMBER_COOKIE, encodeURIComponent(app.signCookie(token)));
  return client;
}

/** A young person on the panel (with a personal code): ready to inspect, or with every checklist gap. */
export async function addMember(db: Db, areaId: string, panelId: string, name: string, ready = false): Promise<string> {
  const now = new Date();
  const done = ready ? { training_done_at: now, consent_at: now, conflict: 'none', conflict_declared_at: now, rules_agreed_at: now } : {};
  return withArea(db, areaId, async (tx) => {
    const row = await tx
      .insertInto('panel_member')
      .values({ area_id: areaId, panel_id: panelId, member_kind: 'young_person', display_name: name, age_band: '16_18', code_hash: randomBytes(16).toString('hex'), ...done })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Posts a form with one file, multipart, as a browser does (the CSRF token from the last page). */
export async function postFile(
  app: FastifyInstance,
  client: Client,
  url: string,
  file: { name: string; type: string; bytes: Buffer } | null,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const boundary = `----chorus${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: client.csrf(), ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  for (const c of response.cookies as Array<{ name: string; value: string }>) client.cookies.set(c.name, c.value);
  if (String(response.headers['content-type'] ?? '').startsWith('text/html')) client.lastHtml = response.body;
  return response;
}
