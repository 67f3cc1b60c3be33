/**
 * With JavaScript turned off (QUALITY.md: every participant journey completes with JS off): the
 * pages are plain HTML forms, so signing in, being told what is wrong and adding things all work
 * without a single script running.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { demoAccount, DEMO_PASSWORD, DEMO_SLUG, startE2e, submit, type E2e } from './support.ts';

let e2e: E2e;
let context: BrowserContext;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

async function noJsPage(): Promise<Page> {
  context = await e2e.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/sign-in');
  // govuk-frontend marks the body when its scripts run: proof this page really has none.
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off in this context');
  return page;
}


test('signing in works without JavaScript', async () => {
  const page = await noJsPage();
  try {
    const account = demoAccount('parent_carer');
    await page.getByLabel('Email address', { exact: true }).fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    const response = await submit(page, 'Sign in');
    assert.equal(response.status(), 303);
    assert.equal(new URL(page.url()).pathname, '/a/riverside/your-page', 'a parent carer lands on their own page');
    assert.ok(await page.getByText(`Signed in as ${account.displayName}`).isVisible());
  } finally {
    await context.close();
  }
});

test('a form error re-renders with the error summary and keeps the typed email', async () => {
  const page = await noJsPage();
  try {
    await page.getByLabel('Email address', { exact: true }).fill('lou@riverside.example');
    const response = await submit(page, 'Sign in');
    assert.equal(response.status(), 422);
    assert.match(await page.title(), /^Error: /);
    const summary = page.locator('.govuk-error-summary');
    assert.ok(await summary.getByRole('heading', { name: 'There is a problem' }).isVisible(), 'the error summary shows');
    assert.ok(await summary.getByRole('link', { name: 'Enter your password' }).isVisible(), 'it links to the password field');
    assert.equal(await page.getByLabel('Email address', { exact: true }).inputValue(), 'lou@riverside.example', 'the email is kept');
    // The password's show/hide button is added by JavaScript only: without it the field still works.
    assert.equal(await page.getByRole('button', { name: 'Show password' }).isVisible(), false);
    await page.getByLabel('Password', { exact: true }).fill('a wrong password for lou');
    assert.equal((await submit(page, 'Sign in')).status(), 422, 'a wrong password is a form error too, not a crash');
    assert.ok(await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a correct email address and password' }).isVisible());
  } finally {
    await context.close();
  }
});

test('an area admin adds an organisation and sees it listed, without JavaScript', async () => {
  const page = await noJsPage();
  try {
    await page.getByLabel('Email address', { exact: true }).fill(demoAccount('area_admin').email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    assert.equal((await submit(page, 'Sign in')).status(), 303);
    await page.goto(`/a/${DEMO_SLUG}/manage/organisations`);

    // First without a type: the answer typed so far comes back.
    await page.getByLabel('Organisation name').fill('Riverside Speech and Language Service');
    assert.equal((await submit(page, 'Add')).status(), 422);
    assert.ok(await page.locator('.govuk-error-summary').getByRole('link', { name: 'Select the type of organisation' }).isVisible());
    assert.equal(await page.getByLabel('Organisation name').inputValue(), 'Riverside Speech and Language Service');

    await page.getByLabel('NHS', { exact: true }).check();
    assert.equal((await submit(page, 'Add')).status(), 303);
    assert.ok(await page.getByRole('alert').filter({ hasText: 'Riverside Speech and Language Service has been added' }).isVisible());
    const row = page.getByRole('row').filter({ hasText: 'Riverside Speech and Language Service' });
    assert.equal(await row.count(), 1, 'listed once');
    assert.ok(await row.getByRole('cell', { name: 'NHS', exact: true }).isVisible(), 'with its type');
  } finally {
    await context.close();
  }
});
