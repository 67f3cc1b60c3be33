/**
 * Panels (issue 16), scoring as young people and staff meet it in a browser: a young panel member on
 * a 320 px phone signs in with their code and scores a candidate by keyboard alone, and again with
 * JavaScript off (the first criterion on the first screen), and sends; every page and state of the
 * part (questions, the bank, the scores list, a scoresheet fresh, with errors and sent, the confirm
 * step, what happened before and after the decision, the rubric, moderation, the decision with a
 * refused award) checked with axe at 320 px and 1280 px.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addQuestion, createPanelIn, findMember, memberCodeHash, newMemberCode, parseMemberCode, recordOutcome, sendScores } from '../src/modules/panels/index.ts';
import { demoAccount, DEMO_SLUG, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();

type Made = { areaId: string; panelId: string; base: string; candidates: string[]; criteria: string[]; members: Array<{ id: string; code: string }> };

/** A scoring panel on one of the demo's activities: two candidates, two criteria, a chosen question, young members with codes. */
async function makePanel(kind: 'interview' | 'grant' = 'interview', youngMembers = 2): Promise<Made> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const made = await withArea(db, areaId, async (tx) => {
    const activity = await tx.selectFrom('activity').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    const panel = await createPanelIn(tx, areaId, null, { activityId: activity.id, kind, title: kind === 'grant' ? 'Summer activities fund' : 'Youth worker interviews', potPence: kind === 'grant' ? 100_000 : null });
    await tx.updateTable('panel').set({ status: 'scoring' }).where('id', '=', panel.id).execute();
    const candidates: string[] = [];
    for (const [i, name] of ['Jordan Example', 'Priya Example'].entries()) {
      candidates.push((await tx.insertInto('panel_candidate').values({ area_id: areaId, panel_id: panel.id, label: `Candidate ${'AB'[i]}`, name, position: i + 1 }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const criteria: string[] = [];
    for (const [i, [title, symbol]] of [['Listens to young people', '1F442'], ['Makes it fun', '1F389']].entries()) {
      criteria.push((await tx.insertInto('panel_criterion').values({ area_id: areaId, panel_id: panel.id, title: title!, description: 'Think about what they said', symbol, weight: 2 - i, position: i + 1 }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const members: Array<{ id: string; code: string }> = [];
    const now = new Date();
    for (let i = 0; i < youngMembers; i += 1) {
      const code = newMemberCode();
      const m = await tx
        .insertInto('panel_member')
        .values({ area_id: areaId, panel_id: panel.id, member_kind: 'young_person', display_name: `Young ${i + 1}`, age_band: '16_18', code_hash: memberCodeHash(parseMemberCode(code)!), training_done_at: now, consent_at: now, conflict: 'none', conflict_declared_at: now, rules_agreed_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      members.push({ id: m.id, code });
    }
    return { areaId, panelId: panel.id, base: `/a/${DEMO_SLUG}/panels/${panel.id}`, candidates, criteria, members };
  });
  await addQuestion(db, areaId, made.members[0]!.id, made.panelId, { text: 'How would you help a shy person join in?', goodAnswer: 'They give a real example', symbol: '1F91D' }, 'chosen');
  return made;
}

/** Types the personal code on the members' sign-in page. */
async function signInWithCode(page: Page, code: string): Promise<void> {
  await page.goto(`/a/${DEMO_SLUG}/panels/sign-in`);
  await page.getByLabel('Type your code').fill(code);
  await submit(page, 'Sign in');
}

test('a young panel member scores a candidate on a 320 px phone with the keyboard alone, and sends', async () => {
  const made = await makePanel();
  const page = await suite.pageAs(null, { viewport: PHONE });
  await signInWithCode(page, made.members[0]!.code);
  await page.goto(`${made.base}/score`);
  await expectAccessible(page, 'scores list');
  await tabTo(page, 'a', 'Candidate A');
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Score Candidate A');
  assert.doesNotMatch(await page.content(), /Jordan Example/);

  // Into the first criterion's radios (the first is focused), arrow right to "4 Good"... by keys only.
  await tabTo(page, `input[name="score-${made.criteria[0]}"]`);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await tabTo(page, `input[name="score-${made.criteria[1]}"]`);
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await tabTo(page, 'textarea#comment');
  await page.keyboard.type('Really listened to us');
  await tabTo(page, 'button', 'Send my scores');
  await pressEnter(page);
  assert.match(await pageHeading(page), /Send your scores for Candidate A\?/);
  assert.match(await page.content(), /You cannot change them after you send them/);
  await expectAccessible(page, 'confirm sending');
  await tabTo(page, 'button', 'Yes, send my scores');
  await pressEnter(page);
  assert.match(await page.locator('main').innerText(), /Sent/);

  const scores = await withArea(suite.e2e.db, made.areaId, (tx) => tx.selectFrom('panel_score').select(['criterion_id', 'score']).where('member_id', '=', made.members[0]!.id).execute());
  assert.deepEqual(Object.fromEntries(scores.map((s) => [s.criterion_id, s.score])), { [made.criteria[0]!]: 4, [made.criteria[1]!]: 5 });
});

test('with JavaScript off on a 320 px phone: the first criterion is on the first screen, a missing score is explained, then sent', async () => {
  const made = await makePanel();
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await signInWithCode(page, made.members[1]!.code);
  await page.goto(`${made.base}/score/${made.candidates[1]}`);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'scoresheet, JavaScript off');
  await expectNoSidewaysScroll(page, 'scoresheet');
  const firstCard = await page.locator(`label[for="score-${made.criteria[0]}"]`).boundingBox();
  assert.ok(firstCard && firstCard.y + firstCard.height <= PHONE.height, `the first criterion's first card ends at ${firstCard?.y}+${firstCard?.height}`);
  const box = await page.locator(`label[for="score-${made.criteria[0]}-3"]`).boundingBox();
  assert.ok(box && box.height >= 44 && box.width >= 44);

  await page.locator(`label[for="score-${made.criteria[0]}-3"]`).click();
  await submit(page, 'Send my scores');
  assert.deepEqual(await errorSummaryLinks(page), [`#score-${made.criteria[1]}`]);
  assert.ok(await page.locator(`#score-${made.criteria[0]}-3`).isChecked());
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'scoresheet with an error, JavaScript off');

  await page.locator(`label[for="score-${made.criteria[1]}-2"]`).click();
  await submit(page, 'Save for now');
  assert.match(await page.locator('main').innerText(), /Saved/);
  await page.goto(`${made.base}/score/${made.candidates[1]}`);
  assert.ok(await page.locator(`#score-${made.criteria[1]}-2`).isChecked());
  await submit(page, 'Send my scores');
  await submit(page, 'Yes, send my scores');
  assert.match(await page.locator('main').innerText(), /Sent/);
  await page.goto(`${made.base}/score/${made.candidates[1]}`);
  assert.match(await page.locator('main').innerText(), /You have sent your scores/);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'scoresheet sent, JavaScript off');
});

test('every page and state of questions, scoring, moderation, the decision and what happened passes axe at 320 and 1280 px', async () => {
  const made = await makePanel('grant');
  const { db } = suite.e2e;
  const young = await suite.pageAs(null);
  await signInWithCode(young, made.members[0]!.code);

  // Questions: the page, an error, picture results, the bank.
  await young.goto(`${made.base}/questions`);
  await expectAccessible(young, 'questions');
  await submit(young, 'Add my question');
  await expectAccessible(young, 'questions with an error');
  await young.getByLabel('Write a question').fill('What would you do on a rainy day?');
  await young.getByLabel('Find a picture (optional)').fill('rain');
  await submit(young, 'Find pictures');
  await expectAccessible(young, 'questions with picture results');
  await submit(young, 'Add my question');
  await expectAccessible(young, 'questions with a draft');
  await young.goto(`${made.base}/questions/bank`);
  await expectAccessible(young, 'question bank');

  await young.goto(`${made.base}/what-happened`);
  await expectAccessible(young, 'what happened, not decided');

  // Staff: the rubric (and an error), moderation, the decision with a refused award.
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  await lead.goto(`${made.base}/criteria`);
  await expectAccessible(lead, 'criteria');
  await lead.getByLabel('Weight').fill('12');
  await submit(lead, 'Add criterion');
  await expectAccessible(lead, 'criteria with an error');
  await lead.goto(`${made.base}/criteria/${made.criteria[1]}`);
  await expectAccessible(lead, 'a criterion');
  await lead.getByLabel('Weight').fill('0');
  await submit(lead, 'Save criterion');
  await expectAccessible(lead, 'a criterion with an error');

  for (const m of made.members) {
    const member = (await withArea(db, made.areaId, (tx) => findMember(tx, made.areaId, made.panelId, m.id)))!;
    await sendScores(db, made.areaId, member, made.candidates[0]!, { scores: { [made.criteria[0]!]: m === made.members[0] ? 5 : 2, [made.criteria[1]!]: 4 }, comment: 'Clear plan' });
  }
  await lead.goto(`${made.base}/criteria`);
  await expectAccessible(lead, 'criteria locked');
  await lead.goto(`${made.base}/moderation`);
  assert.match(await lead.locator('main').innerText(), /to discuss/);
  await expectAccessible(lead, 'moderation');
  await expectNoSidewaysScroll(lead, 'moderation');

  await recordOutcome(db, made.areaId, null, made.panelId, made.candidates[0]!, { outcome: 'funded', reason: 'Good plan', feedback: '', awardPence: 80_000 });
  await lead.goto(`${made.base}/decision`);
  await expectAccessible(lead, 'decision');
  const second = lead.locator(`#candidate-${made.candidates[1]} ~ form`).first();
  await second.getByLabel('Funded', { exact: true }).check();
  await second.getByLabel('Award').fill('300');
  await Promise.all([lead.waitForLoadState('load'), second.getByRole('button').click()]);
  assert.match(await lead.locator('main').innerText(), /The awards add up to £1,100\. The pot is £1,000\./);
  await expectAccessible(lead, 'decision refused over the pot');
  await recordOutcome(db, made.areaId, null, made.panelId, made.candidates[1]!, { outcome: 'not_funded', reason: 'Not this time', feedback: '', awardPence: null });
  await lead.goto(`${made.base}/decision`);
  await lead.getByLabel('What the panel decided and why').fill('We funded the summer club because it had the clearest plan.');
  await submit(lead, 'Record the decision');
  await expectAccessible(lead, 'decision recorded');

  await young.goto(`${made.base}/what-happened`);
  assert.match(await young.locator('main').innerText(), /You gave Candidate A 4\.7 out of 5\./);
  // One sentence a line, never run together ("out of 5.Young people together").
  assert.match(await young.locator('main').innerText(), /You gave Candidate A 4\.7 out of 5\.\n+Young people together: /);
  await expectAccessible(young, 'what happened, decided');
  await submit(young, 'Send');
  await expectAccessible(young, 'debrief with an error');
  await young.getByLabel('What do you want to tell us about being on the panel?').fill('I liked being asked what I think');
  await submit(young, 'Send');
  await expectAccessible(young, 'debrief sent');
});
