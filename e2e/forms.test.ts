/**
 * Every form in its error state (submitted empty) and, where cheap, its success state: the GOV.UK
 * error pattern as a person meets it. The page answers 422 with "Error:" in the title, the error
 * summary takes focus, each of its links moves focus to a real field that shows the same message,
 * and axe finds nothing at 320 px or 1280 px (QUALITY.md: every template in each state).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { lastMessageTo } from '../src/testing/harness.ts';
import { checkA11yAtWidths, demoAccount, DEMO_SLUG, describeViolations, errorSummaryLinks, signIn, startE2e, submit, type E2e } from './support.ts';

const a = `/a/${DEMO_SLUG}`;
let e2e: E2e;
/** One signed-in page per account (or anonymous), kept for the whole file. */
const pages = new Map<string, Page>();

before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

async function pageAs(email: string | null): Promise<Page> {
  const key = email ?? 'anonymous';
  const existing = pages.get(key);
  if (existing) return existing;
  const context: BrowserContext = await e2e.newContext();
  const page = await context.newPage();
  if (email) await signIn(page, email);
  pages.set(key, page);
  return page;
}


async function assertNoViolations(page: Page, label: string): Promise<void> {
  const violations = await checkA11yAtWidths(page, label);
  assert.equal(violations.length, 0, `axe violations:\n${describeViolations(violations)}`);
}

type FieldCheck = { id: string; exists: boolean; isControl: boolean; message: string | null };

/**
 * Submits the form and checks its error state: 422, "Error:" title, summary links to exactly these
 * field ids, each field described by an error message with the summary's words, focus on the
 * summary, then on each field as its link is followed; axe at both widths.
 */
async function expectErrors(page: Page, button: string, fieldIds: string[], label: string): Promise<void> {
  const response = await submit(page, button);
  assert.equal(response.status(), 422, `${label}: status`);
  assert.match(await page.title(), /^Error: /, `${label}: the title starts with "Error:"`);

  const hrefs = await errorSummaryLinks(page);
  assert.deepEqual([...hrefs].sort(), fieldIds.map((id) => `#${id}`).sort(), `${label}: error summary links`);

  const summaryTexts = await page.locator('.govuk-error-summary a').allInnerTexts();
  const fields: FieldCheck[] = await page.evaluate((ids) => ids.map((id) => {
    const field = document.getElementById(id);
    if (!field) return { id, exists: false, isControl: false, message: null };
    // Radios, checkboxes and date inputs are described through their fieldset.
    const describers = [field, field.closest('fieldset')].flatMap((el) => (el?.getAttribute('aria-describedby') ?? '').split(/\s+/));
    const message = describers.map((d) => (d ? document.getElementById(d) : null)).find((m) => m?.classList.contains('govuk-error-message'));
    return { id, exists: true, isControl: ['INPUT', 'SELECT', 'TEXTAREA'].includes(field.tagName), message: message?.textContent?.replace(/\s+/g, ' ').trim() ?? null };
  }), hrefs.map((h) => h.slice(1)));
  fields.forEach((field, i) => {
    assert.ok(field.exists, `${label}: the summary links to #${field.id}, which is not on the page`);
    assert.ok(field.isControl, `${label}: #${field.id} is not a form field`);
    assert.ok(field.message?.includes(summaryTexts[i]!.trim()), `${label}: #${field.id} is not described by the message "${summaryTexts[i]}" (found ${JSON.stringify(field.message)})`);
  });

  await assertNoViolations(page, `${label} (error)`);

  // govuk-frontend moves focus to the summary so screen readers announce it, and its links to the fields.
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')), `${label}: the error summary has focus`);
  for (const [i, href] of hrefs.entries()) {
    await page.locator('.govuk-error-summary a').nth(i).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), href.slice(1), `${label}: following "${summaryTexts[i]}" focuses its field`);
  }
}

/** Expects a 303 to a page showing the success banner with this text, and no axe violations. */
async function expectSuccess(page: Page, button: string, banner: string | RegExp, label: string): Promise<void> {
  const response = await submit(page, button);
  assert.equal(response.status(), 303, `${label}: status`);
  await assert.doesNotReject(page.getByRole('alert').filter({ hasText: banner }).waitFor({ timeout: 5000 }), `${label}: a success banner saying ${banner}`);
  await assertNoViolations(page, `${label} (success)`);
}

const admin = demoAccount('area_admin').email;
const operator = demoAccount('operator').email;

test('sign in: empty form', async () => {
  const page = await pageAs(null);
  await page.goto('/sign-in');
  await expectErrors(page, 'Sign in', ['email', 'password'], 'sign-in');
});

test('sign in: wrong password keeps the email and says what to do', async () => {
  const page = await pageAs(null);
  await page.goto('/sign-in');
  await page.getByLabel('Email address', { exact: true }).fill('nobody@riverside.example');
  await page.getByLabel('Password', { exact: true }).fill('not the password at all');
  await expectErrors(page, 'Sign in', ['email'], 'sign-in wrong password');
  assert.equal(await page.getByLabel('Email address', { exact: true }).inputValue(), 'nobody@riverside.example');
  assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is never sent back');
});

test('email sign-in link: empty form, then the "check your email" page', async () => {
  const page = await pageAs(null);
  await page.goto('/sign-in/email-link');
  await expectErrors(page, 'Send me a link', ['email'], 'email-link');
  await page.getByLabel('Get a sign-in link').fill(demoAccount('parent_carer').email);
  const response = await submit(page, 'Send me a link');
  assert.equal(response.status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Check your email');
  await assertNoViolations(page, 'email-link sent');
});

test('password reset: empty form; then choosing a new password with both boxes empty', async () => {
  const page = await pageAs(null);
  await page.goto('/password-reset');
  await expectErrors(page, 'Send me a link', ['email'], 'password-reset');
  const email = demoAccount('decision_maker').email;
  await page.getByLabel('Reset your password').fill(email);
  await submit(page, 'Send me a link');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Check your email');
  await assertNoViolations(page, 'password-reset sent');

  const message = await lastMessageTo(e2e.db, email);
  const path = /\/password-reset\/[A-Za-z0-9_-]+/.exec(message?.body ?? '')?.[0];
  assert.ok(path, 'the reset email carries a link');
  await page.goto(path);
  await assertNoViolations(page, 'choose a new password');
  await expectErrors(page, 'Save new password', ['password'], 'choose a new password');
});

test('organisations: empty form, then adding one shows it with a success banner', async () => {
  const page = await pageAs(admin);
  await page.goto(`${a}/manage/organisations`);
  await expectErrors(page, 'Add', ['name', 'kind'], 'organisations');
  await page.getByLabel('Organisation name').fill('Riverside Sensory Support Service');
  await page.getByLabel('School or college').check();
  await expectSuccess(page, 'Add', 'Riverside Sensory Support Service has been added', 'organisations');
  await assert.doesNotReject(page.getByRole('cell', { name: 'Riverside Sensory Support Service' }).waitFor({ timeout: 2000 }));
});

test('invite: empty form, then a sent invitation; accepting it with the form emptied', async () => {
  const page = await pageAs(admin);
  await page.goto(`${a}/manage/invitations`);
  await expectErrors(page, 'Send invitation', ['displayName', 'email', 'role'], 'invite');
  const email = 'new.practitioner@riverside.example';
  await page.getByLabel('Their name').fill('Ada Nwosu');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Practitioner', { exact: true }).check();
  await expectSuccess(page, 'Send invitation', `Invitation sent to ${email}`, 'invite');

  const message = await lastMessageTo(e2e.db, email);
  const path = new RegExp(`/a/${DEMO_SLUG}/invitations/[A-Za-z0-9_-]+`).exec(message?.body ?? '')?.[0];
  assert.ok(path, 'the invitation email carries a link');
  const invited = await (await e2e.newContext()).newPage();
  try {
    await invited.goto(path);
    await assertNoViolations(invited, 'invitation');
    await invited.getByLabel('Your name').fill('');
    await expectErrors(invited, 'Accept invitation', ['displayName', 'password'], 'invitation');
  } finally {
    await invited.context().close();
  }
});

test('member roles: removing the last area admin is refused', async () => {
  const page = await pageAs(admin);
  await page.goto(`${a}/manage/members`);
  await page.getByRole('link', { name: `Change roles (${demoAccount('area_admin').displayName})` }).click();
  await page.waitForLoadState('load');
  for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
  await expectErrors(page, 'Save changes', ['roles'], 'member roles');
});

test('charter: text emptied, and a template not chosen', async () => {
  const page = await pageAs(admin);
  await page.goto(`${a}/manage/charter`);
  for (const label of ['Charter title', 'Introduction', 'Introduction in easy read']) await page.getByLabel(label, { exact: true }).fill('');
  await expectErrors(page, 'Save changes', ['title', 'introduction', 'easyReadIntroduction'], 'charter text');
  await page.goto(`${a}/manage/charter`);
  await expectErrors(page, 'Replace my charter with this template', ['template'], 'charter template');
});

test('principle: empty form, then a saved principle', async () => {
  const page = await pageAs(admin);
  await page.goto(`${a}/manage/charter/principles/new`);
  await expectErrors(page, 'Save', ['title', 'description', 'easyRead'], 'principle');
  await page.getByLabel('Principle', { exact: true }).fill('Nothing about us without us');
  await page.getByLabel('What it means', { exact: true }).fill('Children, young people and families shape decisions from the start.');
  await page.getByLabel('What it means, in easy read').fill('We ask you first.');
  await page.getByLabel('What we all commit to').fill('Ask early\nSay what changed');
  await expectSuccess(page, 'Save', 'Your changes have been saved', 'principle');
  await assert.doesNotReject(page.getByText('Nothing about us without us').first().waitFor({ timeout: 2000 }));
});

test('signatures: empty form, and a missing date', async () => {
  const page = await pageAs(admin);
  await page.goto(`${a}/manage/charter/signatures`);
  await expectErrors(page, 'Record signature', ['organisationId', 'signedByName', 'signedByRole', 'signedOn-day'], 'signature: every problem in one round');
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Riverside Sensory Support Service' });
  await page.getByLabel('Name of the person who signed').fill('Dana Ellis');
  await page.getByLabel('Their role').fill('Head of Service');
  await expectErrors(page, 'Record signature', ['signedOn-day'], 'signature date');
  assert.equal(await page.getByLabel('Name of the person who signed').inputValue(), 'Dana Ellis', 'answers are kept');
});

test('forums and boards: each form empty', async () => {
  const page = await pageAs(admin);
  await page.goto(`${a}/manage/forums`);
  await expectErrors(page, 'Add a forum', ['forum-name', 'audience', 'forum-description', 'easyRead'], 'forum');
  await page.goto(`${a}/manage/forums`);
  await expectErrors(page, 'Add a board', ['board-name', 'board-description'], 'board');
});

test('operator: create-area form empty, then an area created', async () => {
  const page = await pageAs(operator);
  await page.goto('/operator');
  await expectErrors(page, 'Create area', ['name', 'slug', 'contactEmail', 'adminName', 'adminEmail'], 'create area');
  await page.getByLabel('Area name').fill('North Vale SEND Partnership');
  await page.getByLabel('Short web address').fill('north-vale');
  await page.getByLabel('Contact email address').fill('participation@north-vale.example');
  await page.getByLabel('Name of the first area admin').fill('Rhys Evans');
  await page.getByLabel('Email address of the first area admin').fill('rhys@north-vale.example');
  await expectSuccess(page, 'Create area', 'North Vale SEND Partnership has been created', 'create area');
});
