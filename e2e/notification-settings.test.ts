/**
 * The area's email and text message settings and the deliveries page in a real browser: axe at
 * 320 px and 1280 px in every state (empty, error, saved, test sent, test failed; deliveries empty and
 * with messages), saving by keyboard only, and saving with JavaScript off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { freePort } from '../src/testing/free-port.ts';
import { insertResponse } from '../src/testing/responses.ts';
import { DEMO_SLUG, demoAccount, errorSummaryLinks, expectAccessible, signIn, submit, e2eFile } from './support.ts';

const SETTINGS = `/a/${DEMO_SLUG}/manage/notifications`;
const DELIVERIES = `${SETTINGS}/deliveries`;
const suite = e2eFile();

async function pageAs(role: 'area_admin' | 'participation_lead', options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await suite.pageAs(null, options);
  await signIn(page, demoAccount(role).email);
  return page;
}

async function banner(page: Page, text: RegExp): Promise<void> {
  await page.getByRole('alert').filter({ hasText: text }).waitFor({ timeout: 5000 });
}

test('settings: empty, error, saved, test email kept and test email failed all pass axe', async () => {
  const page = await pageAs('area_admin');
  await page.goto(SETTINGS);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Email and text message settings');
  assert.ok(await page.getByLabel('The installation\'s way of sending (the default)').isChecked());
  await expectAccessible(page, 'settings empty');

  // Error: SMTP chosen, nothing filled in; a typed password is not sent back.
  await page.getByLabel('An email server (SMTP)').check();
  await page.getByLabel('Port', { exact: true }).fill('');
  await page.getByLabel('Password', { exact: true }).fill('typed-but-not-kept');
  const failed = await submit(page, 'Save settings');
  assert.equal(failed.status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#smtpHost', '#smtpPort', '#smtpUser', '#emailFrom']);
  assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
  assert.ok(await page.getByText('Enter the password again').isVisible());
  await expectAccessible(page, 'settings error');

  // Saved.
  await page.getByLabel('The installation\'s way of sending (the default)').check();
  assert.equal((await submit(page, 'Save settings')).status(), 303);
  await banner(page, /Settings saved/);
  await expectAccessible(page, 'settings saved');

  // The test email, kept in the outbox (no email service in tests).
  assert.equal((await submit(page, 'Send a test email to me')).status(), 303);
  await banner(page, /kept in Chorus's outbox/);
  await expectAccessible(page, 'test email kept');

  // A test email that fails: an SMTP server on a closed port.
  await page.getByLabel('An email server (SMTP)').check();
  await page.getByLabel('Server name').fill('127.0.0.1');
  await page.getByLabel('Port', { exact: true }).fill(String(await freePort()));
  await page.getByLabel('STARTTLS (usually port 587)').check();
  await page.getByLabel('Send email from').fill('send@riverside.example.org');
  assert.equal((await submit(page, 'Save settings')).status(), 303);
  assert.equal((await submit(page, 'Send a test email to me')).status(), 200);
  await banner(page, /Chorus could not connect to the email server/);
  assert.ok(await page.getByText('The test email was not sent').isVisible());
  await expectAccessible(page, 'test email failed');
});

test('deliveries: empty, then with messages in every state, pass axe; the retry button works', async () => {
  // Start from no messages: the demo's own notices (its published responses) are cleared first.
  const demo = await suite.e2e.db.selectFrom('area').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow();
  await withArea(suite.e2e.db, demo.id, (tx) => tx.deleteFrom('feedback_notice').execute());
  const page = await pageAs('participation_lead');
  await page.goto(DELIVERIES);
  assert.ok(await page.getByText('There are no messages yet').isVisible());
  await expectAccessible(page, 'deliveries empty');

  const area = await suite.e2e.db.selectFrom('area').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow();
  await withArea(suite.e2e.db, area.id, async (tx) => {
    const activity = await tx.selectFrom('activity').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    const theme = await tx.insertInto('theme').values({ area_id: area.id, title: 'Deliveries test theme' }).returning('id').executeTakeFirstOrThrow();
    const response = await tx.insertInto('theme_response').values({ area_id: area.id, theme_id: theme.id, evidence_links: [] }).returning('id').executeTakeFirstOrThrow();
    const notices: Array<['email' | 'sms' | 'supporter' | 'letter', 'pending' | 'sent' | 'failed' | 'unknown' | 'printed', string]> = [
      ['email', 'sent', ''], ['email', 'pending', ''], ['email', 'failed', 'No address: the person\'s contact details were deleted.'],
      ['sms', 'failed', 'This area has no way to send text messages.'], ['supporter', 'unknown', 'Chorus started sending this but did not hear back.'],
      ['letter', 'pending', ''], ['letter', 'printed', ''],
    ];
    for (const [channel, status, lastError] of notices) {
      const r = await insertResponse(tx, area.id, { activityId: activity.id, answers: [] });
      await tx.insertInto('feedback_notice').values({ area_id: area.id, theme_response_id: response.id, response_id: r.id, recipient_key: `response:${r.id}`, channel, status, last_error: lastError }).execute();
    }
  });
  await page.goto(DELIVERIES);
  assert.ok(await page.getByRole('table', { name: 'Messages by how they are sent' }).isVisible());
  assert.ok(await page.getByRole('table', { name: 'Why some messages did not go' }).isVisible());
  await expectAccessible(page, 'deliveries with messages');

  assert.equal((await submit(page, 'Try sending the failed messages again')).status(), 303);
  await banner(page, /2 messages will be sent again/);
  await expectAccessible(page, 'deliveries retried');
});

test('saving by keyboard only: Tab, arrow keys, typing and Enter', async () => {
  const page = await pageAs('area_admin');
  await page.goto(SETTINGS);
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const tabTo = async (id: string) => {
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press('Tab');
      if ((await focusedId()) === id) return;
    }
    assert.fail(`Tab never reached #${id}`);
  };
  // The radio group is one Tab stop (the chosen radio, SMTP from the last test); arrows move the choice.
  await page.keyboard.press('Tab');
  for (let i = 0; i < 60 && !(await focusedId()).startsWith('transport'); i += 1) await page.keyboard.press('Tab');
  while ((await focusedId()) !== 'transport') await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedId(), 'transport-3', 'SMTP is chosen with the arrow keys');
  await tabTo('smtpHost');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('mail.riverside.example.org');
  await tabTo('smtpPort');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('465');
  // Into the next radio group (its chosen radio, or its first), then the arrow key chooses TLS.
  for (let i = 0; i < 10 && !(await focusedId()).startsWith('smtpSecurity'); i += 1) await page.keyboard.press('Tab');
  if ((await focusedId()) === 'smtpSecurity') await page.keyboard.press('ArrowDown');
  else await page.keyboard.press('Space');
  assert.equal(await focusedId(), 'smtpSecurity-2');
  await tabTo('emailFrom');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('hello@riverside.example.org');
  // The Save button: the first button after the fields.
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim())) === 'Save settings') break;
  }
  await Promise.all([page.waitForURL((url) => url.pathname === SETTINGS), page.keyboard.press('Enter')]);
  await banner(page, /Settings saved/);
  assert.equal(await page.getByLabel('Server name').inputValue(), 'mail.riverside.example.org');
  assert.ok(await page.getByLabel('TLS from the start (usually port 465)').isChecked());
});

test('saving with JavaScript off: every field is there and the form posts', async () => {
  const page = await pageAs('area_admin', { javaScriptEnabled: false });
  await page.goto(SETTINGS);
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');
  await page.getByLabel('The installation\'s way of sending (the default)').check();
  // Every way's fields are plain fields in the page: nothing needs a script to appear.
  assert.ok(await page.getByLabel('Server name').isVisible());
  const response = await submit(page, 'Save settings');
  assert.equal(response.status(), 303);
  assert.ok(await page.getByText('Settings saved').isVisible());
  assert.ok(await page.getByLabel('The installation\'s way of sending (the default)').isChecked());
});
