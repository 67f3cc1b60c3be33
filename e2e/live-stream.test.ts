/**
 * Live sessions in the browser (issue 15 §3): the big screen follows a vote without reloading, through
 * Server-Sent Events and live.js; a person typing is never taken off their page when the facilitator
 * moves on (a polite link instead); announcements go to a polite live region.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
// eslint-disable-next-line no-restricted-imports -- the test records a change the way every part of the live module does (appendEvent)
import { appendEvent, newJoinCode, PARTICIPANT_COOKIE } from '../src/modules/live/core.ts';
import { hashToken, newToken } from '../src/lib/tokens.ts';
import { DEMO_SLUG, e2eFile, expectAccessible } from './support.ts';

const suite = e2eFile();
type Made = { areaId: string; activityId: string; sessionId: string; interactionId: string };

async function runningPoll(): Promise<Made> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  return withArea(db, areaId, async (tx) => {
    const activity = await tx.selectFrom('activity').select('id').where('area_id', '=', areaId).orderBy('created_at').executeTakeFirstOrThrow();
    const joinCode = newJoinCode();
    const session = await tx.insertInto('live_session').values({ area_id: areaId, activity_id: activity.id, title: 'Saturday club', join_code: joinCode, status: 'running', moderation: 'direct', started_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('live_join_code').values({ code: joinCode, area_id: areaId, session_id: session.id }).execute();
    const settings = { options: [{ id: 'a', label: 'Yes', symbol: '1F44D' }, { id: 'b', label: 'No', symbol: '1F44E' }], multiple: false };
    const interaction = await tx.insertInto('live_interaction').values({ area_id: areaId, session_id: session.id, position: 1, kind: 'choice', prompt: 'Should the club open on Saturdays?', settings: JSON.stringify(settings), results_hidden: false, state: 'open' }).returning('id').executeTakeFirstOrThrow();
    await tx.updateTable('live_session').set({ current_interaction_id: interaction.id }).where('id', '=', session.id).execute();
    return { areaId, activityId: activity.id, sessionId: session.id, interactionId: interaction.id };
  });
}

/** A participant's browser: joined (straight into the tables), holding the signed cookie. */
async function participantPage(made: Made): Promise<Page> {
  const token = newToken();
  await withArea(suite.e2e.db, made.areaId, async (tx) => {
    const now = new Date();
    const response = await tx
      .insertInto('response')
      .values({ area_id: made.areaId, activity_id: made.activityId, mode: 'anonymous', account_id: null, supporter_relationship: null, support_methods: [] as never, supporter_account_id: null, status: 'submitted', access_token_hash: hashToken(token), resume_code_hash: null, idempotency_key: `live:${hashToken(token)}`, receipt_code: newToken().slice(0, 10).toUpperCase(), age_band: null, sex: null, ethnicity: null, need_type: null, support_level: null, language: 'en', updated_at: now, submitted_at: now, channel: 'live' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('live_participant').values({ area_id: made.areaId, session_id: made.sessionId, token_hash: hashToken(token), response_id: response.id, rules_agreed_at: now }).execute();
  });
  const page = await suite.pageAs(null, { viewport: { width: 320, height: 640 } });
  const url = new URL(suite.e2e.baseUrl);
  await page.context().addCookies([{ name: PARTICIPANT_COOKIE, value: suite.e2e.app.signCookie(token), domain: url.hostname, path: `/a/${DEMO_SLUG}/live/${made.sessionId}`, httpOnly: true, sameSite: 'Lax' }]);
  return page;
}

test('the big screen shows a vote without reloading, and says so in a polite live region', async () => {
  const made = await runningPoll();
  const screen = await suite.pageAs('lead@riverside.example');
  await screen.goto(`/a/${DEMO_SLUG}/activities/${made.activityId}/live/${made.sessionId}/present`);
  // Marks this very document: a reload would lose it.
  await screen.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const heard = screen.evaluate(() => new Promise<{ kind: string; seq: number }>((resolve) => document.addEventListener('live:event', (e) => resolve((e as CustomEvent).detail as { kind: string; seq: number }), { once: true })));
  const before = await screen.locator('#live-results').innerText();

  const phone = await participantPage(made);
  await phone.goto(`/a/${DEMO_SLUG}/live/${made.sessionId}/i/${made.interactionId}`);
  // The answer cards: the card (its label) is what a person taps.
  await phone.locator('label[for="option"]').click();
  assert.equal(await phone.getByRole('radio', { name: /Yes/ }).isChecked(), true);
  await phone.locator('form').filter({ has: phone.getByRole('radio') }).getByRole('button').first().click();

  const detail = await heard;
  // A vote's tally: numbered or not (a tally is state), it is what the screen hears.
  assert.equal(detail.kind, 'tally');
  await screen.waitForFunction((old) => document.querySelector('#live-results')?.textContent?.replace(/\s+/g, ' ').trim() !== old.replace(/\s+/g, ' ').trim(), before);
  assert.match(await screen.locator('#live-results').innerText(), /1/);
  assert.equal(await screen.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'the page was not reloaded');
  // The live region says something changed (politely: role=status).
  const status = screen.locator('[data-live-status]');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  await screen.waitForFunction(() => (document.querySelector('[data-live-status]')?.textContent ?? '') !== '');
  await expectAccessible(screen, 'big screen after a live update');
});

test('when the facilitator moves on, someone typing keeps what they typed and gets a link instead', async () => {
  const made = await runningPoll();
  const phone = await participantPage(made);
  await phone.goto(`/a/${DEMO_SLUG}/live/${made.sessionId}/i/${made.interactionId}`);
  // A minimal page of this origin holding a form and the stream, with live.js as pages include it.
  const asset = suite.e2e.app.assetUrl('live.js');
  const next = `/a/${DEMO_SLUG}/live/${made.sessionId}/now`;
  const watching = suite.e2e.app.liveHub.watcherCount;
  await phone.evaluate(({ sessionId, asset, next, slug }) => {
    document.querySelector('main')!.innerHTML = `<h1 class="govuk-heading-l">Tell us more</h1><form method="post"><label class="govuk-label" for="t">Your idea</label><textarea class="govuk-textarea" id="t" name="text"></textarea></form><div hidden data-live-events="/a/${slug}/live/${sessionId}/events" data-live-follow="${next}"></div>`;
    const script = document.createElement('script');
    script.type = 'module';
    script.src = asset;
    document.head.append(script);
  }, { sessionId: made.sessionId, asset, next, slug: DEMO_SLUG });
  await phone.getByLabel('Your idea').fill('A quiet room at the club');
  // Let the stream connect, then the facilitator moves on.
  while (suite.e2e.app.liveHub.watcherCount <= watching) await new Promise((resolve) => setTimeout(resolve, 20));
  await withArea(suite.e2e.db, made.areaId, (tx) => appendEvent(tx, made.areaId, made.sessionId, 'session.state', 'everyone', { status: 'running', currentInteractionId: made.interactionId }));
  const link = phone.getByRole('link', { name: 'Go to the next question' });
  await link.waitFor();
  assert.equal(await phone.getByLabel('Your idea').inputValue(), 'A quiet room at the club', 'nothing typed is lost');
  assert.equal(new URL(phone.url()).pathname, `/a/${DEMO_SLUG}/live/${made.sessionId}/i/${made.interactionId}`);
  assert.equal(await link.getAttribute('href'), next);
  await expectAccessible(phone, 'moved on while typing');
});
