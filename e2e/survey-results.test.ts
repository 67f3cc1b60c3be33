/**
 * Survey results and the export page in a real browser: axe (WCAG 2.2 A/AA) at 320 px and 1280 px on
 * the lead's exact view and a decision maker's hidden view, and on the export form empty and in its
 * error state. Also: the charts are images with a name, the numbers are in a table, and a CSV comes
 * down as a file.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withArea } from '../src/db/db.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug, listOrganisations } from '../src/modules/areas/areas.service.ts';
import { addQuestion, readyMadeOptions, type AnswerValue } from '../src/modules/surveys/questions.service.ts';
import { insertResponse } from '../src/testing/responses.ts';
import { DEMO_SLUG, demoAccount, type E2e, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, signedInPage, startE2e, submit } from './support.ts';
import { testActivity } from '../src/testing/activities.ts';

let e2e: E2e;
let url: string;

before(async () => {
  e2e = await startE2e();
  const db = e2e.db;
  const area = (await findAreaBySlug(db, DEMO_SLUG))!;
  const council = (await listOrganisations(db, area.id)).find((o) => o.name === 'Riverside Council')!.id;
  const activity = await createActivity(
    db,
    area.id,
    null,
    testActivity({
      organisationId: council,
      title: 'Results check: what should the Saturday club offer?',
      purpose: 'To test the results pages.',
      stage: 'design',
      audience: 'children_young_people',
      contactEmail: 'participation@riverside.example',
      childrenMode: true,
    }),
  );
  const base = { easyRead: '', hint: '', required: false, showIf: null };
  const smiley = await addQuestion(db, area.id, null, activity.id, { ...base, type: 'smiley_scale', text: 'How do you feel about a Saturday club?', settings: { points: 3 } }, readyMadeOptions('smiley_scale', { points: 3 }));
  const label = (l: string) => ({ label: l, easyRead: '', symbol: null, altText: '' });
  const sort = await addQuestion(db, area.id, null, activity.id, { ...base, type: 'card_sort', text: 'What would you like to do there?', settings: {} }, ['Swimming', 'Cooking', 'A quiet room with beanbags and soft lights'].map(label));
  const rank = await addQuestion(db, area.id, null, activity.id, { ...base, type: 'ranking', text: 'What matters most?', settings: {} }, ['Friends', 'Staff who know me', 'Close to home'].map(label));
  const text = await addQuestion(db, area.id, null, activity.id, { ...base, type: 'free_text', text: 'Anything else?', settings: {} }, []);
  const options = await withArea(db, area.id, (tx) => tx.selectFrom('question_option').select(['id', 'question_id']).orderBy('position').execute());
  const of = (questionId: string) => options.filter((o) => o.question_id === questionId).map((o) => o.id);
  const [happy, okay, sad] = of(smiley);
  const cards = of(sort);
  const items = of(rank);
  // 20 responses: 14 happy, 4 okay, 2 sad, so the decision maker's view hides some numbers.
  for (let i = 0; i < 20; i += 1) {
    const feeling = i < 14 ? happy : i < 18 ? okay : sad;
    const answers: Array<{ questionId: string; value: AnswerValue }> = [
      { questionId: smiley, value: { kind: 'option', optionId: feeling! } },
      { questionId: sort, value: { kind: 'card_sort', piles: { [cards[0]!]: i < 15 ? 'like' : 'dislike', [cards[1]!]: 'unsure', [cards[2]!]: i % 2 ? 'like' : 'unsure' } } },
      { questionId: rank, value: { kind: 'ranking', order: i < 17 ? items : [...items].reverse() } },
      { questionId: text, value: { kind: 'text', text: `Comment ${i}` } },
    ];
    await withArea(db, area.id, (tx) => insertResponse(tx, area.id, { activityId: activity.id, mode: i < 5 ? 'supported' : 'anonymous', supporterRelationship: i < 5 ? 'parent' : null, answers }));
  }
  url = `/a/${DEMO_SLUG}/activities/${activity.id}`;
});
after(async () => {
  await e2e?.close();
});

test('results, the lead\'s exact view: accessible at 320 and 1280 px; charts are named images beside tables', async () => {
  const page = await signedInPage(e2e, demoAccount('participation_lead').email);
  const response = await page.goto(`${url}/results`);
  assert.equal(response?.status(), 200);
  await expectAccessible(page, 'results (lead)');
  await expectNoSidewaysScroll(page, 'results (lead)');
  const charts = page.getByRole('img', { name: /^Chart: / });
  assert.equal(await charts.count(), 3, 'smiley scale, card sort and ranking have charts; free text has none');
  assert.equal(await page.getByRole('table').count(), 3);
  const smileyTable = page.getByRole('table', { name: 'How people answered question 1' });
  assert.equal(await smileyTable.getByRole('row', { name: /Okay/ }).getByRole('cell').first().innerText(), '4');
  await assert.doesNotReject(page.getByText('do not share these numbers outside the team running it', { exact: false }).waitFor({ timeout: 2000 }));
  await page.getByRole('link', { name: /Read what people wrote/ }).waitFor({ timeout: 2000 });
});

test('results, a decision maker\'s hidden view: accessible, and small numbers hidden with the reason', async () => {
  const page = await signedInPage(e2e, demoAccount('decision_maker').email);
  await page.goto(`${url}/results`);
  await expectAccessible(page, 'results (decision maker)');
  await expectNoSidewaysScroll(page, 'results (decision maker)');
  await page.getByRole('heading', { name: 'Why some numbers are hidden' }).waitFor({ timeout: 2000 });
  const smileyTable = page.getByRole('table', { name: 'How people answered question 1' });
  assert.equal(await smileyTable.getByRole('row', { name: /Okay/ }).getByRole('cell').first().innerText(), 'fewer than 8');
  assert.equal(await smileyTable.getByRole('row', { name: /Sad/ }).getByRole('cell').first().innerText(), 'fewer than 8');
  assert.equal(await page.getByRole('link', { name: /Download responses/ }).count(), 0);
});

test('the export page: accessible empty and in its error state; a CSV downloads as a file', async () => {
  const page = await signedInPage(e2e, demoAccount('participation_lead').email);
  await page.goto(`${url}/results`);
  await page.getByRole('link', { name: 'Download responses (CSV or Excel)' }).click();
  await page.waitForURL(`**${url}/export`);
  await expectAccessible(page, 'export (empty)');
  await expectNoSidewaysScroll(page, 'export (empty)');
  assert.equal(await page.getByLabel('Include personal details').isChecked(), false, 'personal details are off by default');

  const response = await submit(page, 'Download');
  assert.equal(response.status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#format']);
  await expectAccessible(page, 'export (error)');

  await page.getByLabel('CSV').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.match(download.suggestedFilename(), /^results-check-what-should-the-saturday-club-offer-responses-\d{4}-\d{2}-\d{2}\.csv$/);
});
