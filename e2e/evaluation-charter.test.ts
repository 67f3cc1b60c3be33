/**
 * The charter, self-assessed (issue 13 §3), in a browser: the area's view (this year, last year,
 * none yet), opening and closing a year, an organisation's self-assessment and one principle's page
 * (filled, with errors), a forum's rating, and the public "How we are doing" pages (standard and
 * easy read, filled and empty). axe at 320 and 1280 px in each state; the forms and the public pages
 * with JavaScript off; a principle rated by keyboard alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { createArea, findAreaBySlug, listForumsAndBoards, listOrganisations } from '../src/modules/areas/areas.service.ts';
import { londonToday } from '../src/modules/evaluation/charter-assessment.service.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, submit } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const BASE = `${A}/manage/evaluation/charter`;
const YEAR = Number(londonToday().slice(0, 4));
const PHONE = { width: 320, height: 640 };
const suite = e2eFile();
const lead = demoAccount('participation_lead').email;

async function organisationId(name: string): Promise<string> {
  const area = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!;
  return (await listOrganisations(suite.e2e.db, area.id)).find((o) => o.name === name)!.id;
}

/** Presses Tab until the focused element matches, or fails after 80 presses. */
async function tabTo(page: Page, matches: (el: { name: string; tag: string; text: string; type: string }) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return { name: a?.getAttribute('name') ?? '', tag: a?.tagName.toLowerCase() ?? '', text: a?.textContent?.trim() ?? '', type: a?.getAttribute('type') ?? '' };
    });
    if (matches(el)) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** A page checked with JavaScript off: axe runs on a copy of it (axe needs scripts). */
async function accessibleWithoutScripts(page: Page, label: string): Promise<void> {
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), label);
}

test("the area's view: this year, where the forums differ, last year read-only, and an area with no year yet", async () => {
  const page = await suite.pageAs(lead);
  await page.goto(BASE);
  assert.equal(await pageHeading(page), `Riverside SEND Partnership Charter self-assessment ${YEAR}`);
  assert.ok(await page.getByRole('table', { name: 'Where the forums see it differently' }).getByText('Not yet').count());
  await expectAccessible(page, 'charter area view (this year)');
  await expectNoSidewaysScroll(page, 'charter area view (this year)');
  await page.getByRole('link', { name: `${YEAR - 1} (closed, read only)` }).click();
  assert.equal(await pageHeading(page), `Riverside SEND Partnership Charter self-assessment ${YEAR - 1}`);
  await expectAccessible(page, 'charter area view (last year)');

  // An area with nothing yet: its lead sees how to start.
  const area = await createArea(suite.e2e.db, { slug: 'charter-empty', name: 'Charter Empty', contactEmail: 'c@example.com' });
  const id = await createAccount(suite.e2e.db, { email: 'empty-lead@example.com', displayName: 'Empty Lead', password: DEMO_PASSWORD });
  await addMember(suite.e2e.db, area.id, id, 'participation_lead', null);
  const empty = await suite.pageAs('empty-lead@example.com');
  await empty.goto('/a/charter-empty/manage/evaluation/charter');
  assert.ok(await empty.getByRole('button', { name: "Open this year's self-assessment" }).count());
  await expectAccessible(empty, 'charter area view (none yet)');
  // Opening a year, with JavaScript off: errors, then opened.
  const noJs = await suite.pageAs('empty-lead@example.com', { javaScriptEnabled: false });
  await noJs.goto('/a/charter-empty/manage/evaluation/charter/new-year');
  await accessibleWithoutScripts(noJs, 'open a year');
  await noJs.getByLabel('Year of the self-assessment').fill('20x6');
  await submit(noJs, 'Open the self-assessment');
  assert.deepEqual(await errorSummaryLinks(noJs), ['#year', '#deadline-day']);
  await accessibleWithoutScripts(noJs, 'open a year (errors)');
  await noJs.getByLabel('Year of the self-assessment').fill(String(YEAR));
  await noJs.getByLabel('Day').fill('31');
  await noJs.getByLabel('Month').fill('12');
  await noJs.getByLabel('Year', { exact: true }).fill(String(YEAR + 1));
  await submit(noJs, 'Open the self-assessment');
  assert.equal(await pageHeading(noJs), `Charter Empty Charter self-assessment ${YEAR}`);
  await accessibleWithoutScripts(noJs, 'charter area view (just opened)');
  // Moving the deadline, with JavaScript off.
  await noJs.getByRole('button', { name: 'Change the deadline' }).click();
  await accessibleWithoutScripts(noJs, 'change the deadline');
  await noJs.getByLabel('Day').fill('');
  await submit(noJs, 'Change the deadline');
  assert.deepEqual(await errorSummaryLinks(noJs), ['#deadline-day']);
  await accessibleWithoutScripts(noJs, 'change the deadline (errors)');
  await noJs.getByLabel('Day').fill('30');
  await submit(noJs, 'Change the deadline');
  assert.match(await noJs.locator('main').innerText(), new RegExp(`Open until 30 December ${YEAR + 1}`));
  // Closing it, with JavaScript off.
  await noJs.getByRole('button', { name: `Close the ${YEAR} self-assessment` }).click();
  await accessibleWithoutScripts(noJs, 'close a year');
  await submit(noJs, `Close the ${YEAR} self-assessment`);
  assert.match(await noJs.locator('main').innerText(), /This year was closed on/);
  await noJs.goto('/a/charter-empty/manage/evaluation/charter/new-year');
  await accessibleWithoutScripts(noJs, 'open a year (after closing)');
});

test("an organisation's self-assessment: the list of principles with the forums' ratings, a principle's page with errors, and finishing", async () => {
  const nhs = await organisationId('Riverside NHS Trust');
  const page = await suite.pageAs(lead);
  await page.goto(`${BASE}/${YEAR}/organisations/${nhs}`);
  assert.equal(await pageHeading(page), `Charter self-assessment ${YEAR} Riverside NHS Trust`);
  assert.match(await page.locator('main').innerText(), /Differs from yours/);
  await expectAccessible(page, 'organisation self-assessment (finished)');
  await expectNoSidewaysScroll(page, 'organisation self-assessment (finished)');
  await page.goto(`${BASE}/${YEAR - 1}/organisations/${nhs}`);
  await expectAccessible(page, 'organisation self-assessment (closed year)');

  // Not finished: marking it finished too soon says why (JavaScript off).
  const youthVoice = await organisationId('Riverside Youth Voice');
  const noJs = await suite.pageAs(lead, { javaScriptEnabled: false, viewport: PHONE });
  await noJs.goto(`${BASE}/${YEAR}/organisations/${youthVoice}`);
  await accessibleWithoutScripts(noJs, 'organisation self-assessment (not started)');
  await submit(noJs, 'Mark as finished');
  assert.deepEqual(await errorSummaryLinks(noJs), ['#principles']);
  await accessibleWithoutScripts(noJs, 'organisation self-assessment (finish refused)');

  // A principle's page, filled in from the demo, then with errors (JavaScript off, on a phone).
  await noJs.goto(`${BASE}/${YEAR}/organisations/${nhs}/principles/2`);
  await accessibleWithoutScripts(noJs, 'principle page (filled)');
  await expectNoSidewaysScroll(noJs, 'principle page (filled)');
  await noJs.getByLabel('What you will do (commitment 1)').fill('');
  await noJs.getByRole('group', { name: 'How well does your organisation keep commitment 1?' }).getByLabel('Not yet').check();
  await noJs.getByLabel('A link that shows it (commitment 2)').fill('not a link');
  await submit(noJs, 'Save and continue');
  assert.deepEqual(await errorSummaryLinks(noJs), ['#c1-action', '#c2-url']);
  assert.equal(await noJs.getByLabel('A link that shows it (commitment 2)').inputValue(), 'not a link');
  await accessibleWithoutScripts(noJs, 'principle page (errors)');

  // Someone else saves the same page meanwhile: the second person's words stay, with what was saved.
  const other = await suite.pageAs(lead);
  await other.goto(`${BASE}/${YEAR}/organisations/${nhs}/principles/4`);
  await noJs.goto(`${BASE}/${YEAR}/organisations/${nhs}/principles/4`);
  await submit(other, 'Save and continue');
  await noJs.getByLabel('What shows it (commitment 1)').fill('My own evidence, typed meanwhile');
  await submit(noJs, 'Save and continue');
  assert.match(await noJs.locator('main').innerText(), /Someone else saved this principle while you were working on it/);
  assert.equal(await noJs.getByLabel('What shows it (commitment 1)').inputValue(), 'My own evidence, typed meanwhile');
  await accessibleWithoutScripts(noJs, 'principle page (someone else saved first)');
});

test('a lead rates a principle by keyboard alone, with JavaScript off', async () => {
  const youthVoice = await organisationId('Riverside Youth Voice');
  const page = await suite.pageAs(lead, { javaScriptEnabled: false, viewport: PHONE });
  await page.goto(`${BASE}/${YEAR}/organisations/${youthVoice}/principles/1`);
  assert.equal(await pageHeading(page), 'Welcome and care');
  for (const n of [1, 2, 3]) {
    // Into the commitment's radios (the first, Met, takes focus), chosen with Space, then the evidence.
    await tabTo(page, (el) => el.name === `c${n}-rating`, `commitment ${n}'s rating`);
    await page.keyboard.press('Space');
    await tabTo(page, (el) => el.name === `c${n}-note`, `commitment ${n}'s evidence`);
    await page.keyboard.type(`We asked 30 young people (${n}).`);
  }
  await tabTo(page, (el) => el.tag === 'button' && el.text === 'Save and continue', 'the save button');
  await Promise.all([page.waitForURL(/principles\/2$/), page.keyboard.press('Enter')]);
  assert.equal(await pageHeading(page), 'Value and include');
  assert.match(await page.locator('main').innerText(), /Saved: Welcome and care/);
  await page.goto(`${BASE}/${YEAR}/organisations/${youthVoice}`);
  assert.match(await page.locator('main').innerText(), /3 of 15 commitments rated/);
  assert.match(await page.locator('main').innerText(), /We asked 30 young people \(2\)\./);
});

test("a forum's rating, recorded by a lead with the date it was agreed (JavaScript off)", async () => {
  const area = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!;
  const { forums } = await listForumsAndBoards(suite.e2e.db, area.id);
  const inspectors = forums.find((f) => f.name === 'Young Inspectors')!;
  const council = await organisationId('Riverside Council');
  const page = await suite.pageAs(lead, { javaScriptEnabled: false });
  await page.goto(`${BASE}/${YEAR}/forums/${inspectors.id}/organisations/${council}`);
  assert.equal(await pageHeading(page), "The forum's rating of Riverside Council");
  await accessibleWithoutScripts(page, 'forum rating (empty)');
  await submit(page, "Save the forum's rating");
  assert.deepEqual(await errorSummaryLinks(page), ['#p1-rating', '#agreed-day']);
  await accessibleWithoutScripts(page, 'forum rating (errors)');
  // The council says it partly communicates well; the young inspectors say it does.
  await page.getByRole('group', { name: 'Communicate' }).getByLabel('Met').check();
  const [y, m, d] = londonToday().split('-');
  await page.getByLabel('Day').fill(d!);
  await page.getByLabel('Month').fill(m!);
  await page.getByLabel('Year').fill(y!);
  await submit(page, "Save the forum's rating");
  assert.match(await page.locator('main').innerText(), /Saved the rating Young Inspectors gave Riverside Council/);
  assert.match(await page.locator('main').innerText(), /Young Inspectors, agreed .+\n?The forum rated this higher than the organisation did\./);
});

test('the public pages: how we are doing against our charter, standard and easy read, with JavaScript off; and before any year is closed', async () => {
  const page = await suite.pageAs(null, { javaScriptEnabled: false, viewport: PHONE });
  await page.goto(`${A}/charter`);
  await page.getByRole('link', { name: 'How we are doing against our charter' }).click();
  assert.equal(await pageHeading(page), 'How we are doing against our charter');
  const text = await page.locator('main').innerText();
  assert.match(text, new RegExp(`In ${YEAR - 1}, 3 of the 4 organisations in our partnership finished`));
  assert.ok(!/Riverside NHS Trust|Riverside Council|Jess Patel/.test(text), 'no organisation or person is named');
  await accessibleWithoutScripts(page, 'how we are doing');
  await expectNoSidewaysScroll(page, 'how we are doing');
  await page.getByRole('link', { name: 'Read this page in easy read' }).click();
  assert.equal(await pageHeading(page), 'How we are doing: easy read');
  await accessibleWithoutScripts(page, 'how we are doing (easy read)');
  await expectNoSidewaysScroll(page, 'how we are doing (easy read)');
  // From the easy-read charter, too.
  await page.goto(`${A}/charter/easy-read`);
  assert.ok(await page.getByRole('link', { name: 'How we are doing: easy read' }).count());

  await createArea(suite.e2e.db, { slug: 'charter-none', name: 'Charter None', contactEmail: 'c@example.com' });
  await page.goto('/a/charter-none/charter/how-we-are-doing');
  assert.match(await page.locator('main').innerText(), /We have not finished a year/);
  await accessibleWithoutScripts(page, 'how we are doing (none yet)');
  await page.goto('/a/charter-none/charter/how-we-are-doing/easy-read');
  await accessibleWithoutScripts(page, 'how we are doing, easy read (none yet)');
});
