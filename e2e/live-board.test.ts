/**
 * The sticky-note board in a real browser (issue 15 §2): a participant adds a note and gives a dot by
 * keyboard only; the same with JavaScript off (forms that post and come back); a facilitator makes a
 * group and moves notes into it by keyboard only; a note moved on the canvas by keyboard (Space, arrow,
 * Space) and by pointer; axe at 320 and 1280 px on the list, the canvas, the facilitator's tools, the
 * big screen and the print page.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { DEFAULT_SETTINGS, newJoinCode, PARTICIPANT_COOKIE } from '../src/modules/live/index.ts';
import { hashToken, newToken } from '../src/lib/tokens.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts } from './support.ts';

const suite = e2eFile();
let areaId: string;
let activityId: string;

type Board = { sessionId: string; interactionId: string; participant: string; staff: string };

/** The demo area and its first activity (read once, after the file's app has started). */
async function findArea(): Promise<void> {
  if (activityId) return;
  const db = suite.e2e.db;
  areaId = (await db.selectFrom('area').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()).id;
  activityId = (await withArea(db, areaId, (tx) => tx.selectFrom('activity').select('id').where('area_id', '=', areaId).orderBy('created_at').limit(1).executeTakeFirstOrThrow())).id;
}

/** A running session with an open board and a few notes from the facilitator (one in a group). */
async function newBoard(): Promise<Board> {
  await findArea();
  const joinCode = newJoinCode();
  const ids = await withArea(suite.e2e.db, areaId, async (tx) => {
    const session = await tx
      .insertInto('live_session')
      .values({ area_id: areaId, activity_id: activityId, title: 'Youth forum', join_code: joinCode, status: 'running', started_at: new Date(), moderation: 'direct' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('live_join_code').values({ code: joinCode, area_id: areaId, session_id: session.id }).execute();
    const interaction = await tx
      .insertInto('live_interaction')
      .values({ area_id: areaId, session_id: session.id, position: 1, kind: 'board', prompt: 'What do you think of the youth club?', symbol: '1F3EB', settings: JSON.stringify(DEFAULT_SETTINGS.board), state: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cluster = await tx.insertInto('live_cluster').values({ area_id: areaId, interaction_id: interaction.id, title: 'Games', column_key: 'good', position: 1 }).returning('id').executeTakeFirstOrThrow();
    const notes = [
      ['Table tennis', null, 'green', 'good', cluster.id],
      ['Too noisy on Fridays', null, 'pink', 'not', null],
      ['', '2B50', 'orange', 'ideas', null],
    ] as const;
    for (const [i, [text, symbol, colour, column, clusterId]] of notes.entries()) {
      await tx
        .insertInto('live_post')
        .values({ area_id: areaId, interaction_id: interaction.id, participant_id: null, kind: 'note', original_text: text, shown_text: text, symbol, colour, column_key: column, cluster_id: clusterId, position: i + 1, status: 'shown', client_key: `e2e-note-${i}-${newToken()}`.slice(0, 60) })
        .execute();
    }
    return { sessionId: session.id, interactionId: interaction.id };
  });
  return { ...ids, participant: `/a/${DEMO_SLUG}/live/${ids.sessionId}/board/${ids.interactionId}`, staff: `/a/${DEMO_SLUG}/activities/${activityId}/live/${ids.sessionId}/board/${ids.interactionId}` };
}

/** A participant who joined the session in this browser (the join itself is the participate part's, tested there). */
async function participantPage(board: Board, options: BrowserContextOptions = {}): Promise<{ page: Page; participantId: string }> {
  const token = newToken();
  const participantId = await withArea(suite.e2e.db, areaId, async (tx) => {
    const response = await tx
      .insertInto('response')
      .values({ area_id: areaId, activity_id: activityId, mode: 'anonymous', status: 'in_progress', access_token_hash: newToken(), idempotency_key: newToken(), updated_at: new Date() } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await tx.insertInto('live_participant').values({ area_id: areaId, session_id: board.sessionId, token_hash: hashToken(token), response_id: response.id, rules_agreed_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id;
  });
  const page = await suite.pageAs(null, options);
  await page.context().addCookies([{ name: PARTICIPANT_COOKIE, value: suite.e2e.app.signCookie(token), url: suite.e2e.baseUrl }]);
  return { page, participantId };
}

const focusedText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim());
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function tabTo(page: Page, found: () => Promise<boolean>, label: string): Promise<void> {
  for (let i = 0; i < 150; i += 1) {
    await page.keyboard.press('Tab');
    if (await found()) return;
  }
  assert.fail(`Tab never reached ${label}`);
}

const notesOf = (tx: Parameters<Parameters<typeof withArea>[2]>[0], board: Board) => tx.selectFrom('live_post').select(['id', 'shown_text', 'column_key', 'cluster_id', 'participant_id']).where('interaction_id', '=', board.interactionId).orderBy('created_at').execute();
/** Read as the owner: the app's own connection sees nothing without an area set. */
const ownerNotes = (board: Board) => withArea(suite.e2e.db, areaId, (tx) => notesOf(tx, board));
const statusText = (page: Page) => page.locator('[data-board-status]').innerText();

test('a participant adds a note with a picture and gives a dot, by keyboard only; axe on the list at 320 and 1280 px', async () => {
  const board = await newBoard();
  const { page } = await participantPage(board);
  await page.goto(board.participant);
  assert.ok(await page.getByRole('heading', { level: 1, name: 'What do you think of the youth club?' }).isVisible());
  await expectAccessible(page, 'board list (participant)');
  await expectNoSidewaysScroll(page, 'board list (participant)');

  await tabTo(page, async () => (await focusedId(page)) === 'text', 'the note box');
  await page.keyboard.type('A film night every month');
  // The picture cards are radios: Tab into the group, arrows choose.
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'symbol');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedId(page), 'symbol-2');
  await tabTo(page, async () => (await focusedId(page)) === 'column-3' || (await focusedId(page)).startsWith('column'), 'the columns');
  while ((await focusedId(page)) !== 'column-3') await page.keyboard.press('ArrowDown');
  await tabTo(page, async () => (await focusedText(page)) === 'Add my note', 'Add my note');
  await Promise.all([page.waitForURL((url) => url.hash === '#column-ideas'), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  assert.ok(await page.getByText('Your note was added to Ideas.').first().isVisible());
  const ideas = page.locator('#column-ideas');
  const mine = ideas.locator('li', { hasText: 'A film night every month' });
  assert.ok(await mine.getByRole('img', { name: 'Thumbs up' }).isVisible());
  assert.ok(await mine.getByText('Your note').isVisible());

  // A dot, by keyboard: the button names its note; with JavaScript the page stays and says what happened.
  await tabTo(page, async () => (await focusedText(page)) === 'Give a dot “Too noisy on Fridays”', 'the dot button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.querySelector('[data-board-status]')?.textContent ?? '').includes('You gave a dot'));
  assert.equal(await statusText(page), 'You gave a dot. You have 2 dots left.');
  assert.ok(await page.locator('li', { hasText: 'Too noisy on Fridays' }).getByText('1 dot').isVisible());
  assert.equal(await page.locator('[data-dots-left]').innerText(), 'You have 2 dots left.');
  // Focus stays on the note that changed (its button now takes the dot back).
  assert.equal(await focusedText(page), 'Take my dot back “Too noisy on Fridays”');
  await expectAccessible(page, 'board list after a dot');
});

test('with JavaScript off: a note, a move and a dot through forms that post and come back; the page that reloads', async () => {
  const board = await newBoard();
  const { page } = await participantPage(board, { javaScriptEnabled: false });
  await page.goto(board.participant);
  assert.equal(await page.locator('[data-board-switch]').isVisible(), false, 'no canvas switch without JavaScript');
  await page.getByLabel('What do you want to say?').fill('Open on Sundays');
  await page.getByRole('radio', { name: 'Heart' }).check();
  await page.getByRole('radio', { name: 'Blue' }).check();
  await page.getByRole('radio', { name: "What's good" }).check();
  await Promise.all([page.waitForURL((url) => url.hash === '#column-good'), page.getByRole('button', { name: 'Add my note' }).click()]);
  assert.ok(await page.getByText('Your note was added to What\'s good.').isVisible());
  const mine = page.locator('li', { hasText: 'Open on Sundays' });
  assert.ok(await mine.getByText('Colour: Blue').isVisible());

  await mine.getByLabel(/Move my note to/).selectOption({ label: 'Ideas' });
  await Promise.all([page.waitForURL((url) => url.hash.startsWith('#note-')), mine.getByRole('button', { name: /^Move/ }).click()]);
  assert.ok(await page.getByText('The note was moved to Ideas.').isVisible());
  assert.ok(await page.locator('#column-ideas li', { hasText: 'Open on Sundays' }).isVisible());
  assert.equal((await ownerNotes(board)).find((n) => n.shown_text === 'Open on Sundays')!.column_key, 'ideas');

  await Promise.all([page.waitForURL((url) => url.hash.startsWith('#note-')), page.getByRole('button', { name: 'Give a dot “Table tennis”' }).click()]);
  assert.ok(await page.getByText('You gave a dot. You have 2 dots left.').isVisible());

  // An empty note: the error summary, and nothing typed is lost (the colour chosen stays).
  await page.getByRole('radio', { name: 'Purple' }).check();
  await page.getByRole('button', { name: 'Add my note' }).click();
  assert.match(await page.title(), /^Error:/);
  assert.ok(await page.getByRole('link', { name: 'Write your note, or choose a picture' }).isVisible());
  assert.ok(await page.getByRole('radio', { name: 'Purple' }).isChecked());
  const mirror = await mirrorWithoutScripts(page, await suite.pageAs(null));
  await expectAccessible(mirror, 'board with an error, JavaScript off');

  // Keeping up to date without JavaScript: a page that reloads every 10 seconds, said on the page, with a way to stop.
  await page.getByRole('link', { name: 'Keep the board up to date' }).click();
  assert.ok(await page.getByText('This page reloads every 10 seconds to show new notes.').isVisible());
  assert.equal(await page.locator('noscript meta[http-equiv="refresh"]').count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Add my note' }).count(), 0, 'no form to lose words in while the page reloads');
});

test('a facilitator makes a group and moves a note into it by keyboard only; axe on the tools, the big screen and the print page', async () => {
  const board = await newBoard();
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(board.staff);
  await expectAccessible(page, 'board tools');
  await expectNoSidewaysScroll(page, 'board tools');

  await tabTo(page, async () => (await focusedId(page)) === 'cluster-title', 'the group title');
  await page.keyboard.type('Making noise');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'cluster-column');
  await page.keyboard.press('ArrowDown'); // What's not
  await page.keyboard.press('Tab');
  assert.equal(await focusedText(page), 'Make group');
  await Promise.all([page.waitForURL((url) => url.hash.startsWith('#cluster-')), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  assert.ok(await page.getByText('The group “Making noise” was made.').isVisible());

  const note = (await ownerNotes(board)).find((n) => n.shown_text === 'Too noisy on Fridays')!;
  await tabTo(page, async () => (await focusedId(page)) === `move-${note.id}`, 'the move list of the note');
  // A closed select takes arrow keys; the group is after the three columns and the first group.
  for (let i = 0; i < 10 && (await page.locator(`#move-${note.id}`).inputValue()) !== `cluster:${(await clusterIds(board)).at(-1)}`; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.equal(await focusedText(page), 'Move “Too noisy on Fridays”');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.querySelector('[data-board-status]')?.textContent ?? '').includes('moved'));
  assert.equal(await statusText(page), 'The note was moved to Making noise.');
  const group = page.locator('.chorus-board__cluster', { hasText: 'Making noise' });
  assert.ok(await group.getByText('Too noisy on Fridays', { exact: true }).isVisible());
  assert.equal((await ownerNotes(board)).find((n) => n.id === note.id)!.cluster_id, (await clusterIds(board)).at(-1));

  await page.goto(`${board.staff}/screen`);
  assert.ok(await page.getByRole('heading', { level: 3, name: 'Making noise' }).isVisible());
  await expectAccessible(page, 'board on the big screen');
  await page.goto(`${board.staff}/print`);
  await expectAccessible(page, 'board print page');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.govuk-template__header').isVisible(), false, 'no header on paper');
  const columns = await page.locator('.chorus-board-print__column').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  assert.equal(new Set(columns).size, 1, 'columns side by side on paper');
});

const clusterIds = async (board: Board) => (await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('live_cluster').select('id').where('interaction_id', '=', board.interactionId).orderBy('position').execute())).map((c) => c.id);

test('the canvas: a note moved by keyboard (Space, arrows, Space) and announced; Escape cancels; axe on the canvas', async () => {
  const board = await newBoard();
  const { page } = await participantPage(board);
  await page.goto(board.participant);
  await page.getByLabel('What do you want to say?').fill('A bigger kitchen');
  await page.getByRole('radio', { name: "What's good" }).check();
  await Promise.all([page.waitForURL((url) => url.hash === '#column-good'), page.getByRole('button', { name: 'Add my note' }).click()]);
  await page.waitForLoadState('load');

  // The list is the default; Canvas is a choice.
  assert.ok(await page.getByRole('radio', { name: 'List' }).isChecked());
  await tabTo(page, async () => (await focusedId(page)) === 'board-view', 'the List / Canvas switch');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: 'Canvas' }).isChecked());
  assert.ok(await page.locator('[data-board-canvas]').isVisible());
  assert.equal(await page.locator('[data-board-list]').isVisible(), false);
  await expectAccessible(page, 'board canvas');

  // Only my own note can be picked up; others are read, not focused.
  assert.equal(await page.locator('[data-canvas-note][tabindex="0"]').count(), 1);
  await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.hasAttribute('data-canvas-note') ?? false)), 'my note on the canvas');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => (document.querySelector('[data-board-status]')?.textContent ?? '').startsWith('Picked up “A bigger kitchen”'));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-board-status]')?.textContent === "Over What's not.");
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => (document.querySelector('[data-board-status]')?.textContent ?? '').startsWith('Move cancelled'));
  assert.equal((await ownerNotes(board)).find((n) => n.shown_text === 'A bigger kitchen')!.column_key, 'good');

  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-board-status]')?.textContent === 'Over Ideas.');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('[data-board-status]')?.textContent === 'The note was moved to Ideas.');
  assert.equal((await ownerNotes(board)).find((n) => n.shown_text === 'A bigger kitchen')!.column_key, 'ideas');
  // Redrawn in its new column (the redraw follows the saved move, so it is waited for), and still the focused note.
  await page.locator('[data-canvas-column="ideas"]').getByText('A bigger kitchen').waitFor({ state: 'visible', timeout: 5000 });
  await page.waitForFunction(() => document.activeElement?.textContent?.includes('A bigger kitchen') ?? false, undefined, { timeout: 5000 });
});

test('the canvas: the facilitator drags a note into another column with the pointer', async () => {
  const board = await newBoard();
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(board.staff);
  await page.getByRole('radio', { name: 'Canvas' }).check();
  const square = page.locator('[data-canvas-note]', { hasText: 'Too noisy on Fridays' });
  const target = page.locator('[data-canvas-column="ideas"]');
  const from = (await square.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + 20, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + 40, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 20, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('[data-board-status]')?.textContent === 'The note was moved to Ideas.');
  assert.equal((await ownerNotes(board)).find((n) => n.shown_text === 'Too noisy on Fridays')!.column_key, 'ideas');
});

test("someone else's note appears when the stream says the board changed (a live:event on document), in the list and on the canvas", async () => {
  const board = await newBoard();
  const { page } = await participantPage(board);
  await page.goto(board.participant);
  await withArea(suite.e2e.db, areaId, (tx) =>
    tx
      .insertInto('live_post')
      .values({ area_id: areaId, interaction_id: board.interactionId, participant_id: null, kind: 'note', original_text: 'A new sofa', shown_text: 'A new sofa', column_key: 'ideas', status: 'shown', client_key: `e2e-${newToken()}`.slice(0, 60) })
      .execute(),
  );
  assert.equal(await page.getByText('A new sofa').count(), 0);
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('live:event', { detail: { kind: 'post.shown', seq: 99, payload: {} } })));
  await page.locator('#column-ideas').getByText('A new sofa', { exact: true }).waitFor();
  await page.getByRole('radio', { name: 'Canvas' }).check();
  assert.ok(await page.locator('[data-canvas-column="ideas"]').getByText('A new sofa').isVisible());
});
