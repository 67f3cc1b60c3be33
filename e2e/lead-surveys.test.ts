/**
 * A participation lead's week with a survey: setting when it opens and closes (errors first), the
 * "closes on" line a child reads on the start page, the survey closing by itself on its date (a
 * half-answered response then gets the closed page), the owner's one reminder before it closes, the
 * feedback due date on the activity page, a preview of every question as a child sees it (nothing
 * saved), and the activities list with status, responses, closing date and feedback due. axe at
 * 320 px and 1280 px on every page and state, JavaScript off for the forms, keyboard for the preview.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createActivity, dayText, getActivity, londonToUtc, runSurveyDates, setActivityStatus } from '../src/modules/activities/activities.service.ts';

/** "Friday 12 December 2026" for a London day or instant. */
const longDate = (value: Date | string) => dayText(typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value, 'en');
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addQuestion, readyMadeOptions, type NewOption } from '../src/modules/surveys/questions.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, submit } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const LEAD = demoAccount('participation_lead').email;
const suite = e2eFile();

/** A London date this many days from now, 'YYYY-MM-DD'. */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

async function areaId(): Promise<string> {
  return (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id;
}

const option = (label: string, symbol: string, easyRead = ''): NewOption => ({ label, easyRead, symbol, altText: label });

/** A children's survey in draft with three questions of different types. */
async function draftSurvey(title: string): Promise<string> {
  const area = await areaId();
  const activity = await createActivity(suite.e2e.db, area, null, testActivity({ title, audience: 'children_young_people', ageBands: ['8_11'], childrenMode: true, contactEmail: 'jess@riverside.example' }));
  const add = (type: 'smiley_scale' | 'single_choice' | 'free_text', text: string, easyRead: string, options: NewOption[]) =>
    addQuestion(suite.e2e.db, area, null, activity.id, { type, text, easyRead, hint: '', required: false, settings: type === 'smiley_scale' ? { points: 3 } : type === 'free_text' ? { maxLength: 500 } : {}, showIf: null }, options);
  await add('smiley_scale', 'How do you feel about the youth club?', 'How do you feel at the club?', readyMadeOptions('smiley_scale', { points: 3 }));
  await add('single_choice', 'Which day suits you best?', 'Which day is best?', [option('Saturday', '1F4C5', 'Saturday'), option('Sunday', '2600', 'Sunday')]);
  await add('free_text', 'What else should we know?', 'Tell us anything else.', []);
  return activity.id;
}

async function countResponses(activityId: string): Promise<{ responses: number; contributions: number }> {
  const area = await areaId();
  return withArea(suite.e2e.db, area, async (tx) => {
    const r = await tx.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).where('area_id', '=', area).where('activity_id', '=', activityId).executeTakeFirstOrThrow();
    const c = await tx.selectFrom('contribution').select((eb) => eb.fn.countAll<string>().as('n')).where('area_id', '=', area).where('activity_id', '=', activityId).executeTakeFirstOrThrow();
    return { responses: Number(r.n), contributions: Number(c.n) };
  });
}

async function checked(page: Page, mirror: Page, label: string): Promise<void> {
  await expectAccessible(await mirrorWithoutScripts(page, mirror), label);
  await expectNoSidewaysScroll(page, label);
}

async function fillDate(page: Page, legend: string, date: string, time: string): Promise<void> {
  const [year, month, day] = date.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
  await page.getByLabel(`${legend.replace('date', 'time')}`, { exact: false }).first().fill(time);
}

test('Survey dates: the lead sets when it opens and closes (errors first, JavaScript off), a child reads "This survey closes on …", the owner is reminded once, it closes by itself, and the feedback due date follows the area deadline', async () => {
  const id = await draftSurvey('Plan the youth club');
  const page = await suite.pageAs(LEAD, { javaScriptEnabled: false });
  const mirror = await suite.pageAs(LEAD);

  await page.goto(`${A}/activities/${id}/questions`);
  await page.getByRole('link', { name: 'Set when it opens and closes' }).click();
  assert.equal(await pageHeading(page), 'Plan the youth club When the survey is open');
  await checked(page, mirror, 'survey dates: empty');

  // Nothing typed, then a closing date before the opening date: the GOV.UK error pattern, typed values kept.
  let response = await submit(page, 'Save dates');
  assert.equal(response.status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#opens-day', '#closes-day']);
  await checked(page, mirror, 'survey dates: nothing entered');

  const closes = daysAhead(7);
  await fillDate(page, 'Opening date', daysAhead(-1), '9am');
  await fillDate(page, 'Closing date', daysAhead(-2), '5pm');
  response = await submit(page, 'Save dates');
  assert.equal(response.status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#closes-day']);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /The closing date must be after the opening date/);
  assert.equal(await page.getByRole('group', { name: 'Opening date' }).getByLabel('Year').inputValue(), daysAhead(-1).slice(0, 4), 'what was typed is kept');
  await checked(page, mirror, 'survey dates: closing before opening');

  await fillDate(page, 'Closing date', closes, '5pm');
  await page.getByLabel('Opening time (optional)').fill('');
  response = await submit(page, 'Save dates');
  assert.equal(response.status(), 303, 'saved, then back to the questions');
  const saved = await page.locator('.govuk-notification-banner').innerText();
  assert.match(saved, new RegExp(`opens on ${longDate(daysAhead(-1))} at 9am`), 'an empty opening time means 9am, as the hint says');
  assert.match(saved, new RegExp(`closes on ${longDate(closes)} at 5pm`));

  // The lead opens it; the activity page says when it closes and when feedback is due (12 weeks, the area's setting).
  const area = await areaId();
  await setActivityStatus(suite.e2e.db, area, null, id, 'open');
  await page.goto(`${A}/activities/${id}`);
  const details = await page.locator('main').innerText();
  assert.match(details, new RegExp(`Closes\\s+${longDate(closes)} at 5pm`));
  const due = new Date(londonToUtc(closes, '17:00').getTime() + 12 * 7 * 86_400_000);
  assert.match(details, new RegExp(`Feedback due\\s+${longDate(due)}`));
  await checked(page, mirror, 'activity page with dates');

  // A child on a phone reads when it closes.
  const child = await suite.pageAs(null, { viewport: { width: 320, height: 640 } });
  await child.goto(`${A}/surveys/${id}`);
  assert.match(await child.locator('main').innerText(), new RegExp(`This survey closes on ${longDate(closes)}`));
  await expectAccessible(child, 'start page with closes on');
  await expectNoSidewaysScroll(child, 'start page with closes on');

  // The child starts answering.
  await child.getByRole('radio', { name: /on my own/i }).check();
  await child.getByRole('button', { name: /start/i }).click();
  const questionUrl = child.url();
  assert.match(questionUrl, /\/questions\/1$/);

  // Three days before it closes, the owner is reminded, once however often the job runs.
  const closesAt = londonToUtc(closes, '17:00');
  const nearly = new Date(closesAt.getTime() - 2 * 86_400_000);
  await runSurveyDates(suite.e2e.db, { now: nearly, baseUrl: suite.e2e.baseUrl });
  await runSurveyDates(suite.e2e.db, { now: nearly, baseUrl: suite.e2e.baseUrl });
  const reminders = await withArea(suite.e2e.db, area, (tx) => tx.selectFrom('queued_message').select(['recipient', 'subject', 'body']).where('area_id', '=', area).where('purpose', '=', 'survey_closing').execute());
  assert.equal(reminders.length, 1, 'one reminder, never two');
  assert.equal(reminders[0]!.recipient, 'jess@riverside.example');
  assert.match(reminders[0]!.subject, /Plan the youth club closes on/);
  assert.match(reminders[0]!.body, new RegExp(`/a/${DEMO_SLUG}/activities/${id}`));

  // The closing time passes: the child's half-answered response gets the closed page at once...
  await withArea(suite.e2e.db, area, (tx) => tx.updateTable('activity').set({ starts_at: new Date(Date.now() - 3 * 86_400_000), ends_at: new Date(Date.now() - 60_000) }).where('id', '=', id).execute());
  await child.goto(questionUrl);
  assert.match(await pageHeading(child), /This survey has finished/, 'the closed page, as when a lead closes it by hand');
  // ...and the job closes it as a lead closing it by hand would, recorded in the audit log.
  await runSurveyDates(suite.e2e.db, { now: new Date(), baseUrl: suite.e2e.baseUrl });
  const closed = await getActivity(suite.e2e.db, area, id);
  assert.equal(closed.status, 'closed');
  assert.ok(closed.closedAt);
  const audited = await withArea(suite.e2e.db, area, (tx) => tx.selectFrom('audit_event').select(['action', 'detail']).where('area_id', '=', area).where('subject_id', '=', id).where('action', '=', 'activity.status_changed').execute());
  assert.ok(audited.some((e) => JSON.stringify(e.detail).includes('closing_date')), 'the automatic close is recorded');
});

test('Preview: every question of a draft as a child sees it, labelled "answers are not saved", one at a time by keyboard, and nothing is saved', async () => {
  const id = await draftSurvey('Saturday club ideas');
  const page = await suite.pageAs(LEAD, { javaScriptEnabled: false });
  const mirror = await suite.pageAs(LEAD);
  await page.goto(`${A}/activities/${id}/questions`);
  await page.getByRole('link', { name: 'Preview the questions' }).focus();
  // The new page's own load event: waitForLoadState would return at once on the page already loaded.
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

  const headings = ['How do you feel at the club?', 'Which day is best?', 'Tell us anything else.'];
  for (const [i, heading] of headings.entries()) {
    const main = await page.locator('main').innerText();
    assert.match(main, /Preview — answers are not saved/);
    assert.match(main, new RegExp(`Question ${i + 1} of 3`));
    assert.equal(await pageHeading(page), heading, 'the easy-read wording a child reads');
    if (i === 1) {
      assert.equal(await page.getByRole('radio').count(), 2);
      assert.equal(await page.getByRole('img', { name: 'Saturday' }).count() + (await page.locator('img[src*="1F4C5"]').count()) > 0, true, 'symbols shown');
    }
    await checked(page, mirror, `preview question ${i + 1}`);
    if (i < headings.length - 1) {
      await page.getByRole('link', { name: 'Next question' }).focus();
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    }
  }
  assert.equal(await page.getByRole('link', { name: 'Next question' }).count(), 0);
  assert.deepEqual(await countResponses(id), { responses: 0, contributions: 0 }, 'a preview makes no response and no contribution');
});

test('Activities list: each activity with its status, responses, closing date and feedback due, readable at 320 px and 1280 px', async () => {
  const id = await draftSurvey('Holiday club survey');
  const area = await areaId();
  const closes = daysAhead(10);
  await withArea(suite.e2e.db, area, (tx) => tx.updateTable('activity').set({ starts_at: new Date(Date.now() - 86_400_000), ends_at: londonToUtc(closes, '17:00') }).where('id', '=', id).execute());
  await setActivityStatus(suite.e2e.db, area, null, id, 'open');
  const page = await suite.pageAs(LEAD);
  await page.goto(`${A}/activities`);
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Holiday club survey' }) });
  const text = (await item.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /Status Open/);
  assert.match(text, /Responses 0/);
  assert.match(text, new RegExp(`Closes ${longDate(closes)}`));
  const due = new Date(londonToUtc(closes, '17:00').getTime() + 12 * 7 * 86_400_000);
  assert.match(text, new RegExp(`Feedback due ${longDate(due)}`));

  // The demo's parent survey: 60 responses, closed, its feedback due date from when it closed.
  const parents = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Short breaks/ }) });
  assert.match((await parents.innerText()).replace(/\s+/g, ' '), /Responses 60 Closed /);
  // The demo's older survey is past the area's feedback deadline with nothing published: it says so.
  const older = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Moving on to college/ }) });
  assert.match((await older.innerText()).replace(/\s+/g, ' '), /Feedback due \w+ \d+ \w+ \d{4} \d+ days overdue/);
  await expectAccessible(page, 'activities list');
  await expectNoSidewaysScroll(page, 'activities list');
});

/** Presses Tab until the focused element is the one named (a link, a button or a box's label), as a keyboard user would. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return '';
      const label = el.labels?.[0]?.textContent ?? '';
      const legend = el.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
      return `${legend.trim()} ${label.trim()} ${el.tagName === 'A' || el.tagName === 'BUTTON' ? (el.textContent ?? '').trim() : ''}`.replace(/\s+/g, ' ').trim();
    });
    if (here === name || here.endsWith(name)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('Survey dates by keyboard only, JavaScript off: from the questions page to saved dates without a mouse', async () => {
  const id = await draftSurvey('Keyboard club survey');
  const page = await suite.pageAs(LEAD, { javaScriptEnabled: false });
  await page.goto(`${A}/activities/${id}/questions`);
  await tabTo(page, 'Set when it opens and closes');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  assert.match(await pageHeading(page), /When the survey is open/);
  const opens = daysAhead(1);
  const closes = daysAhead(15);
  await tabTo(page, 'Opening date Day');
  for (const part of [String(Number(opens.slice(8))), String(Number(opens.slice(5, 7))), opens.slice(0, 4)]) {
    await page.keyboard.type(part);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('10am');
  await tabTo(page, 'Closing date Day');
  for (const part of [String(Number(closes.slice(8))), String(Number(closes.slice(5, 7))), closes.slice(0, 4)]) {
    await page.keyboard.type(part);
    await page.keyboard.press('Tab');
  }
  await tabTo(page, 'Save dates');
  await Promise.all([page.waitForURL(/\/questions$/), page.keyboard.press('Enter')]);
  const saved = await page.locator('.govuk-notification-banner').innerText();
  assert.match(saved, new RegExp(`opens on ${longDate(opens)} at 10am and closes on ${longDate(closes)} at 11:59pm`));
});
