/**
 * Taking part in a live session (issue 15) as participants do: a young person joining by code with
 * the keyboard alone (and, with JavaScript, following the facilitator to the next question), a child on a 320 px phone with JavaScript off answering a choice and a scale
 * (the first question on the first screen), and every page and state they meet checked with axe at
 * 320 px and 1280 px: the code page, joining, each kind of interaction, waiting, locked, closed, the
 * end of the session with the receipt code and hearing back.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import type { LiveInteractionKind, LiveInteractionState } from '../src/db/database.ts';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { newJoinCode } from '../src/modules/live/index.ts';
import { DEMO_SLUG, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();

type Spec = { kind: LiveInteractionKind; prompt: string; settings?: unknown; state?: LiveInteractionState; resultsHidden?: boolean };
type Session = { base: string; joinCode: string; ids: string[]; areaId: string; sessionId: string };

const CHOICE = { options: [{ id: 'a', label: 'Swimming', symbol: '1F3CA' }, { id: 'b', label: 'Cooking', symbol: '1F373' }, { id: 'c', label: 'Art', symbol: '1F3A8' }, { id: 'd', label: 'Football', symbol: '26BD' }], multiple: false };

/** A session on the demo's Saturday club activity (its ground rules all chosen), the first interaction current. */
async function makeSession(specs: Spec[], status: 'draft' | 'running' = 'running'): Promise<Session> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const joinCode = newJoinCode();
  return withArea(db, areaId, async (tx) => {
    const activity = await tx.selectFrom('activity').select('id').where('title', '=', 'Help us plan the new Saturday club').executeTakeFirstOrThrow();
    await tx.updateTable('activity').set({ ground_rules: ['confidentiality', 'respect', 'ok_not_to_answer', 'ok_to_leave'] as never }).where('id', '=', activity.id).execute();
    const session = await tx
      .insertInto('live_session')
      .values({ area_id: areaId, activity_id: activity.id, title: 'Youth forum: the new Saturday club', join_code: joinCode, status, started_at: status === 'running' ? new Date() : null, moderation: 'direct' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('live_join_code').values({ code: joinCode, area_id: areaId, session_id: session.id }).execute();
    const ids: string[] = [];
    for (const [n, s] of specs.entries()) {
      const closed = s.state === 'closed';
      const row = await tx
        .insertInto('live_interaction')
        .values({
          area_id: areaId,
          session_id: session.id,
          position: n + 1,
          kind: s.kind,
          prompt: s.prompt,
          settings: JSON.stringify(s.settings ?? {}),
          state: s.state ?? 'open',
          results_hidden: s.resultsHidden ?? false,
          closed_at: closed ? new Date() : null,
          frozen_tally: closed ? JSON.stringify({ kind: 'scale', answers: 3, people: 5, counts: [0, 0, 1, 1, 1], mean: 4 }) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    if (ids[0]) await tx.updateTable('live_session').set({ current_interaction_id: ids[0] }).where('id', '=', session.id).execute();
    return { base: `/a/${DEMO_SLUG}/live/${session.id}`, joinCode, ids, areaId, sessionId: session.id };
  });
}

async function setCurrent(s: Session, interactionId: string | null): Promise<void> {
  await withArea(suite.e2e.db, s.areaId, (tx) => tx.updateTable('live_session').set({ current_interaction_id: interactionId }).where('id', '=', s.sessionId).execute());
}

/** Joins through the join page with JavaScript off: agree, just me. */
async function joinAsMe(page: Page, s: Session): Promise<void> {
  await page.goto(`/join/${s.joinCode}`);
  await page.getByLabel('I agree to the rules').check();
  await page.getByLabel('Just me').check();
  await submit(page, 'Join');
}

test('a young person joins by code and answers a choice with the keyboard alone', async () => {
  const s = await makeSession([{ kind: 'choice', prompt: 'What should the Saturday club do first?', settings: CHOICE }, { kind: 'scale', prompt: 'How do you feel about Saturdays now?', settings: { style: 'faces' } }]);
  const page = await suite.pageAs(null);
  await page.goto('/join');
  await expectAccessible(page, 'type the code');
  await tabTo(page, '#code');
  // Typed as it is read off a screen: lower case, with a space.
  await page.keyboard.type(`${s.joinCode.slice(0, 3).toLowerCase()} ${s.joinCode.slice(3).toLowerCase()}`);
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Youth forum: the new Saturday club');
  assert.ok(await page.getByText('What is said here stays here').isVisible());
  assert.ok(await page.getByText("You do not have to answer any question. You can say \"pass\" or just stay quiet.").isVisible());
  await expectAccessible(page, 'join');

  // Sent without agreeing: the error summary, then agreeing by keyboard.
  await tabTo(page, 'button.govuk-button');
  await pressEnter(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#agree', '#who']);
  await expectAccessible(page, 'join with errors');
  await tabTo(page, '#agree');
  await page.keyboard.press('Space');
  await tabTo(page, '#nickname');
  await page.keyboard.type('Sam');
  // A radio group is one Tab stop: arrow keys choose within it.
  await tabTo(page, 'input[name="who"]');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('input[name="who"]:checked').getAttribute('value'), 'group');
  assert.ok(await page.getByLabel('How many people are in your group, with you?').isVisible(), 'the group size shows once a group is chosen');
  await tabTo(page, '#groupSize');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'button.govuk-button');
  await pressEnter(page);

  assert.equal(await pageHeading(page), 'What should the Saturday club do first?');
  assert.ok(await page.getByText('You are answering for your group of 3.').isVisible());
  await tabTo(page, 'input[name="option"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('input[name="option"]:checked').getAttribute('value'), 'b', 'arrow keys move between the cards');
  await tabTo(page, 'button.govuk-button');
  await pressEnter(page);
  assert.ok(await page.getByText('Thank you — you can change your answer while this question is open.').isVisible());
  assert.ok(await page.locator('#answered').getByText('Cooking').isVisible());
  await expectAccessible(page, 'choice answered, with results');
  const people = await withArea(suite.e2e.db, s.areaId, (tx) => tx.selectFrom('live_participant').select(['group_size', 'nickname']).where('session_id', '=', s.sessionId).execute());
  assert.deepEqual(people, [{ group_size: 3, nickname: 'Sam' }]);

  // With JavaScript, the page follows the facilitator to the next question by itself.
  await moveOn(s, s.ids[1]!);
  await page.waitForURL(`**/i/${s.ids[1]}`);
  assert.equal(await pageHeading(page), 'How do you feel about Saturdays now?');
  await expectAccessible(page, 'scale reached by following the facilitator');
});

/** The facilitator moves on, as the sessions part records it: the current question and a numbered, notified event. */
async function moveOn(s: Session, interactionId: string): Promise<void> {
  await withArea(suite.e2e.db, s.areaId, async (tx) => {
    const row = await tx.updateTable('live_session').set({ current_interaction_id: interactionId, event_seq: sql`event_seq + 1` } as never).where('id', '=', s.sessionId).returning('event_seq').executeTakeFirstOrThrow();
    await tx.insertInto('live_event').values({ area_id: s.areaId, session_id: s.sessionId, seq: row.event_seq, kind: 'session.state', audience: 'everyone', payload: JSON.stringify({ status: 'running', currentInteractionId: interactionId }) }).execute();
    await sql`select pg_notify('chorus_live', ${`${s.sessionId}:${row.event_seq}`})`.execute(tx);
  });
}

test('a child on a 320 px phone with JavaScript off answers a choice and a scale; the first question is on the first screen', async () => {
  const s = await makeSession([
    { kind: 'choice', prompt: 'What should the Saturday club do first?', settings: CHOICE },
    { kind: 'scale', prompt: 'How do you feel about Saturdays now?', settings: { style: 'faces' }, resultsHidden: true },
  ]);
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await joinAsMe(page, s);
  assert.equal(await pageHeading(page), 'What should the Saturday club do first?');
  const fold = await page.evaluate(() => ({ heading: document.querySelector('h1')!.getBoundingClientRect().bottom, card: document.querySelector('.chorus-card')!.getBoundingClientRect().bottom }));
  assert.ok(fold.heading < 640 && fold.card < 640, `the question and its first answer are on the first screen (${JSON.stringify(fold)})`);
  const sizes = await page.locator('.chorus-card__label').evaluateAll((labels) => labels.map((l) => [l.getBoundingClientRect().width, l.getBoundingClientRect().height]));
  assert.ok(sizes.every(([w, h]) => w! >= 44 && h! >= 44), `every card is at least 44 px (${JSON.stringify(sizes)})`);
  await expectNoSidewaysScroll(page, 'choice at 320 px');
  await page.getByText('Football', { exact: true }).click();
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'choice (chosen), JavaScript off');
  await submit(page, 'Send my answer');
  assert.ok(await page.getByText('Thank you — you can change your answer while this question is open.').isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'choice answered, JavaScript off');

  // The facilitator moves on: "Check for the next question" finds the scale.
  await setCurrent(s, s.ids[1]!);
  await page.getByRole('link', { name: 'Check for the next question' }).click();
  assert.equal(await pageHeading(page), 'How do you feel about Saturdays now?');
  await submit(page, 'Send my answer');
  assert.deepEqual(await errorSummaryLinks(page), ['#value']);
  await page.getByText('4: Good', { exact: true }).click();
  await submit(page, 'Send my answer');
  assert.ok(await page.locator('#answered').getByText('4: Good').isVisible());
  assert.equal(await page.getByText('What everyone said so far').count(), 0, 'hidden results stay hidden');
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'scale answered, results hidden, JavaScript off');
  const answers = await withArea(suite.e2e.db, s.areaId, (tx) => tx.selectFrom('live_answer').select(['interaction_id', 'value']).execute());
  assert.deepEqual(answers.filter((a) => s.ids.includes(a.interaction_id)).map((a) => a.value).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))), [{ options: ['d'] }, { value: 4 }]);

  // Nothing current: waiting, and the page looks again by itself without JavaScript.
  await setCurrent(s, null);
  await page.getByRole('link', { name: 'Check for the next question' }).click();
  assert.equal(await pageHeading(page), 'Waiting for the next question');
  assert.equal(await page.locator('noscript').count(), 1);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'waiting for the next question');

  // "I've finished": the code, what it is for, and hearing back.
  await page.getByRole('link', { name: "I've finished" }).click();
  assert.equal(await pageHeading(page), 'Thank you for taking part');
  assert.match(await page.locator('.govuk-panel').innerText(), /[2-9A-Z]{3}-[2-9A-Z]{3}/);
  await page.getByLabel('By email').check();
  await submit(page, 'Save');
  assert.deepEqual(await errorSummaryLinks(page), ['#email']);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'end page with an error');
  await page.getByLabel('Email address').fill('sam@example.com');
  await submit(page, 'Save');
  assert.ok(await page.getByText('We will email sam@example.com.').isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'end page, hearing back chosen');
});

test('every kind of interaction and every state a participant meets passes axe at 320 and 1280 px', async () => {
  const s = await makeSession([
    { kind: 'choice', prompt: 'Which days suit you?', settings: { ...CHOICE, multiple: true } },
    { kind: 'scale', prompt: 'How was today?', settings: { style: 'stars' } },
    { kind: 'scale', prompt: 'How safe do you feel?', settings: { style: 'numbers', lowLabel: 'Not safe', highLabel: 'Very safe' } },
    { kind: 'word_cloud', prompt: 'One word for a great club', settings: { maxWords: 3 } },
    { kind: 'ranking', prompt: 'Put these in order', settings: { options: CHOICE.options.slice(0, 3) } },
    { kind: 'open_text', prompt: 'What would make you feel welcome?' },
    { kind: 'qanda', prompt: 'Questions for the council' },
    { kind: 'board', prompt: 'Ideas board', settings: { columns: [{ key: 'good', title: "What's good", colour: 'green' }], dotsPerPerson: 3 } },
    { kind: 'choice', prompt: 'Locked question', settings: CHOICE, state: 'locked' },
    { kind: 'scale', prompt: 'Closed question', settings: { style: 'faces' }, state: 'closed' },
    { kind: 'choice', prompt: 'Not open yet', settings: CHOICE, state: 'ready' },
  ]);
  const page = await suite.pageAs(null, { viewport: PHONE });
  await page.goto('/join');
  await page.getByLabel('Type the code').fill('ZZZZZZ');
  await submit(page, 'Join');
  await expectAccessible(page, 'a wrong code');
  await page.goto(`/join/${s.joinCode}`);
  await page.getByLabel('I agree to the rules').check();
  await page.getByLabel('Just me').check();
  await submit(page, 'Join');
  const url = (n: number) => `${s.base}/i/${s.ids[n]}`;

  for (const [n, label] of [[0, 'choose many'], [1, 'stars'], [2, 'numbers'], [3, 'word cloud'], [4, 'ranking'], [5, 'open text'], [6, 'Q&A'], [7, 'board link'], [8, 'locked'], [9, 'closed'], [10, 'not open yet']] as const) {
    await page.goto(url(n));
    await expectAccessible(page, label);
    await expectNoSidewaysScroll(page, label);
  }
  // States after answering, and errors.
  await page.goto(url(3));
  await page.getByLabel('Word 1').fill('Friends');
  await submit(page, 'Send my answer');
  await expectAccessible(page, 'word cloud answered');
  await page.goto(url(4));
  await submit(page, 'Send my answer');
  await expectAccessible(page, 'ranking with an error');
  await page.getByLabel('Swimming').selectOption('2');
  await page.getByLabel('Cooking').selectOption('1');
  await page.getByLabel('Art').selectOption('3');
  await submit(page, 'Send my answer');
  await expectAccessible(page, 'ranking answered');
  await page.goto(url(5));
  await page.getByLabel('Your answer').fill('A quiet room to go to');
  await submit(page, 'Send my answer');
  assert.ok(await page.getByText('A quiet room to go to').isVisible());
  await expectAccessible(page, 'open text sent');
  await page.goto(url(6));
  await page.getByLabel('Ask a question').fill('Will there be transport?');
  await submit(page, 'Send my question');
  await page.getByRole('button', { name: /I want this answered too/ }).click();
  await page.waitForLoadState('load');
  assert.ok(await page.getByText('1 vote').isVisible());
  await expectAccessible(page, 'Q&A with a question and a vote');

  const draft = await makeSession([{ kind: 'choice', prompt: 'Later', settings: CHOICE }], 'draft');
  await page.goto(draft.base);
  await page.getByLabel('I agree to the rules').check();
  await page.getByLabel('Just me').check();
  await submit(page, 'Join');
  assert.equal(await pageHeading(page), 'Not started yet');
  await expectAccessible(page, 'not started yet');
  await page.goto(`${s.base}/end`);
  await expectAccessible(page, 'end of the session');
});
