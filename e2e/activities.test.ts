/**
 * Activities in the browser: the new-activity form empty and with errors, the activity page with its
 * planning checklist, opening it, the public take-part page, and the sign-up form in its error and
 * success states, each checked with axe at 320 px and 1280 px. Then a parent carer signs up with the
 * keyboard only and JavaScript off.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { createActivity, getActivity, londonToUtc, setActivityStatus, updateActivity, type ActivityInput } from '../src/modules/activities/activities.service.ts';
import { signUp } from '../src/modules/activities/signups.service.ts';
import { DEMO_SLUG, demoAccount, type E2e, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, signIn, startE2e, submit } from './support.ts';

/** axe, structure, and no sideways scrolling on a 320 px phone (WCAG 1.4.10 reflow). */
async function expectAccessibleAndNarrow(page: Page, label: string): Promise<void> {
  await expectAccessible(page, label);
  await expectNoSidewaysScroll(page, label);
}

const a = `/a/${DEMO_SLUG}`;
let e2e: E2e;
let openId: string;
let areaId: string;

/** A London date this many days from now, 'YYYY-MM-DD'. */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  e2e = await startE2e();
  const area = (await findAreaBySlug(e2e.db, DEMO_SLUG))!;
  areaId = area.id;
  const day = daysAhead(30);
  const workshop: ActivityInput = {
    organisationId: null,
    title: 'Plan the summer holiday club',
    purpose: 'Children and young people tell us what they want from the summer holiday club.\n\nWe will use what you say to choose the activities.',
    easyReadPurpose: 'Help us plan the summer club.',
    type: 'workshop',
    level: 'strategic',
    stage: 'design',
    services: ['Short breaks'],
    audience: 'both',
    ageBands: ['8_11', '12_15'],
    startsAt: londonToUtc(day, '16:30'),
    endsAt: londonToUtc(day, '18:00'),
    venueKind: 'in_person',
    venueName: 'Riverside Hub',
    venueAddress: '1 Mill Lane, Riverside, RV1 2AB',
    joiningInstructions: 'Come to the main door. Jess will meet you.',
    venueAccessRecorded: true,
    venueAccess: ['step_free', 'accessible_toilet', 'quiet_room'],
    questionsShared: true,
    adjustmentsOffered: ['makaton_signer', 'symbols', 'breaks', 'interpreter'],
    interpreterLanguages: 'Polish, Urdu',
    groundRules: ['confidentiality', 'respect', 'ok_not_to_answer', 'ok_to_leave'],
    contactName: 'Jess Patel',
    contactEmail: 'participation@riverside.example',
    contactPhone: '01632 960 001',
    childrenMode: false,
  };
  const created = await createActivity(e2e.db, area.id, null, workshop);
  await setActivityStatus(e2e.db, area.id, null, created.id, 'open');
  openId = created.id;
});
after(async () => {
  await e2e?.close();
});

/** Submits and checks the GOV.UK error pattern: 422, "Error:" title, summary links to real fields. */
async function expectErrors(page: Page, button: string, fieldIds: string[], label: string): Promise<void> {
  const response = await submit(page, button);
  assert.equal(response.status(), 422, `${label}: status`);
  assert.match(await page.title(), /^Error: /, `${label}: title`);
  assert.deepEqual(await errorSummaryLinks(page), fieldIds.map((id) => `#${id}`), `${label}: error summary links, in page order`);
  for (const id of fieldIds) {
    const described = await page.evaluate((fieldId) => {
      const field = document.getElementById(fieldId);
      const ids = [field, field?.closest('fieldset')].flatMap((el) => (el?.getAttribute('aria-describedby') ?? '').split(/\s+/));
      return ids.some((d) => d && document.getElementById(d)?.classList.contains('govuk-error-message'));
    }, id);
    assert.ok(described, `${label}: #${id} is described by its error message`);
  }
  await expectAccessibleAndNarrow(page, `${label} (errors)`);
}

test('the new-activity form: empty, then every problem at once', async () => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, demoAccount('participation_lead').email);
    await page.goto(`${a}/activities/new`);
    await expectAccessibleAndNarrow(page, 'new activity');
    await expectErrors(page, 'Save as a draft', ['title', 'purpose', 'type', 'level', 'stage', 'audience', 'venueKind', 'contactName', 'contactEmail'], 'new activity');

    // A workshop with a date that does not exist and an end before its start.
    await page.getByLabel('Title', { exact: true }).fill('Youth council takeover');
    await page.getByLabel('Workshop', { exact: true }).check();
    await page.getByLabel('Day', { exact: true }).fill('31');
    await page.getByLabel('Month', { exact: true }).fill('2');
    await page.getByLabel('Year', { exact: true }).fill('2027');
    await page.getByLabel('Start time').fill('5pm');
    await page.getByLabel('End time').fill('4pm');
    await expectErrors(page, 'Save as a draft', ['purpose', 'level', 'stage', 'audience', 'date-day', 'endTime', 'venueKind', 'contactName', 'contactEmail'], 'new activity, dates wrong');
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Youth council takeover', 'typed values are kept');
    assert.equal(await page.getByLabel('Start time').inputValue(), '5pm');
  } finally {
    await context.close();
  }
});

test('creating an activity through the form, then its page with the planning checklist, then opening it', async () => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, demoAccount('participation_lead').email);
    await page.goto(`${a}/activities/new`);
    const [year, month, day] = daysAhead(5).split('-');
    await page.getByLabel('Title', { exact: true }).fill('Parent carers coffee morning');
    await page.getByLabel('What it is for, in plain words').fill('Tell us how the new short breaks booking works for you.');
    await page.getByLabel('Meeting', { exact: true }).check();
    await page.getByLabel('Strategic', { exact: true }).check();
    await page.getByLabel('Review', { exact: true }).check();
    await page.getByLabel('Parent carers', { exact: true }).check();
    await page.getByLabel('Day', { exact: true }).fill(String(Number(day)));
    await page.getByLabel('Month', { exact: true }).fill(String(Number(month)));
    await page.getByLabel('Year', { exact: true }).fill(year!);
    await page.getByLabel('Start time').fill('9am');
    await page.getByLabel('End time').fill('10:30am');
    await page.getByLabel('In person', { exact: true }).check();
    await page.getByLabel('Venue name').fill('Riverside Library');
    await page.getByLabel('Venue address').fill('2 High Street, Riverside, RV1 3CD');
    await page.getByLabel('Name', { exact: true }).fill('Jess Patel');
    await page.getByLabel('Email address').fill('participation@riverside.example');
    const response = await submit(page, 'Save as a draft');
    assert.equal(response.status(), 303);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Parent carers coffee morning');
    assert.ok(await page.getByRole('heading', { name: 'Planning checklist' }).isVisible());
    // Five days' notice and the school run: warnings shown, never a block.
    assert.ok(await page.getByText(/Only 5 days' notice/).isVisible());
    assert.ok(await page.getByText(/during drop-off/).or(page.getByText(/is not a school day/)).first().isVisible());
    await expectAccessibleAndNarrow(page, 'activity page with checklist');

    await page.getByRole('button', { name: 'Open the activity' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Check before you open');
    await expectAccessibleAndNarrow(page, 'open: checklist and confirm');
    const opened = await submit(page, 'Open the activity');
    assert.equal(opened.status(), 303);
    await page.getByRole('alert').filter({ hasText: 'Parent carers coffee morning is now open' }).waitFor({ timeout: 5000 });
  } finally {
    await context.close();
  }
});

test('the take-part page and the sign-up form: empty, errors, then the thank-you page', async () => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await page.goto(a);
    await page.getByRole('link', { name: 'Plan the summer holiday club' }).click();
    assert.equal(new URL(page.url()).pathname, `${a}/take-part/${openId}`);
    assert.ok(await page.getByText('Makaton signer').isVisible());
    assert.ok(await page.getByText("You can take a break or leave at any time. You do not need to say why.").isVisible());
    await expectAccessibleAndNarrow(page, 'take-part page');

    await page.getByRole('button', { name: 'Sign up' }).first().click();
    await expectAccessibleAndNarrow(page, 'sign-up form');
    await expectErrors(page, 'Sign up', ['name', 'email'], 'sign-up');
    await page.getByLabel('Your first name or a nickname').fill('Lou');
    await page.getByLabel('Phone number').fill('07700 900 982');
    await page.getByLabel('How many people are coming?').fill('12');
    await page.getByLabel('Breaks when you need them').check();
    await expectErrors(page, 'Sign up', ['people'], 'sign-up, too many people');
    assert.ok(await page.getByLabel('Breaks when you need them').isChecked(), 'the ticked box stays ticked');

    await page.getByLabel('How many people are coming?').fill('2');
    const response = await submit(page, 'Sign up');
    assert.equal(response.status(), 303);
    assert.ok(await page.getByRole('heading', { name: 'You are signed up' }).isVisible());
    await expectAccessibleAndNarrow(page, 'signed up');
  } finally {
    await context.close();
  }
});

test('a parent carer signs up with the keyboard only and JavaScript off', async () => {
  const context = await e2e.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${a}/take-part/${openId}`);
    assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');

    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    const focusedText = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
    async function tabUntil(matches: () => Promise<boolean>, what: string): Promise<void> {
      for (let i = 0; i < 80; i += 1) {
        await page.keyboard.press('Tab');
        if (await matches()) return;
      }
      assert.fail(`Tab never reached ${what}`);
    }

    await tabUntil(async () => (await focusedText()) === 'Sign up', 'the Sign up link');
    await Promise.all([page.waitForURL(`**/take-part/${openId}/sign-up`), page.keyboard.press('Enter')]);

    await tabUntil(async () => (await focusedId()) === 'name', 'the name field');
    await page.keyboard.type('Priya');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'email');
    await page.keyboard.type('priya@example.com');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'phone');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'people');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('3');
    await tabUntil(async () => (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? '')) === 'symbols', 'the symbols checkbox');
    await page.keyboard.press('Space');
    assert.ok(await page.getByLabel('Symbols and pictures').isChecked(), 'Space ticks the box');
    await tabUntil(async () => (await focusedId()) === 'details', 'the details box');
    await page.keyboard.type('My daughter uses symbols to talk.');
    await tabUntil(async () => (await focusedText()) === 'Sign up', 'the Sign up button');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
    assert.equal(response.status(), 303);
    await page.getByRole('heading', { name: 'You are signed up' }).waitFor({ timeout: 5000 });

    const area = (await findAreaBySlug(e2e.db, DEMO_SLUG))!;
    const signups = await withArea(e2e.db, area.id, (tx) => tx.selectFrom('activity_signup').select(['name', 'people']).where('activity_id', '=', openId).where('name', '=', 'Priya').execute());
    assert.deepEqual(signups, [{ name: 'Priya', people: 3 }]);
  } finally {
    await context.close();
  }
});

test('staff pages: the list, sign-ups, adjustment requests, and someone else changing the activity meanwhile', async () => {
  await signUp(e2e.db, areaId, openId, { name: 'Ayesha', email: 'ayesha@example.com', phone: '', people: 3, adjustments: ['bsl_interpreter', 'breaks'], details: 'My son uses a wheelchair.', idempotencyKey: 'e2e-staff-pages-signup-1', accountId: null });
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, demoAccount('participation_lead').email);
    await page.goto(`${a}/activities`);
    await expectAccessibleAndNarrow(page, 'activities list');
    await page.goto(`${a}/activities/${openId}/sign-ups`);
    assert.ok(await page.getByText(/people are coming/).isVisible());
    await expectAccessibleAndNarrow(page, 'sign-ups');
    await page.goto(`${a}/activities/${openId}/adjustments`);
    await expectAccessibleAndNarrow(page, 'adjustment requests');
    await page.getByRole('button', { name: 'Mark as arranged: request 1' }).click();
    await page.getByRole('alert').filter({ hasText: 'The request is marked as arranged' }).waitFor({ timeout: 5000 });
    await expectAccessibleAndNarrow(page, 'adjustment requests (after marking)');

    // Someone else saves while this page is open: the second save is told, and keeps its words.
    await page.goto(`${a}/activities/${openId}/edit`);
    await page.getByLabel('Title', { exact: true }).fill('Plan the summer club (my version)');
    const current = await getActivity(e2e.db, areaId, openId);
    const { id: _id, areaId: _a, status: _s, version: _v, createdAt: _c, updatedAt: _u, openedAt: _o, closedAt: _cl, ...values } = current;
    await updateActivity(e2e.db, areaId, null, openId, current.version, { ...values, title: 'Plan the summer holiday club!' });
    const response = await submit(page, 'Save changes');
    assert.equal(response.status(), 409);
    assert.ok(await page.getByText('Someone else changed this activity while you were editing it').isVisible());
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Plan the summer club (my version)');
    await expectAccessibleAndNarrow(page, 'edit: someone else changed it');
  } finally {
    await context.close();
  }
});

test('school term dates: empty, every problem at once, then a term added', async () => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, demoAccount('area_admin').email);
    await page.goto(`${a}/manage`);
    await page.getByRole('link', { name: 'School term dates' }).click();
    await expectAccessibleAndNarrow(page, 'term dates (empty)');
    await expectErrors(page, 'Add term', ['name', 'startsOn-day', 'endsOn-day'], 'term dates');
    await page.getByLabel('Name of the term').fill('Autumn term 2026');
    const first = page.getByRole('group', { name: 'First day of the term' });
    await first.getByLabel('Day').fill('2');
    await first.getByLabel('Month').fill('9');
    await first.getByLabel('Year').fill('2026');
    const last = page.getByRole('group', { name: 'Last day of the term' });
    await last.getByLabel('Day').fill('18');
    await last.getByLabel('Month').fill('12');
    await last.getByLabel('Year').fill('2026');
    assert.equal((await submit(page, 'Add term')).status(), 303);
    await page.getByRole('alert').filter({ hasText: 'Autumn term 2026 has been added' }).waitFor({ timeout: 5000 });
    await expectAccessibleAndNarrow(page, 'term dates (one term)');

    await page.goto(`${a}/take-part`);
    await expectAccessibleAndNarrow(page, 'take part: everything open');
  } finally {
    await context.close();
  }
});
