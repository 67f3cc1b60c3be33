/**
 * Subject access and erasure in a real browser: axe (WCAG 2.2 A/AA) at 320 px and 1280 px on every
 * page in every state (search empty and with errors, results with data and with nothing, the erasure
 * confirmation, the search page after an erasure) and on the page inside the download; the whole
 * journey (search, download, erase) by keyboard only; and again with JavaScript off.
 */
import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { setContactPreference } from '../src/modules/feedback/contacts.service.ts';
import { insertResponse } from '../src/testing/responses.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, signIn, submit, e2eFile } from './support.ts';

const SEARCH = `/a/${DEMO_SLUG}/manage/privacy/data-rights`;
const suite = e2eFile();

/** A young person in the demo area with an account, a response and a way to hear back by email. */
async function seedPerson(tag: string): Promise<{ email: string; name: string }> {
  const area = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!;
  const email = `browser-${tag}@example.org`;
  const name = `Browser Person ${tag}`;
  const id = await createAccount(suite.e2e.db, { email, displayName: name, password: DEMO_PASSWORD });
  await addMember(suite.e2e.db, area.id, id, 'young_person', null);
  const response = await withArea(suite.e2e.db, area.id, async (tx) => {
    const activity = await tx.selectFrom('activity').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    return insertResponse(tx, area.id, { activityId: activity.id, mode: 'signed_in', accountId: id, answers: [], anythingElse: `Words of ${tag}`, ageBand: '16-18' });
  });
  await setContactPreference(suite.e2e.db, area.id, response.id, { channel: 'email', address: email, format: 'standard', language: 'en' });
  return { email, name };
}

async function adminPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await suite.pageAs(null, options);
  await signIn(page, demoAccount('area_admin').email);
  return page;
}

async function unzipIndex(download: Download): Promise<string> {
  // Read as a stream: download.path() is not there when the browser is shared (connected to).
  const zip = await JSZip.loadAsync(await buffer(await download.createReadStream()));
  return zip.file('index.html')!.async('string');
}

test('every page and state passes axe at 320 px and 1280 px, and so does the page in the download', async () => {
  const person = await seedPerson('axe');
  const page = await adminPage();
  await page.goto(SEARCH);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), "Find a person's data");
  await expectAccessible(page, 'search empty');

  // Nothing chosen: the error summary points at the radios.
  assert.equal((await submit(page, 'Search')).status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#searchBy']);
  await expectAccessible(page, 'search error, nothing chosen');

  // Email chosen, the address is wrong: the error is beside the field, which is shown.
  await page.getByLabel('Email address', { exact: true }).check();
  await page.getByLabel('Their email address').fill('not an address');
  assert.equal((await submit(page, 'Search')).status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#email']);
  assert.equal(await page.getByLabel('Their email address').inputValue(), 'not an address');
  await expectAccessible(page, 'search error, bad email');

  // Nothing found.
  await page.getByLabel('Their email address').fill('nobody-here@example.org');
  assert.equal((await submit(page, 'Search')).status(), 200);
  assert.ok(await page.getByText('Chorus holds nothing about this person').isVisible());
  await expectAccessible(page, 'results, nothing found');

  // Found: the table of what is held, the download and the erase buttons.
  await page.goto(SEARCH);
  await page.getByLabel('Email address', { exact: true }).check();
  await page.getByLabel('Their email address').fill(person.email);
  assert.equal((await submit(page, 'Search')).status(), 200);
  assert.ok(await page.getByRole('table', { name: 'What Chorus holds' }).isVisible());
  await expectAccessible(page, 'results');
  await expectNoSidewaysScroll(page, 'results');

  // The page inside the download, opened as the person would open it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download everything as a zip' }).click()]);
  assert.match(download.suggestedFilename(), /^chorus-riverside-information-\d{4}-\d{2}-\d{2}\.zip$/);
  const html = await unzipIndex(download);
  assert.ok(html.includes(person.email) && html.includes(`Words of axe`));
  const reader = await (await suite.e2e.newContext()).newPage();
  await reader.setContent(html);
  assert.equal(await reader.getByRole('heading', { level: 1 }).innerText(), 'Your information held by Riverside SEND Partnership');
  await expectAccessible(reader, 'download index.html');
  await expectNoSidewaysScroll(reader, 'download index.html');
  await reader.context().close();

  // The erasure confirmation, then the search page with what was done.
  assert.equal((await submit(page, "Erase this person's data")).status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), "Erase this person's data");
  assert.ok(await page.getByText('Erasing cannot be undone').isVisible());
  await expectAccessible(page, 'erase confirmation');
  assert.equal((await submit(page, "Erase this person's data")).status(), 303);
  await page.getByRole('alert').filter({ hasText: /Their data was erased/ }).waitFor({ timeout: 5000 });
  await expectAccessible(page, 'search after erasure');
});

test('search, download and erase by keyboard only', async () => {
  const person = await seedPerson('keys');
  const page = await adminPage();
  await page.goto(SEARCH);
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.id ?? '', text: el?.innerText?.trim() ?? '' };
  });
  const tabTo = async (want: { id?: string; text?: string }) => {
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      const now = await focused();
      if ((want.id && now.id === want.id) || (want.text && now.text === want.text)) return;
    }
    assert.fail(`Tab never reached ${JSON.stringify(want)}`);
  };
  const pressAndWaitForPost = async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
      page.keyboard.press('Enter'),
    ]);
    await page.waitForLoadState('load');
    return response;
  };

  // The radio group is one Tab stop: Space chooses "Email address", which shows its field next.
  await tabTo({ id: 'searchBy' });
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'email');
  await page.keyboard.type(person.email);
  await tabTo({ text: 'Search' });
  assert.equal((await pressAndWaitForPost()).status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'What Chorus holds about this person');

  await tabTo({ text: 'Download everything as a zip' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.ok((await unzipIndex(download)).includes(person.email));

  await tabTo({ text: "Erase this person's data" });
  assert.equal((await pressAndWaitForPost()).status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), "Erase this person's data");
  await tabTo({ text: "Erase this person's data" });
  assert.equal((await pressAndWaitForPost()).status(), 303);
  await page.getByRole('alert').filter({ hasText: /Their data was erased/ }).waitFor({ timeout: 5000 });
  assert.equal(new URL(page.url()).pathname, SEARCH);
});

test('search, download and erase with JavaScript off', async () => {
  const person = await seedPerson('nojs');
  const page = await adminPage({ javaScriptEnabled: false });
  await page.goto(SEARCH);
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');
  // Choosing a kind of search shows its field with no script (the reveal is CSS).
  assert.equal(await page.getByLabel('Their email address').isVisible(), false);
  await page.getByLabel('Email address', { exact: true }).check();
  assert.ok(await page.getByLabel('Their email address').isVisible());
  assert.equal(await page.getByLabel('Their mobile phone number').isVisible(), false);
  await page.getByLabel('Their email address').fill(person.email);
  assert.equal((await submit(page, 'Search')).status(), 200);
  assert.ok(await page.getByRole('table', { name: 'What Chorus holds' }).isVisible());

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download everything as a zip' }).click()]);
  assert.ok((await unzipIndex(download)).includes(person.name));

  assert.equal((await submit(page, "Erase this person's data")).status(), 200);
  assert.equal((await submit(page, "Erase this person's data")).status(), 303);
  assert.ok(await page.getByText('Their data was erased').isVisible());
  const account = await suite.e2e.db.selectFrom('account').select('display_name').where('email', '=', person.email).executeTakeFirst();
  assert.equal(account, undefined, 'the account no longer has their address');
});
