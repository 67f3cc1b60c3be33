/**
 * The facilitator's moderation queue in a real browser (issue 15 §1): notes waiting (with why), a
 * note held for safeguarding (a sentence, never its words), and notes hidden, pass axe at 320 px and
 * 1280 px in each state; a facilitator shows and hides notes by keyboard only, and with JavaScript off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { newJoinCode } from '../src/modules/live/index.ts';
import { postSourceKey, screenLiveText } from '../src/modules/live/moderation.service.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, submit } from './support.ts';

const suite = e2eFile();
let queueUrl: string;
let sessionId: string;
let areaId: string;
const HELD_WORDS = 'my stepdad hits me and I am scared to go home';

const postStatus = (id: string) => withArea(suite.e2e.db, areaId, async (tx) => (await tx.selectFrom('live_post').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status);
const ids: Record<string, string> = {};

/**
 * A running session on a demo activity (approval on, one open board) with four notes written as the
 * board writes them (screened first): made once, before the first test needs it.
 */
let made: Promise<void> | undefined;
const ready = () => (made ??= makeSession());
async function makeSession(): Promise<void> {
  const db = suite.e2e.db;
  const area = await db.selectFrom('area').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow();
  areaId = area.id;
  await withArea(db, areaId, async (tx) => {
    const activity = await tx.selectFrom('activity').select('id').where('area_id', '=', areaId).orderBy('created_at').limit(1).executeTakeFirstOrThrow();
    const code = newJoinCode();
    const session = await tx.insertInto('live_session').values({ area_id: areaId, activity_id: activity.id, title: 'Youth forum', join_code: code, status: 'running', moderation: 'approve', started_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    sessionId = session.id;
    await tx.insertInto('live_join_code').values({ code, area_id: areaId, session_id: session.id }).execute();
    const interaction = await tx
      .insertInto('live_interaction')
      .values({ area_id: areaId, session_id: session.id, position: 1, kind: 'board', prompt: 'What is good about the youth club?', settings: '{}', state: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const receiptCode = `E${randomBytes(5).toString('hex').toUpperCase()}-X`;
    const response = await tx
      .insertInto('response')
      .values({ area_id: areaId, activity_id: activity.id, mode: 'anonymous', access_token_hash: randomBytes(16).toString('hex'), idempotency_key: randomBytes(16).toString('hex'), receipt_code: receiptCode, status: 'submitted', submitted_at: new Date(), channel: 'live' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const child = await tx.insertInto('live_participant').values({ area_id: areaId, session_id: session.id, token_hash: randomBytes(16).toString('hex'), response_id: response.id, rules_agreed_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const live = { id: session.id, areaId, activityId: activity.id, title: 'Youth forum', joinCode: code, status: 'running', moderation: 'approve', currentInteractionId: null, eventSeq: 0, version: 1, createdAt: new Date(), startedAt: new Date(), endedAt: null, contributionsMadeAt: null } as const;
    for (const [name, text] of Object.entries({ kind: 'The staff are kind and listen to us', rude: 'the bus is shit', phone: 'text me on 07700 900123 about the trip', held: HELD_WORDS })) {
      const id = randomUUID();
      const screened = await screenLiveText(tx, areaId, { session: live, interactionId: interaction.id, sourceKey: postSourceKey(id), text, participantId: child.id, receiptCode });
      await tx
        .insertInto('live_post')
        .values({ id, area_id: areaId, interaction_id: interaction.id, participant_id: child.id, kind: 'note', original_text: text, shown_text: screened.shownText, status: screened.status, flags: screened.flags, client_key: randomBytes(8).toString('hex'), created_at: new Date(Date.now() + Object.keys(ids).length) })
        .execute();
      ids[name] = id;
    }
    queueUrl = `/a/${DEMO_SLUG}/activities/${activity.id}/live/${sessionId}/moderation`;
  });
}

/** Does something that posts a form, and waits until the queue has loaded again after the redirect. */
async function andBackToQueue(page: Page, act: () => Promise<unknown>): Promise<void> {
  // The new page's own load event (the old page's load state would answer at once).
  await Promise.all([page.waitForEvent('load'), page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === queueUrl && r.request().isNavigationRequest()), act()]);
}

async function leadPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  await ready();
  return suite.pageAs(demoAccount('participation_lead').email, options);
}

test('the queue: what waits and why, the held note as a sentence, axe at 320 and 1280 px', async () => {
  const page = await leadPage();
  await page.goto(queueUrl);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Notes waiting for you');
  assert.ok(await page.getByText('1 note was held back because it may show someone is at risk. The safeguarding lead has been told.').isVisible());
  assert.equal(await page.getByText('hits me').count(), 0, 'held words are never on the page');
  assert.ok(await page.getByText('the bus is ****').isVisible());
  assert.ok(await page.getByText('Rude words covered', { exact: true }).isVisible());
  assert.ok(await page.getByText('Personal details taken out', { exact: true }).isVisible());
  assert.equal(await page.getByText('07700').count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Show on screen Note \d$/ }).count(), 3);
  await expectAccessible(page, 'moderation queue');
  await expectNoSidewaysScroll(page, 'moderation queue');
});

test('a facilitator shows a note and hides another with a reason, by keyboard only', async () => {
  const page = await leadPage();
  await page.goto(queueUrl);
  const focusedName = () => page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim());
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const tabTo = async (test: () => Promise<boolean>, label: string) => {
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      if (await test()) return;
    }
    assert.fail(`Tab never reached ${label}`);
  };
  // Note 1 (the kind one, oldest first): Show on screen.
  await tabTo(async () => (await focusedName()) === 'Show on screen Note 1', 'the first Show on screen button');
  await andBackToQueue(page, () => page.keyboard.press('Enter'));
  assert.ok(await page.getByText('The note is on the screen').isVisible());
  assert.equal(await postStatus(ids.kind!), 'shown');

  // Now the rude note is Note 1: choose a reason with the arrow keys, then Hide.
  await tabTo(async () => (await focusedId()) === `reason-${ids.rude}`, 'the reason for note 1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tabTo(async () => (await focusedName()) === 'Hide Note 1', 'the Hide button');
  await andBackToQueue(page, () => page.keyboard.press('Enter'));
  assert.ok(await page.getByText('The note is hidden from every screen').isVisible());
  assert.equal(await postStatus(ids.rude!), 'hidden');
  const reason = await withArea(suite.e2e.db, areaId, async (tx) => (await tx.selectFrom('live_post').select('hidden_reason').where('id', '=', ids.rude!).executeTakeFirstOrThrow()).hidden_reason);
  assert.equal(reason, 'Unkind or rude');
  const events = await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('live_event').select('kind').where('session_id', '=', sessionId).orderBy('seq', 'desc').limit(2).execute());
  assert.deepEqual(events.map((e) => e.kind), ['post.hidden', 'post.shown']);
  await expectAccessible(page, 'moderation queue after hiding');
});

test('with JavaScript off: show the last waiting note, put the hidden one back, and every state passes axe', async () => {
  const page = await leadPage({ javaScriptEnabled: false });
  const mirror = await leadPage();
  await page.goto(queueUrl);
  await andBackToQueue(page, () => submit(page, 'Show on screen Note 1'));
  assert.equal(await postStatus(ids.phone!), 'shown');
  assert.ok(await page.getByText('Nothing is waiting for you.').isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'moderation queue, nothing waiting, JavaScript off');

  // The hidden note is behind "1 note you hid": a details element opens without JavaScript too.
  await page.getByText('1 note you hid').click();
  await andBackToQueue(page, () => submit(page, 'Show on screen again hidden note 1'));
  assert.equal(await postStatus(ids.rude!), 'shown');
  assert.ok(await page.getByText('The note is back on the screen').isVisible());
  assert.equal(await postStatus(ids.held!), 'held', 'the held note is never shown from here');
  assert.equal(await page.getByText('hits me').count(), 0);

  // Once the session has ended, the page says so and offers no buttons.
  await withArea(suite.e2e.db, areaId, (tx) => tx.updateTable('live_session').set({ status: 'ended', ended_at: new Date() }).where('id', '=', sessionId).execute());
  await page.goto(queueUrl);
  assert.ok(await page.getByText('This session has ended', { exact: false }).isVisible());
  assert.equal(await page.getByRole('button', { name: /Show on screen|Hide/ }).count(), 0);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'moderation queue, session ended, JavaScript off');
});
