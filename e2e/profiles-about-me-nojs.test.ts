/**
 * "All about me" (issue 17 §3, acceptance 3) with JavaScript off, on a 320 px phone: a young person
 * starts their page, finds a picture by word (the form posts and comes back with what they typed),
 * adds a thing, saves and goes on to the next part; their page then shows it. Every state is checked
 * with axe at 320 and 1280 px through a copy of the page (axe needs scripts; the page has none).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withArea } from '../src/db/db.ts';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { shareProfile } from '../src/modules/profiles/index.ts';
import { DEMO_PASSWORD, DEMO_SLUG, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, submit } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();
const R = `/a/${DEMO_SLUG}`;

test('a young person builds their page with JavaScript off: find a picture, add a thing, save and go on', async () => {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const email = 'noor.aboutme@riverside.example';
  const accountId = await createAccount(db, { email, displayName: 'Noor', password: DEMO_PASSWORD });
  await addMember(db, areaId, accountId, 'young_person', null);
  const youngPersonId = await withArea(db, areaId, async (tx) => (await tx.insertInto('young_person').values({ area_id: areaId, account_id: accountId, age_band: '8_11' }).returning('id').executeTakeFirstOrThrow()).id);

  const page = await suite.pageAs(email, { viewport: PHONE, javaScriptEnabled: false });
  const mirror = await suite.pageAs(null, { viewport: PHONE });
  const checked = async (label: string) => expectAccessible(await mirrorWithoutScripts(page, mirror), label);

  await page.goto(`${R}/young/${youngPersonId}/profile`);
  assert.equal(await page.locator('h1').innerText(), 'All about me');
  await checked('my page, empty, JavaScript off');
  await expectNoSidewaysScroll(page, 'my page, empty, JavaScript off');
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: /Start my page/ }).click()]);
  assert.match(await page.locator('h1').innerText(), /What people like about me/);

  // Nothing to add yet: an error that says so.
  await submit(page, 'Save and add another');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Write something, or choose a picture/);
  await checked('a section with an error, JavaScript off');

  await page.locator('textarea#newText').fill('I am good at drawing');
  await page.locator('input#symbolSearch').fill('pencil');
  await submit(page, 'Find pictures');
  assert.equal(await page.locator('textarea#newText').inputValue(), 'I am good at drawing', 'what was typed is kept');
  assert.ok((await page.locator('input[name="newSymbol"]').count()) > 1, 'pictures were found');
  await expectNoSidewaysScroll(page, 'pictures found, JavaScript off');
  const first = page.locator('input[name="newSymbol"]').nth(1);
  const symbol = await first.getAttribute('value');
  await page.locator(`label[for="${await first.getAttribute('id')}"]`).click();
  assert.ok(await first.isChecked());
  await checked('a section, pictures found, JavaScript off');

  await submit(page, 'Save and add another');
  assert.match(await page.locator('main').innerText(), /Added to your page/);
  await checked('a section, a thing added, JavaScript off');
  await submit(page, 'Save and next');
  assert.match(await page.locator('h1').innerText(), /What is important to me/);

  await page.goto(`${R}/young/${youngPersonId}/profile`);
  assert.match(await page.locator('main').innerText(), /I am good at drawing/);
  const srcs = await page.locator('main img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  assert.ok(srcs.includes(`/symbols/${symbol}.svg`), `the chosen picture ${symbol} is on the page: ${srcs.join(' ')}`);
  await checked('my page, filled, JavaScript off');
});

test('a worker\'s "Shared with you": empty, then the page a young person shared, at 320 and 1280 px', async () => {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const email = 'worker.shared@riverside.example';
  const workerId = await createAccount(db, { email, displayName: 'Wren Worker', password: DEMO_PASSWORD });
  await addMember(db, areaId, workerId, 'practitioner', null);
  const page = await suite.pageAs(email, { viewport: PHONE });
  await page.goto(`${R}/profiles`);
  assert.match(await page.locator('main').innerText(), /Nobody has shared a page with you/);
  await expectAccessible(page, 'shared with you: empty');
  // Jaden (the demo's young person) shares their page with this worker.
  const jaden = await withArea(db, areaId, async (tx) => tx.selectFrom('young_person as y').innerJoin('account as a', 'a.id', 'y.account_id').innerJoin('profile as p', 'p.young_person_id', 'y.id').select(['p.id as profileId', 'a.id as accountId']).where('a.display_name', '=', 'Jaden').where('p.kind', '=', 'all_about_me').executeTakeFirstOrThrow());
  await shareProfile(db, areaId, jaden.accountId, jaden.profileId, { email, roleWords: 'My key worker' }, { base: `http://localhost/a/${DEMO_SLUG}` });
  await page.goto(`${R}/profiles`);
  assert.match(await page.locator('main').innerText(), /Jaden: All about me/);
  await expectAccessible(page, 'shared with you: one page');
  await expectNoSidewaysScroll(page, 'shared with you');
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: /Jaden: All about me/ }).click()]);
  assert.match(await page.locator('main').innerText(), /Shared with you by Jaden/);
});
