/**
 * "All about me" and "My views for my plan" (issue 17 §3): nobody sees a profile that was not shared
 * with them (a matrix over the role accounts, direct ids and tokens from another profile and another
 * area), a stopped share stops at once, a 13+ young person's "no" keeps their parent carer out, every
 * save is a version and a stale save keeps what was typed, photos lose their EXIF and GPS, wrong
 * types and oversize files are refused, sharing by email link queues the email and is audited.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { withArea } from '../../db/db.ts';
import { ROLES } from '../../lib/authorisation.ts';
import { hashToken } from '../../lib/tokens.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { addPhoto, createMyViews, revokeShare, saveProfile, shareProfile } from './about-me.service.ts';
import { reencodeImage } from '../areas/areas.service.ts';

let app: FastifyInstance;
let t: TestDb;
let areas: TwoAreas;
const R = '/a/riverside';

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db, { config: { baseUrl: 'http://chorus.test' } });
});
after(async () => {
  await app.close();
  await t.drop();
});

const emailOf = (role: string) => `only-${role.replace('_', '-')}@riverside.example`;
async function as(role: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(emailOf(role));
  return client;
}
const young = () => areas.riverside.youngPersonId;
const mine = (path = '') => `${R}/young/${young()}/profile${path}`;
const shared = (id = areas.riverside.profileId) => `${R}/profiles/${id}`;

/** A multipart form with one photo, as a browser sends it. */
async function postFile(client: Client, url: string, file: { name: string; type: string; bytes: Buffer }, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  const boundary = `----chorus${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: client.csrf(), ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  if (String(response.headers['content-type'] ?? '').startsWith('text/html')) client.lastHtml = response.body;
  return response;
}

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#cc6633' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Snapper 3' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' } })
    .toBuffer();
}

test('who sees the profile: the owner, the parent carer of a young child, the worker it is shared with, the link holder; every other role gets 404', async () => {
  for (const role of ROLES) {
    const client = await as(role);
    const own = await client.get(mine());
    const sharedPage = await client.get(shared());
    const expectOwn = role === 'young_person' || role === 'parent_carer' ? 200 : 404;
    const expectShared = role === 'young_person' || role === 'parent_carer' || role === 'practitioner' ? 200 : 404;
    assert.equal(own.statusCode, expectOwn, `${role} on the young person's page`);
    assert.equal(sharedPage.statusCode, expectShared, `${role} on the shared page`);
    if (expectShared === 200) assert.match(sharedPage.body, /profile: I like trains/);
    else assert.doesNotMatch(sharedPage.body, /I like trains/);
    for (const path of ['/edit', '/versions', '/share', '/print', '/photos']) assert.equal((await client.get(mine(path))).statusCode, role === 'young_person' || role === 'parent_carer' ? 200 : 404, `${role} on ${path}`);
    for (const path of ['', '/edit', '/share', '/print']) assert.equal((await client.get(`${R}/young/${young()}/my-views/${areas.riverside.viewsId}${path}`)).statusCode, expectOwn, `${role} on my views${path}`);
  }
  const anonymous = new Client(app);
  assert.notEqual((await anonymous.get(mine())).statusCode, 200);
  const byLink = await anonymous.get(`${R}/profiles/link/${areas.riverside.shareToken}`);
  assert.equal(byLink.statusCode, 200);
  assert.match(byLink.body, /Shared with you by .* \(My SENCO\)/);
  assert.match(byLink.body, /profile: I like trains/);
  assert.match(String(byLink.headers['cache-control']), /no-store/);
});

test('the worker sees "Shared with you by …", read-only, with no way to change it', async () => {
  const worker = await as('practitioner');
  const page = await worker.get(shared());
  assert.match(page.body, /Shared with you by .* \(My key worker\)/);
  assert.doesNotMatch(page.body, /\/edit"/);
  assert.equal((await worker.get(mine('/edit'))).statusCode, 404);
});

test('direct ids and tokens from elsewhere: another profile, North Vale, a made-up token, a revoked token, another profile’s photo', async () => {
  const worker = await as('practitioner');
  const nv = areas.northVale;
  assert.equal((await worker.get(shared(areas.riverside.viewsId))).statusCode, 404, 'My views was not shared with them');
  assert.equal((await worker.get(shared(nv.profileId))).statusCode, 404);
  const anonymous = new Client(app);
  assert.equal((await anonymous.get(`${R}/profiles/link/${nv.shareToken}`)).statusCode, 404, 'North Vale’s token from Riverside');
  assert.equal((await anonymous.get(`${R}/profiles/link/not-a-real-token`)).statusCode, 404);
  const long = (await anonymous.get(`${R}/profiles/link/${'x'.repeat(5000)}`)).statusCode;
  assert.ok(long >= 400 && long < 500, String(long));
  const owner = await as('young_person');
  assert.equal((await owner.get(`${R}/young/${nv.youngPersonId}/profile`)).statusCode, 404);
  assert.equal((await owner.get(`${R}/young/${young()}/my-views/${nv.viewsId}`)).statusCode, 404);
  assert.equal((await owner.get(`${R}/young/not-an-id/profile`)).statusCode, 404);

  // A photo of North Vale's profile, asked for from Riverside and by Riverside's worker with a share.
  const image = await reencodeImage(await jpegWithGps());
  const nvPhoto = await addPhoto(t.db, nv.id, nv.profileId, { alt: 'North Vale secret dog', image });
  assert.equal((await worker.get(`${R}/profiles/photos/${nvPhoto}`)).statusCode, 404);
  assert.equal((await anonymous.get(`${R}/profiles/photos/${nvPhoto}?link=${nv.shareToken}`)).statusCode, 404);
  // A photo of Riverside's My views (not shared): the worker with a share of All about me cannot open it.
  const viewsPhoto = await addPhoto(t.db, areas.riverside.id, areas.riverside.viewsId, { alt: 'Not shared', image });
  assert.equal((await worker.get(`${R}/profiles/photos/${viewsPhoto}`)).statusCode, 404);
  assert.equal((await anonymous.get(`${R}/profiles/photos/${viewsPhoto}?link=${areas.riverside.shareToken}`)).statusCode, 404);
  assert.equal((await owner.get(`${R}/profiles/photos/${viewsPhoto}`)).statusCode, 200);
});

test('"Stop sharing" stops at once: the next request by the account, the link or for a photo gets 404, and both are audited', async () => {
  const riverside = areas.riverside;
  const image = await reencodeImage(await jpegWithGps());
  const photoId = await addPhoto(t.db, riverside.id, riverside.profileId, { alt: 'My bike', image });
  const worker = await as('decision_maker');
  const viaAccount = await shareProfile(t.db, riverside.id, riverside.youngAccountId, riverside.profileId, { email: emailOf('decision_maker'), roleWords: 'My caseworker' }, { base: 'http://chorus.test/a/riverside' });
  assert.equal(viaAccount.byLink, false);
  const viaLink = await shareProfile(t.db, riverside.id, riverside.youngAccountId, riverside.profileId, { email: 'Caseworker@Council.example', roleWords: 'My caseworker' }, { base: 'http://chorus.test/a/riverside' });
  assert.ok(viaLink.token);
  const message = await withArea(t.db, riverside.id, (tx) => tx.selectFrom('queued_message').select('body').where('recipient', '=', 'caseworker@council.example').executeTakeFirst());
  assert.ok(message?.body.includes(`/a/riverside/profiles/link/${viaLink.token}`));
  // The worker with an account is told where to find it (no secret in the email), and it is on their list.
  const told = await withArea(t.db, riverside.id, (tx) => tx.selectFrom('queued_message').select('body').where('recipient', '=', emailOf('decision_maker')).where('purpose', '=', 'profile_share').executeTakeFirst());
  assert.ok(told?.body.includes(`/a/riverside/profiles/${riverside.profileId}`), told?.body);
  assert.doesNotMatch(told?.body ?? '', /profiles\/link\//);
  const listed = await worker.get(`${R}/profiles`);
  assert.equal(listed.statusCode, 200);
  assert.match(listed.body, new RegExp(`href="${R}/profiles/${riverside.profileId}"`));
  assert.match(listed.body, /My caseworker/);
  const anonymous = new Client(app);
  assert.equal((await worker.get(shared())).statusCode, 200);
  assert.equal((await worker.get(`${R}/profiles/photos/${photoId}`)).statusCode, 200);
  assert.equal((await anonymous.get(`${R}/profiles/link/${viaLink.token}`)).statusCode, 200);
  assert.equal((await anonymous.get(`${R}/profiles/photos/${photoId}?link=${viaLink.token}`)).statusCode, 200);

  // The young person stops both on their share page.
  const owner = await as('young_person');
  const page = await owner.get(mine('/share'));
  assert.match(page.body, /My caseworker/);
  for (const shareId of [viaAccount.shareId, viaLink.shareId]) {
    const stopped = await owner.post(mine('/share/stop'), { shareId });
    assert.equal(stopped.statusCode, 303);
    await owner.get(mine('/share'));
  }
  assert.equal((await worker.get(shared())).statusCode, 404);
  assert.doesNotMatch((await worker.get(`${R}/profiles`)).body, new RegExp(riverside.profileId), 'gone from their list');
  assert.equal((await worker.get(`${R}/profiles/photos/${photoId}`)).statusCode, 404);
  assert.equal((await anonymous.get(`${R}/profiles/link/${viaLink.token}`)).statusCode, 404);
  assert.equal((await anonymous.get(`${R}/profiles/photos/${photoId}?link=${viaLink.token}`)).statusCode, 404);
  // Stopping again, or someone else's share id, is "not found".
  assert.equal((await owner.post(mine('/share/stop'), { shareId: viaLink.shareId })).statusCode, 404);
  const actions = await withArea(t.db, riverside.id, (tx) => tx.selectFrom('audit_event').select(['action']).where('subject_id', '=', riverside.profileId).execute());
  assert.equal(actions.filter((a) => a.action === 'profile.shared').length >= 2, true);
  assert.equal(actions.filter((a) => a.action === 'profile.share_stopped').length, 2);
});

test('a link older than 90 days no longer opens the profile', async () => {
  const riverside = areas.riverside;
  const { token, shareId } = await shareProfile(t.db, riverside.id, null, riverside.profileId, { email: 'old@school.example', roleWords: 'My old SENCO' });
  const anonymous = new Client(app);
  assert.equal((await anonymous.get(`${R}/profiles/link/${token}`)).statusCode, 200);
  await withArea(t.db, riverside.id, (tx) => tx.updateTable('profile_share').set({ shared_at: new Date(Date.now() - 91 * 86_400_000) }).where('id', '=', shareId).execute());
  assert.equal((await anonymous.get(`${R}/profiles/link/${token}`)).statusCode, 404);
  assert.ok(hashToken(token!));
});

test('a young person of 13 or over who said no: their parent carer gets 404; a parent carer of a 13+ young person who said yes may look but not change or share', async () => {
  const riverside = areas.riverside;
  const parent = await as('parent_carer');
  await withArea(t.db, riverside.id, (tx) => tx.updateTable('young_person').set({ thirteen_or_over: true, parents_see: false }).where('id', '=', young()).execute());
  try {
    for (const path of ['', '/edit', '/versions', '/share', '/print']) assert.equal((await parent.get(mine(path))).statusCode, 404, path);
    assert.equal((await parent.get(shared())).statusCode, 404);
    await withArea(t.db, riverside.id, (tx) => tx.updateTable('young_person').set({ parents_see: true }).where('id', '=', young()).execute());
    assert.equal((await parent.get(mine())).statusCode, 200);
    assert.equal((await parent.get(mine('/edit'))).statusCode, 404);
    assert.equal((await parent.get(mine('/share'))).statusCode, 404);
  } finally {
    await withArea(t.db, riverside.id, (tx) => tx.updateTable('young_person').set({ thirteen_or_over: false, parents_see: null }).where('id', '=', young()).execute());
  }
});

test('building it a section a page: a symbol found by word, an item added, save and next; every save is a version; a stale save keeps what was typed', async () => {
  const owner = await as('young_person');
  const edit = await owner.get(mine('/edit?section=important'));
  assert.equal(edit.statusCode, 200);
  assert.match(edit.body, /What is important to me/);
  const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
  const found = await owner.post(mine('/edit?section=important'), { version, count: '0', newText: 'My cat Pickle', symbolSearch: 'cat', action: 'search' });
  assert.equal(found.statusCode, 200);
  assert.match(found.body, /My cat Pickle/, 'what was typed is kept');
  const hexcode = /name="newSymbol" type="radio" value="([0-9A-F-]+)"/.exec(found.body)![1]!;
  const saved = await owner.post(mine('/edit?section=important'), { version, count: '0', newText: 'My cat Pickle', newSymbol: hexcode, action: 'next' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, mine('/edit?section=support'));
  const page = await owner.get(mine());
  assert.match(page.body, /My cat Pickle/);
  assert.match(page.body, new RegExp(`/symbols/${hexcode}.svg`));
  assert.match(page.body, /I like trains/, 'the other sections are kept');

  // Another save against the old version: refused, typed words kept, says someone else saved first.
  const stale = await owner.post(mine('/edit?section=important'), { version, count: '1', text_0: 'My cat Pickle, edited', symbol_0: hexcode, newText: 'Swimming', action: 'next' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else saved this part first/);
  assert.match(stale.body, /My cat Pickle, edited/);
  assert.match(stale.body, /Swimming/);
  assert.match(stale.body, /govuk-error-summary/);

  const versions = await owner.get(mine('/versions'));
  assert.match(versions.body, /Version 2/);
  assert.match(versions.body, /Version 1/);
  assert.match(versions.body, /made by you/);
  const first = await owner.get(mine('/versions/1'));
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /I like trains/);
  assert.doesNotMatch(first.body, /My cat Pickle/);
  assert.equal((await owner.get(mine('/versions/999'))).statusCode, 404);
  assert.equal((await owner.get(mine('/versions/abc'))).statusCode, 404);
});

test('taking an item off, too-long words, nothing to add: each says why and keeps what was typed; no 500 on odd input', async () => {
  const owner = await as('young_person');
  const edit = await owner.get(mine('/edit?section=likes'));
  const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
  const long = await owner.post(mine('/edit?section=likes'), { version, count: '1', text_0: 'Trains', newText: 'x'.repeat(501), action: 'add' });
  assert.equal(long.statusCode, 422);
  assert.match(long.body, /Use 500 letters or fewer/);
  const nothing = await owner.post(mine('/edit?section=likes'), { version, count: '1', text_0: 'Trains', action: 'add' });
  assert.equal(nothing.statusCode, 422);
  assert.match(nothing.body, /Write something, or choose a picture/);
  const removed = await owner.post(mine('/edit?section=likes'), { version, count: '1', text_0: 'Trains', action: 'remove:0' });
  assert.equal(removed.statusCode, 303);
  assert.doesNotMatch((await owner.get(mine())).body, /I like trains/);
  for (const body of [{}, { version: 'x', count: '-4', action: 'remove:99' }, { version: '1', count: '999', newSymbol: '../../etc', newPhoto: 'nope', action: 'next' }, { version: ['1', '2'], count: ['1'], text_0: ['a', 'b'] }]) {
    await owner.get(mine('/edit?section=likes'));
    const r = await owner.post(mine('/edit?section=likes&section=zzz'), body as Record<string, string>);
    assert.ok(r.statusCode < 500, `${JSON.stringify(body)} → ${r.statusCode}`);
  }
});

test('what a young person writes is screened for safeguarding, and a profile is not a contribution', async () => {
  const riverside = areas.riverside;
  const before = await withArea(t.db, riverside.id, async (tx) => Number((await tx.selectFrom('contribution').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));
  const profileId = await saveProfile(t.db, riverside.id, riverside.youngAccountId, young(), { dislikes: [{ text: 'He hits me at home and I want to kill myself', symbol: null, photoId: null }] }, await currentVersion());
  const concern = await t.owner.selectFrom('safeguarding_concern').select(['channel', 'source_key']).where('source_key', '=', `profile:${profileId}`).executeTakeFirst();
  assert.equal(concern?.channel, 'profile');
  const afterCount = await withArea(t.db, riverside.id, async (tx) => Number((await tx.selectFrom('contribution').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));
  assert.equal(afterCount, before);
});

async function currentVersion(): Promise<number> {
  return withArea(t.db, areas.riverside.id, async (tx) => (await tx.selectFrom('profile').select('current_version').where('id', '=', areas.riverside.profileId).executeTakeFirstOrThrow()).current_version);
}

test('a photo with GPS is stored as WebP without EXIF (read from the database); wrong types and oversize are refused; served private, no-store, nosniff', async () => {
  const owner = await as('young_person');
  await owner.get(mine('/photos'));
  const count = async () => withArea(t.db, areas.riverside.id, async (tx) => Number((await tx.selectFrom('profile_photo').select((eb) => eb.fn.countAll<string>().as('n')).where('profile_id', '=', areas.riverside.profileId).executeTakeFirstOrThrow()).n));
  const before = await count();
  const sent = await postFile(owner, mine('/photos?section=likes'), { name: 'dog.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }, { alt: 'My dog Biscuit' });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  assert.equal(await count(), before + 1);
  const stored = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('profile_photo').select(['id', 'image']).where('alt', '=', 'My dog Biscuit').executeTakeFirstOrThrow());
  const meta = await sharp(stored.image).metadata();
  assert.equal(meta.format, 'webp');
  assert.equal(meta.exif, undefined);
  assert.ok(!stored.image.includes(Buffer.from('PhoneCo')));
  assert.ok(!stored.image.includes(Buffer.from('GPS')));

  await owner.get(mine('/photos'));
  const php = await postFile(owner, mine('/photos'), { name: 'x.jpg', type: 'image/jpeg', bytes: Buffer.from('<?php echo 1; ?>') }, { alt: 'Bad' });
  assert.equal(php.statusCode, 422);
  assert.match(php.body, /The file must be a photo/);
  assert.match(php.body, /value="Bad"/, 'the words typed are kept');
  await owner.get(mine('/photos'));
  const svg = await postFile(owner, mine('/photos'), { name: 'x.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }, { alt: 'Bad' });
  assert.equal(svg.statusCode, 422);
  await owner.get(mine('/photos'));
  const huge = await postFile(owner, mine('/photos'), { name: 'big.jpg', type: 'image/jpeg', bytes: Buffer.alloc(6 * 1024 * 1024, 1) }, { alt: 'Big' });
  assert.equal(huge.statusCode, 422);
  assert.match(huge.body, /smaller than 5 MB/);
  await owner.get(mine('/photos'));
  const noAlt = await postFile(owner, mine('/photos'), { name: 'dog.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }, { alt: '' });
  assert.equal(noAlt.statusCode, 422);
  assert.match(noAlt.body, /Say what is in the photo/);
  assert.equal(await count(), before + 1);

  const served = await owner.get(`${R}/profiles/photos/${stored.id}`);
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers['content-type'], 'image/webp');
  assert.equal(served.headers['x-content-type-options'], 'nosniff');
  assert.equal(served.headers['cache-control'], 'private, no-store');
  for (const role of ['practitioner', 'participation_lead', 'area_admin', 'safeguarding_lead', 'supporter']) {
    const other = await as(role);
    assert.equal((await other.get(`${R}/profiles/photos/${stored.id}`)).statusCode, role === 'practitioner' ? 200 : 404, role);
  }
});

test('sharing on the page: by the email of a member of the area (no list of members shown) or by a link emailed; errors keep what was typed', async () => {
  const owner = await as('young_person');
  const page = await owner.get(mine('/share'));
  assert.doesNotMatch(page.body, /Only participation_lead|Only area_admin/, 'no list of the area’s people');
  const bad = await owner.post(mine('/share'), { email: 'not an address', roleWords: 'My teacher' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /value="My teacher"/);
  assert.match(bad.body, /govuk-error-summary/);
  await owner.get(mine('/share'));
  const sent = await owner.post(mine('/share'), { email: 'teacher@school.example', roleWords: 'My teacher' });
  assert.equal(sent.statusCode, 303);
  const message = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('queued_message').select('body').where('recipient', '=', 'teacher@school.example').executeTakeFirst());
  assert.match(message?.body ?? '', /http:\/\/chorus\.test\/a\/riverside\/profiles\/link\/[A-Za-z0-9_-]+/);
  const list = await owner.get(mine('/share'));
  assert.match(list.body, /My teacher/);
  assert.match(list.body, /teacher@school\.example/);
});

test('My views for my plan: the page explains an EHC plan and an annual review; new with a title, a section saved, shared and printed; the seed functions work', async () => {
  const owner = await as('young_person');
  const list = await owner.get(`${R}/young/${young()}/my-views`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /What is an EHC plan\?/);
  assert.match(list.body, /What is an annual review\?/);
  await owner.get(`${R}/young/${young()}/my-views/new`);
  const empty = await owner.post(`${R}/young/${young()}/my-views/new`, { title: '' });
  assert.equal(empty.statusCode, 422);
  const made = await owner.post(`${R}/young/${young()}/my-views/new`, { title: 'Annual review, March 2027' });
  assert.equal(made.statusCode, 303);
  const editUrl = String(made.headers.location);
  const edit = await owner.get(editUrl);
  assert.match(edit.body, /What’s working/);
  const saved = await owner.post(`${editUrl}?section=working`, { version: '0', count: '0', newText: 'My new teacher listens', action: 'next' });
  assert.equal(saved.statusCode, 303);
  const base = editUrl.replace(/\/edit$/, '');
  const view = await owner.get(base);
  assert.match(view.body, /Annual review, March 2027/);
  assert.match(view.body, /My new teacher listens/);
  assert.equal((await owner.get(`${base}/print`)).statusCode, 200);

  const viewsId = await createMyViews(t.db, areas.riverside.id, areas.riverside.youngAccountId, young(), 'Seeded review', { know: [{ text: 'I like quiet rooms', symbol: null, photoId: null }] });
  const { shareId } = await shareProfile(t.db, areas.riverside.id, areas.riverside.youngAccountId, viewsId, { email: emailOf('participation_lead'), roleWords: 'My caseworker' });
  const lead = await as('participation_lead');
  const seen = await lead.get(shared(viewsId));
  assert.equal(seen.statusCode, 200);
  assert.match(seen.body, /I like quiet rooms/);
  assert.equal((await lead.get(shared())).statusCode, 404, 'only the views were shared, not All about me');
  await revokeShare(t.db, areas.riverside.id, areas.riverside.youngAccountId, viewsId, shareId);
  assert.equal((await lead.get(shared(viewsId))).statusCode, 404);
});
