/**
 * A live session from start to finish, as the room lives it (issue 15 acceptance 2): the lead runs
 * the demo's session ready to run (the youth forum's summer holiday clubs) from the console, with the
 * big screen open; three young people take part at once, one with the keyboard alone, one with
 * JavaScript off and one on a 320 px phone. They answer a multiple-choice question (the big screen
 * counts them without reloading), move on to the sticky-note board with the facilitator, write notes
 * the facilitator approves, give a dot, and at the end each keeps a receipt code; every answer then
 * becomes a contribution on the activity. axe (WCAG 2.2 AA) at 320 and 1280 px on each page met.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pressEnter, submit, tabTo } from './support.ts';

const suite = e2eFile();
const lead = demoAccount('participation_lead').email;

type Ready = { areaId: string; activityId: string; sessionId: string; joinCode: string; boardId: string; staffBase: string };

async function readySession(): Promise<Ready> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  return withArea(db, areaId, async (tx) => {
    const session = await tx.selectFrom('live_session').select(['id', 'activity_id', 'join_code']).where('title', '=', 'Youth forum, summer holiday clubs').executeTakeFirstOrThrow();
    const board = await tx.selectFrom('live_interaction').select('id').where('session_id', '=', session.id).where('kind', '=', 'board').executeTakeFirstOrThrow();
    return {
      areaId,
      activityId: session.activity_id,
      sessionId: session.id,
      joinCode: session.join_code,
      boardId: board.id,
      staffBase: `/a/${DEMO_SLUG}/activities/${session.activity_id}/live/${session.id}`,
    };
  });
}

test('a facilitator and three young people (keyboard only, JavaScript off, a 320 px phone) run a live session end to end', async () => {
  const ready = await readySession();
  const { db } = suite.e2e;

  // ── The facilitator starts the session; the big screen shows the code ─────────────────────────
  const consolePage = await suite.pageAs(lead);
  await consolePage.goto(`${ready.staffBase}/console`);
  await expectAccessible(consolePage, 'console before the start');
  await submit(consolePage, 'Start the session');
  const screen = await consolePage.context().newPage();
  await screen.goto(`${ready.staffBase}/present`);
  const spaced = `${ready.joinCode.slice(0, 3)} ${ready.joinCode.slice(3)}`;
  assert.ok((await screen.locator('main').innerText()).replace(/\s+/g, ' ').includes(spaced), 'the big screen shows the join code');
  assert.equal(await screen.locator('main svg').count() > 0, true, 'and a QR code');
  await expectAccessible(screen, 'big screen, first question');

  // ── Amir joins with the keyboard alone (JavaScript on) ─────────────────────────────────────────
  const amir = await suite.pageAs(null);
  await amir.goto('/join');
  await tabTo(amir, 'input[type="text"], input:not([type])');
  await amir.keyboard.type(ready.joinCode.toLowerCase());
  await pressEnter(amir);
  await expectAccessible(amir, 'join page');
  await tabTo(amir, 'input[type="checkbox"]');
  await amir.keyboard.press('Space');
  await tabTo(amir, 'input[type="radio"]');
  await amir.keyboard.press('Space');
  assert.equal(await amir.getByLabel('Just me').isChecked(), true);
  await tabTo(amir, 'button', 'Join');
  await pressEnter(amir);
  assert.match(await amir.locator('main').innerText(), /Where should the summer clubs be\?/);
  await tabTo(amir, 'input[type="checkbox"][value="pool"]');
  await amir.keyboard.press('Space');
  await tabTo(amir, 'button', 'Send my answer');
  await pressEnter(amir);
  assert.match(await amir.locator('main').innerText(), /you can change your answer/i);

  // ── Beth has JavaScript off ────────────────────────────────────────────────────────────────────
  const beth = await suite.pageAs(null, { javaScriptEnabled: false });
  await beth.goto(`/join/${ready.joinCode}`);
  await beth.getByLabel('I agree to the rules').check();
  await beth.getByLabel('Just me').check();
  await submit(beth, 'Join');
  // The cards are labels around visually hidden inputs: a tap lands on the card.
  await beth.locator('label', { hasText: 'The pool' }).click();
  await beth.locator('label', { hasText: 'The park' }).click();
  assert.equal(await beth.getByLabel('The pool').isChecked(), true);
  await submit(beth, 'Send my answer');
  await expectAccessible(await mirrorWithoutScripts(beth, await suite.pageAs(null)), 'choice answered, JavaScript off');

  // ── Cara is on a 320 px phone ──────────────────────────────────────────────────────────────────
  const cara = await suite.pageAs(null, { viewport: { width: 320, height: 640 } });
  await cara.goto('/join');
  await cara.locator('main input[type="text"], main input:not([type])').first().fill(ready.joinCode);
  await submit(cara, 'Join');
  await cara.getByLabel('I agree to the rules').check();
  await cara.getByLabel('A small group (we answer together)').check();
  await cara.getByLabel('How many people are in your group, with you?').selectOption('3');
  await submit(cara, 'Join');
  const firstCard = await cara.locator('main input[type="checkbox"]').first().boundingBox();
  assert.ok(firstCard && firstCard.y < 640, 'the first answer is on the first screen of a phone');
  await expectNoSidewaysScroll(cara, 'choice at 320 px');
  await cara.locator('label', { hasText: 'The park' }).click();
  await submit(cara, 'Send my answer');

  // The big screen counted all three without being reloaded (Server-Sent Events).
  await screen.locator('#live-results').getByText('3 answers').waitFor();

  // ── On to the board: the facilitator goes there, the participants follow ──────────────────────
  await consolePage.goto(`${ready.staffBase}/console`);
  await consolePage.getByLabel('Go to').selectOption(ready.boardId);
  await submit(consolePage, 'Go');
  // With JavaScript the question follows the facilitator; without it, a link checks for the next one.
  await amir.waitForURL((url) => url.pathname.includes(`/board/${ready.boardId}`));
  await cara.waitForURL((url) => url.pathname.includes(`/board/${ready.boardId}`));
  await beth.goto(`/a/${DEMO_SLUG}/live/${ready.sessionId}/now`);
  if (!beth.url().includes('/board/')) await beth.getByRole('link', { name: /board/i }).first().click();
  await beth.waitForURL((url) => url.pathname.includes('/board/'));

  // Amir writes a note by keyboard; Beth writes one with JavaScript off.
  await amir.getByLabel('What do you want to say?').focus();
  await amir.keyboard.type('A quiet tent for breaks');
  await amir.getByRole('radio', { name: 'Ideas' }).check();
  await amir.getByLabel('What do you want to say?').focus();
  await tabTo(amir, 'button', 'Add my note');
  await pressEnter(amir);
  assert.match(await amir.locator('main').innerText(), /waiting for the facilitator/i);
  await beth.getByLabel('What do you want to say?').fill('Trips to the seaside');
  await beth.getByRole('radio', { name: 'Ideas' }).check();
  await submit(beth, 'Add my note');
  await expectAccessible(await mirrorWithoutScripts(beth, await suite.pageAs(null)), 'board list, JavaScript off');

  // Nobody else sees a note before the facilitator shows it.
  await cara.reload();
  assert.doesNotMatch(await cara.locator('main').innerText(), /A quiet tent for breaks/);

  // The facilitator shows both notes from the console's queue.
  await consolePage.goto(`${ready.staffBase}/moderation`);
  await expectAccessible(consolePage, 'moderation queue with two notes');
  for (let n = 0; n < 2; n += 1) {
    await Promise.all([consolePage.waitForEvent('load'), consolePage.getByRole('button', { name: /^Show on screen/ }).first().click()]);
  }

  // Cara gives Amir's note a dot.
  await cara.reload();
  const note = cara.locator('li', { hasText: 'A quiet tent for breaks' });
  await note.getByRole('button', { name: /Give a dot/ }).click();
  await cara.locator('li', { hasText: 'A quiet tent for breaks' }).getByText('1 dot').waitFor();
  await expectAccessible(cara, 'board list after a dot');

  // ── The facilitator ends the session; everyone keeps a code ───────────────────────────────────
  await consolePage.goto(`${ready.staffBase}/console`);
  await submit(consolePage, 'End the session');
  await beth.goto(`/a/${DEMO_SLUG}/live/${ready.sessionId}/end`);
  const codes = await withArea(db, ready.areaId, (tx) =>
    tx
      .selectFrom('live_participant as p')
      .innerJoin('response as r', 'r.id', 'p.response_id')
      .select(['r.receipt_code', 'p.group_size'])
      .where('p.session_id', '=', ready.sessionId)
      .execute(),
  );
  assert.equal(codes.length, 3, 'three people joined');
  assert.deepEqual(codes.map((c) => c.group_size).sort(), [1, 1, 3], 'one of them answered for a group of 3');
  const bethSees = (await beth.locator('main').innerText()).replace(/\s+/g, '');
  assert.ok(codes.some((c) => c.receipt_code && bethSees.includes(c.receipt_code.replace(/-/g, ''))) || codes.some((c) => c.receipt_code && bethSees.includes(c.receipt_code)), 'the end page shows her receipt code');
  await expectAccessible(await mirrorWithoutScripts(beth, await suite.pageAs(null)), 'end page, JavaScript off');

  // ── Every answer became a contribution on the activity ────────────────────────────────────────
  const made = async () =>
    withArea(db, ready.areaId, (tx) => tx.selectFrom('live_session').select('contributions_made_at').where('id', '=', ready.sessionId).executeTakeFirstOrThrow());
  for (let n = 0; n < 100 && !(await made()).contributions_made_at; n += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  const contributions = await withArea(db, ready.areaId, (tx) =>
    tx.selectFrom('contribution').select(['redacted_text', 'channel']).where('live_session_id', '=', ready.sessionId).execute(),
  );
  const texts = contributions.map((c) => c.redacted_text);
  assert.equal(contributions.filter((c) => c.channel === 'live').length, 5, `3 choice answers and 2 notes: ${texts.join(' | ')}`);
  assert.ok(texts.includes('A quiet tent for breaks') && texts.includes('Trips to the seaside'));
  await consolePage.goto(`/a/${DEMO_SLUG}/activities/${ready.activityId}/contributions`);
  const listed = await consolePage.locator('main').innerText();
  assert.match(listed, /A quiet tent for breaks/);
  assert.match(listed, /Live session/);

  // The results page, as the board member's report will read it.
  await consolePage.goto(`${ready.staffBase}/results`);
  await expectAccessible(consolePage, 'results after the session');
});
