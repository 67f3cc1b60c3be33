/**
 * "All about me" and "My views for my plan" (issue 17 §3) in a browser: a young person builds their
 * page at 320 px with the keyboard only (a symbol found by word, an error, a thing added, save and
 * next), shares it with their worker, who sees it read-only, and stops sharing (the worker's next
 * look is "not found"); versions, print (no header
 * when printed), photos with an error, and My views (none, an error, a section, filled, print, share),
 * each checked with axe at 320 and 1280 px.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withArea } from '../src/db/db.ts';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();
const R = `/a/${DEMO_SLUG}`;

type Setup = { areaId: string; youngPersonId: string; email: string };
const made = new Map<string, Setup>();

/** A young person (8–11) who signs in with an email address here. */
async function youngPerson(name: string): Promise<Setup> {
  const found = made.get(name);
  if (found) return found;
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const email = `${name.toLowerCase()}.aboutme@riverside.example`;
  const accountId = await createAccount(db, { email, displayName: name, password: DEMO_PASSWORD });
  await addMember(db, areaId, accountId, 'young_person', null);
  const youngPersonId = await withArea(db, areaId, async (tx) => (await tx.insertInto('young_person').values({ area_id: areaId, account_id: accountId, age_band: '8_11' }).returning('id').executeTakeFirstOrThrow()).id);
  const setup = { areaId, youngPersonId, email };
  made.set(name, setup);
  return setup;
}

const mine = (s: Setup, path = '') => `${R}/young/${s.youngPersonId}/profile${path}`;

test('a young person builds their page at 320 px with the keyboard only, shares it and stops sharing', async () => {
  const s = await youngPerson('Kai');
  const page = await suite.pageAs(s.email, { viewport: PHONE });
  await page.goto(mine(s));
  assert.equal(await page.locator('h1').innerText(), 'All about me');
  await expectAccessible(page, 'my page, empty');
  await expectNoSidewaysScroll(page, 'my page, empty');

  await tabTo(page, 'a', 'Start my page');
  await pressEnter(page);
  assert.match(await page.locator('h1').innerText(), /What people like about me/);
  await expectAccessible(page, 'a section, empty');
  await expectNoSidewaysScroll(page, 'a section, empty');

  // Nothing to add: an error that says so.
  await tabTo(page, 'button', 'Save and add another', 120);
  await pressEnter(page);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Write something, or choose a picture/);
  await expectAccessible(page, 'a section, with an error');

  await tabTo(page, 'textarea#newText');
  await page.keyboard.type('I am good at drawing');
  await tabTo(page, 'input#symbolSearch');
  await page.keyboard.type('pencil');
  await pressEnter(page);
  assert.equal(await page.locator('textarea#newText').inputValue(), 'I am good at drawing', 'what was typed is kept');
  assert.ok((await page.locator('input[name="newSymbol"]').count()) > 1, 'pictures were found');
  await expectAccessible(page, 'a section, pictures found');
  await tabTo(page, 'input[name="newSymbol"]');
  await page.keyboard.press('ArrowDown');
  const picked = await page.locator('input[name="newSymbol"]:checked').getAttribute('value');
  assert.ok(picked, 'a picture chosen by keyboard');
  await tabTo(page, 'button', 'Save and next', 150);
  await pressEnter(page);
  assert.match(await page.locator('h1').innerText(), /What is important to me/);

  await page.goto(mine(s));
  assert.match(await page.locator('main').innerText(), /I am good at drawing/);
  assert.equal(await page.locator(`.chorus-profile__sheet img[src="/symbols/${picked}.svg"]`).count(), 1);
  await expectAccessible(page, 'my page, filled');
  await expectNoSidewaysScroll(page, 'my page, filled');

  // Share with their worker, by the address the worker gave them.
  const worker = demoAccount('practitioner');
  await tabTo(page, 'a', 'Share my page');
  await pressEnter(page);
  await expectAccessible(page, 'share, nobody yet');
  await tabTo(page, 'input#roleWords');
  await page.keyboard.type('My key worker');
  await tabTo(page, 'input#email');
  await page.keyboard.type(worker.email);
  await tabTo(page, 'button', 'Share my page');
  await pressEnter(page);
  assert.match(await page.locator('main').innerText(), /My key worker/);
  await expectAccessible(page, 'share, shared with one');
  await expectNoSidewaysScroll(page, 'share, shared with one');

  const profileId = await withArea(suite.e2e.db, s.areaId, async (tx) => (await tx.selectFrom('profile').select('id').where('young_person_id', '=', s.youngPersonId).executeTakeFirstOrThrow()).id);
  const workerPage = await suite.pageAs(worker.email, { viewport: PHONE });
  const seen = await workerPage.goto(`${R}/profiles/${profileId}`);
  assert.equal(seen?.status(), 200);
  assert.match(await workerPage.locator('main').innerText(), /Shared with you by Kai \(My key worker\)/);
  assert.match(await workerPage.locator('main').innerText(), /I am good at drawing/);
  await expectAccessible(workerPage, 'the shared view');

  await tabTo(page, 'button', 'Stop sharing');
  await pressEnter(page);
  assert.match(await page.locator('main').innerText(), /They cannot see your page any more/);
  const after = await workerPage.goto(`${R}/profiles/${profileId}`);
  assert.equal(after?.status(), 404);
});

test('versions, print, photos and My views for my plan: each page and state with axe at 320 and 1280 px', async () => {
  const s = await youngPerson('Ivy');
  const page = await suite.pageAs(s.email, { viewport: PHONE });
  await page.goto(mine(s, '/edit?section=likes'));
  await page.locator('textarea#newText').fill('Swimming');
  await submit(page, 'Save and next');
  await page.goto(mine(s, '/versions'));
  assert.match(await page.locator('main').innerText(), /Version 1/);
  await expectAccessible(page, 'versions');
  await page.goto(mine(s, '/versions/1'));
  await expectAccessible(page, 'one version');
  await page.goto(mine(s, '/print'));
  assert.match(await page.locator('main').innerText(), /Swimming/);
  await expectAccessible(page, 'print');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.govuk-template__header').isVisible(), false, 'no header when printed');
  await page.emulateMedia({ media: 'screen' });
  await page.goto(mine(s, '/photos'));
  await expectAccessible(page, 'photos');
  await submit(page, 'Add the photo');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose a photo/);
  await expectAccessible(page, 'photos, with an error');

  await page.goto(`${R}/young/${s.youngPersonId}/my-views`);
  assert.match(await page.locator('main').innerText(), /What is an EHC plan\?/);
  await expectAccessible(page, 'my views, none');
  await page.goto(`${R}/young/${s.youngPersonId}/my-views/new`);
  await submit(page, 'Start');
  await expectAccessible(page, 'new views, with an error');
  await page.locator('input#title').fill('Annual review, March 2027');
  await submit(page, 'Start');
  assert.match(await page.locator('h1').innerText(), /What’s working/);
  await expectAccessible(page, 'my views, a section');
  await page.locator('textarea#newText').fill('My teacher helps me read');
  await submit(page, 'Save and next');
  const viewsBase = page.url().replace(/\/edit.*$/, '');
  await page.goto(viewsBase);
  assert.match(await page.locator('main').innerText(), /My teacher helps me read/);
  await expectAccessible(page, 'my views, filled');
  await page.goto(`${viewsBase}/print`);
  await expectAccessible(page, 'my views, print');
  await page.goto(`${viewsBase}/share`);
  await expectAccessible(page, 'my views, share');
  await page.goto(`${R}/young/${s.youngPersonId}/my-views`);
  await expectAccessible(page, 'my views, one');
});
