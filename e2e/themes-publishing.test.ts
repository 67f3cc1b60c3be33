/**
 * Issue 12 §3 in the browser, as a participation lead, a decision maker and an area admin would meet
 * it: theme suggestions (nothing ticked, one activity unless widened, courtesy answers left out),
 * publishing a response (a theme summary and easy read first, someone other than its writer approves,
 * the decision maker can, the area's publishing rule), the same removed detail in several answers
 * checked once, and the themes table on a 320 px phone. axe at 320 and 1280 px on every page and
 * state; keyboard only; JavaScript off.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Locator, Page, Response } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addContributionsForResponse } from '../src/modules/contributions/contributions.service.ts';
import * as responses from '../src/modules/feedback/responses.service.ts';
import { addQuestion } from '../src/modules/surveys/questions.service.ts';
import { assignContributions, createTheme } from '../src/modules/themes/themes.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, submit } from './support.ts';

const suite = e2eFile();
const a = `/a/${DEMO_SLUG}`;
let areaId = '';
const lead = demoAccount('participation_lead');
const decisionMaker = demoAccount('decision_maker');
const admin = demoAccount('area_admin');

async function accountId(email: string): Promise<string> {
  return (await suite.e2e.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

/** A survey with one free-text question and these answers to it; returns the activity and contribution ids. */
async function surveyWith(title: string, texts: readonly string[]): Promise<{ activityId: string; ids: string[] }> {
  await demoArea();
  const { db } = suite.e2e;
  const activityId = (await createActivity(db, areaId, null, testActivity({ title, venueKind: 'online' }))).id;
  const questionId = await addQuestion(db, areaId, null, activityId, { type: 'free_text', text: 'What would make it better?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  const ids: string[] = [];
  await withArea(db, areaId, async (tx) => {
    for (const text of texts) {
      const receipt = `E2E${randomBytes(5).toString('hex').toUpperCase()}`;
      const { id: responseId } = await tx
        .insertInto('response')
        .values({ area_id: areaId, activity_id: activityId, mode: 'anonymous', access_token_hash: randomBytes(16).toString('hex'), idempotency_key: randomBytes(16).toString('hex'), receipt_code: receipt, status: 'submitted', submitted_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addContributionsForResponse(tx, areaId, [{ activityId, questionId, responseId, accountId: null, supporterRelationship: null, receiptCode: receipt, source: 'free_text', text }]);
      ids.push((await tx.selectFrom('contribution').select('id').where('response_id', '=', responseId).executeTakeFirstOrThrow()).id);
    }
  });
  return { activityId, ids };
}

/** Presses the one submit button inside this part of the page and waits for the page it posted to. */
async function submitIn(page: Page, part: Locator): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()), part.getByRole('button').click()]);
  await page.waitForLoadState('load');
  return response;
}

/** The demo area, looked up once the file's app has started (hooks of one level run side by side). */
async function demoArea(): Promise<void> {
  if (!areaId) areaId = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id;
}

test('theme suggestions: nothing ticked, only the activity being themed unless the lead widens it, courtesy answers left out', async () => {
  const themed = await surveyWith('Suggestions survey', ['Thank you for asking.', 'Thanks for asking!', 'No comment', 'n/a', 'The hoist at the library is never fixed.', 'Please fix the library hoist.']);
  await surveyWith('Another survey', ['A ceiling hoist in the library would be good.']);
  const page = await suite.pageAs(lead.email);
  await page.goto(`${a}/manage/themes/suggestions?activity=${themed.activityId}`);
  assert.ok(await page.getByRole('heading', { name: '2 comments mention hoist' }).isVisible(), 'only this activity’s two comments about the hoist');
  assert.equal(await page.getByRole('checkbox', { name: 'The hoist at the library is never fixed.' }).isChecked(), false, 'never ticked for the lead');
  assert.equal(await page.getByRole('checkbox', { checked: true }).count(), 0, 'no comment is ticked before the lead ticks it');
  assert.equal(await page.getByRole('checkbox', { name: /A ceiling hoist/ }).count(), 0, 'another activity’s comment is not suggested');
  for (const courtesy of ['Thank you for asking.', 'No comment', 'n/a']) assert.equal(await page.getByRole('checkbox', { name: courtesy, exact: true }).count(), 0, courtesy);
  await expectAccessible(page, 'suggestions for one activity');

  // Widening, with the keyboard only.
  const widen = page.getByRole('checkbox', { name: 'Also suggest from other activities' });
  await widen.focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Show suggestions' }).focus();
  await Promise.all([page.waitForURL(/wider=yes/), page.keyboard.press('Enter')]);
  assert.ok(await page.getByRole('heading', { name: '3 comments mention hoist' }).isVisible(), 'the other activity’s comment joins');
  assert.ok(await page.getByRole('checkbox', { name: /A ceiling hoist/ }).isVisible());
  assert.equal(await page.getByRole('checkbox', { checked: true }).count(), 1, 'only the widen box itself is ticked');
  await expectAccessible(page, 'suggestions from every activity');

  // Accepting with JavaScript off: the lead ticks what belongs.
  const off = await suite.pageAs(lead.email, { javaScriptEnabled: false });
  await off.goto(`${a}/manage/themes/suggestions?activity=${themed.activityId}`);
  const section = off.locator('section').filter({ has: off.getByRole('heading', { name: '2 comments mention hoist' }) });
  assert.equal((await submitIn(off, section)).status(), 422, 'nothing ticked, nothing made');
  assert.ok(await off.locator('.govuk-error-summary').isVisible());
  await mirrorWithoutScripts(off, await suite.pageAs(null)).then((m) => expectAccessible(m, 'suggestions in error, JavaScript off'));
  const again = off.locator('section').filter({ has: off.getByRole('heading', { name: '2 comments mention hoist' }) });
  await again.getByRole('checkbox', { name: 'The hoist at the library is never fixed.' }).check();
  await again.getByRole('checkbox', { name: 'Please fix the library hoist.' }).check();
  assert.equal((await submitIn(off, again)).status(), 303);
  assert.ok(await off.getByText('2 comments added to “Hoist”').isVisible());
});

/** A theme with one comment in it and a response the lead wrote (saved as the lead: its writer). */
async function themeWithResponse(title: string, words: { summary: string; easyReadSummary: string }): Promise<string> {
  const { db } = suite.e2e;
  const { ids } = await surveyWith(`${title} survey`, [`Please keep ${title.toLowerCase()} going.`]);
  const themeId = await createTheme(db, areaId, null, { title, ...words });
  await assignContributions(db, areaId, null, themeId, ids);
  const saved = await responses.saveResponse(db, areaId, await accountId(lead.email), themeId, { ...responses.EMPTY_RESPONSE, status: 'will_do', whatChanged: 'We will keep it going next year.', whatChangedEasyRead: 'It will keep going.', decidedByRole: 'Head of SEND' }, 0);
  assert.ok(saved.ok);
  return themeId;
}

test('publishing: a theme summary and easy read first; someone other than the writer approves; the decision maker can', async () => {
  const themeId = await themeWithResponse('Saturday swimming', { summary: '', easyReadSummary: '' });
  const publishUrl = `${a}/manage/themes/${themeId}/response/publish`;
  const page = await suite.pageAs(lead.email);
  await page.goto(publishUrl);
  const links = await errorSummaryLinks(page);
  assert.ok(links.includes(`${a}/manage/themes/${themeId}/edit#summary`), links.join(' '));
  assert.ok(links.includes(`${a}/manage/themes/${themeId}/edit#easyReadSummary`), links.join(' '));
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Write a summary of the theme/);
  assert.equal(await page.getByRole('button', { name: 'Publish and tell people' }).count(), 0, 'nothing to publish until it is ready');
  await expectAccessible(page, 'publish, theme words missing');

  // The lead writes the theme's words, with the keyboard: the error's link goes to the field.
  await page.locator('.govuk-error-summary').getByRole('link', { name: /summary of the theme/ }).first().focus();
  await Promise.all([page.waitForURL(/\/edit/), page.keyboard.press('Enter')]);
  await page.getByLabel('Summary in plain English').fill('Families asked us to keep the Saturday swimming sessions.');
  await page.getByLabel('Easy read summary').fill('Keep Saturday swimming.');
  assert.equal((await submit(page, 'Save changes')).status(), 303);

  // The writer cannot approve their own response, and is told who can.
  await page.goto(publishUrl);
  assert.equal(await page.getByRole('button', { name: 'Approve this response' }).count(), 0);
  assert.match(await page.locator('main').innerText(), /Someone other than Jess Patel must approve it: another participation lead or a decision maker/);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /needs approving/);
  assert.equal(await page.getByRole('button', { name: 'Publish and tell people' }).count(), 0);
  await expectAccessible(page, 'publish, waiting for approval');

  // The decision maker approves, with JavaScript off.
  const dm = await suite.pageAs(decisionMaker.email, { javaScriptEnabled: false });
  await dm.goto(publishUrl);
  assert.equal(await dm.getByRole('button', { name: 'Publish and tell people' }).count(), 0, 'decision makers approve; leads publish');
  assert.equal((await submit(dm, 'Approve this response')).status(), 303);
  assert.ok(await dm.getByText('Approved: a participation lead can publish it now').isVisible());
  assert.match(await dm.locator('main').innerText(), /Approved by Helen Moss/);
  await mirrorWithoutScripts(dm, await suite.pageAs(null)).then((m) => expectAccessible(m, 'publish, approved, JavaScript off'));
  const responseId = (await responses.getResponse(suite.e2e.db, areaId, themeId)).response.id!;
  const audit = await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('audit_event').select('action').where('action', '=', 'feedback.approve').where('subject_id', '=', responseId).execute());
  assert.equal(audit.length, 1, 'the approval is audited');

  await page.goto(publishUrl);
  assert.equal((await submit(page, 'Publish and tell people')).status(), 303);
  assert.ok(await page.getByText(/Published/).first().isVisible());
});

test('publishing rules: on by default; an area admin can turn approval off, and then the writer publishes alone', async () => {
  const page = await suite.pageAs(admin.email);
  await page.goto(`${a}/manage`);
  await page.getByRole('link', { name: 'Publishing rules' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Publishing rules');
  assert.equal(await page.getByRole('radio', { name: /Yes, someone other than the writer approves/ }).isChecked(), true, 'on by default');
  await expectAccessible(page, 'publishing rules');
  await page.getByRole('radio', { name: /No, the lead who publishes/ }).check();
  assert.equal((await submit(page, 'Save publishing rules')).status(), 303);
  assert.ok(await page.getByText('Publishing rules saved').isVisible());
  assert.equal(await page.getByRole('radio', { name: /No, the lead who publishes/ }).isChecked(), true);

  const themeId = await themeWithResponse('Holiday club', { summary: 'Families want the holiday club to stay.', easyReadSummary: 'Keep the holiday club.' });
  const leadPage = await suite.pageAs(lead.email);
  await leadPage.goto(`${a}/manage/themes/${themeId}/response/publish`);
  assert.equal((await submit(leadPage, 'Publish and tell people')).status(), 303, 'no approval needed now');

  await page.getByRole('radio', { name: /Yes, someone other than the writer approves/ }).check();
  assert.equal((await submit(page, 'Save publishing rules')).status(), 303);
});

test('removed details checked in batches: the same words in several answers are accepted or put back once', async () => {
  await demoArea();
  await withArea(suite.e2e.db, areaId, (tx) => tx.insertInto('redaction_term').values({ area_id: areaId, kind: 'name', term: 'Mrs Haverford' }).onConflict((oc) => oc.doNothing()).execute());
  const { activityId, ids } = await surveyWith('Batch review survey', [
    'Mrs Haverford at the front desk was lovely.',
    'mrs haverford always remembers my son.',
    'Ask Mrs Haverford, she knows everything.',
    'The lunch hall is too noisy.',
  ]);
  const page = await suite.pageAs(lead.email);
  await page.goto(`${a}/activities/${activityId}/contributions`);
  await page.getByRole('link', { name: 'Check removed details together' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Check removed details');
  const group = page.locator('section').filter({ has: page.getByRole('heading', { name: 'A name, removed from 3 answers' }) });
  assert.equal(await group.count(), 1, 'the same name in three answers is one group');
  assert.equal(await group.getByRole('link', { name: /Look at answer/ }).count(), 3, 'a way to look at each answer');
  assert.doesNotMatch(await page.content(), /Haverford/i, 'the removed words are never on the page');
  await expectAccessible(page, 'removed details to check');

  // Keeping them removed, with the keyboard only: one action for all three.
  await group.getByRole('button', { name: /Keep removed in all 3 answers/ }).focus();
  const [posted] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
  assert.equal(posted.status(), 303);
  // The redirect's page, once it has loaded (the flash is on the page the POST redirected to).
  await page.getByText('Kept removed in 3 answers').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'A name, removed from 3 answers' }).count(), 0, 'checked once, gone from the list');
  await expectAccessible(page, 'removed details, all checked');
  const audit = await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('audit_event').select('detail').where('action', '=', 'redaction.confirmed').where('subject_id', '=', activityId).execute());
  assert.equal(audit.length, 1, 'one decision, audited once');
  assert.doesNotMatch(JSON.stringify(audit), /Haverford/i, 'the audit row never holds the words');

  // Putting words back in every answer at once, with JavaScript off.
  const { activityId: second, ids: secondIds } = await surveyWith('Batch undo survey', ['Mrs Haverford ran the session.', 'Mrs Haverford ran it well.']);
  const off = await suite.pageAs(lead.email, { javaScriptEnabled: false });
  await off.goto(`${a}/activities/${second}/contributions/redactions`);
  assert.equal((await submit(off, 'Put the words back in all 2 answers')).status(), 303);
  assert.ok(await off.getByText('Words put back in 2 answers').isVisible());
  const texts = await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('contribution').select('redacted_text').where('id', 'in', secondIds).execute());
  assert.equal(texts.length, 2);
  assert.ok(texts.every((t) => t.redacted_text.includes('Haverford')), 'the words are back in both answers');
  const first = await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('contribution').select('redacted_text').where('id', 'in', ids.slice(0, 3)).execute());
  assert.equal(first.length, 3);
  assert.ok(first.every((t) => !t.redacted_text.includes('Haverford')), 'the kept group is untouched');
});

async function longThemes(): Promise<void> {
  await demoArea();
  const { db } = suite.e2e;
  await createTheme(db, areaId, null, { title: 'Transport to the Saturday short-breaks club and the holiday play scheme', summary: 'Long words.' });
}

test('the themes table on a 320 px phone: no sideways scroll', async () => {
  await longThemes();
  const page: Page = await suite.pageAs(lead.email);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`${a}/manage/themes`);
  await expectNoSidewaysScroll(page, 'themes list');
  await expectAccessible(page, 'themes list');
});
