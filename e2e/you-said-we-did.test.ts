/**
 * "You said, we did" in the browser: axe (WCAG 2.2 A/AA) at 320 px and 1280 px on the public page,
 * its easy-read version, an activity's page, the yearly publication, "What happened to my views?"
 * (empty, error, result, listened thank-you), "What changed because of you", and the thank-you
 * page's "How would you like to hear what happened?" (empty, error, saved). Then, with the keyboard
 * only and JavaScript off: looking up a code and answering "Do you feel listened to?", and choosing
 * how to hear back. The Atom feed is parsed by the browser's own XML parser.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { ResponseStatus } from '../src/db/database.ts';
import { withArea } from '../src/db/db.ts';
import { createActivity, setActivityStatus } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addContributionsForResponse } from '../src/modules/contributions/contributions.service.ts';
import type { PublishedContent } from '../src/modules/feedback/public.service.ts';
import { newReceiptCode } from '../src/lib/codes.ts';
import { addQuestion } from '../src/modules/surveys/questions.service.ts';
import { insertResponse } from '../src/testing/responses.ts';
import { testActivity } from '../src/testing/activities.ts';
import { checkA11yAtWidths, checkStructure, DEMO_SLUG, demoAccount, describeViolations, type E2e, errorSummaryLinks, mirrorWithoutScripts, pageHeading, signIn, startE2e } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const PHONE = { width: 320, height: 800 };

let e2e: E2e;
let areaId: string;
let parkId: string;
let code: string;
let responseId: string;
const year = new Date().getFullYear();

/** A submitted response with written views (one per question), by receipt code or by account. */
async function respond(activityId: string, questionIds: string[], texts: string[], accountId: string | null = null) {
  const receipt = newReceiptCode();
  return withArea(e2e.db, areaId, async (tx) => {
    const response = await insertResponse(tx, areaId, { activityId, accountId, mode: accountId ? 'signed_in' : 'anonymous', answers: [] });
    await tx.updateTable('response').set({ receipt_code: receipt }).where('id', '=', response.id).execute();
    await addContributionsForResponse(tx, areaId, texts.map((text, i) => ({ activityId, questionId: questionIds[i]!, responseId: response.id, accountId, supporterRelationship: null, receiptCode: receipt, source: 'free_text' as const, text })));
    const rows = await tx.selectFrom('contribution').select(['id', 'original_text']).where('response_id', '=', response.id).execute();
    return { code: receipt, responseId: response.id, ids: texts.map((text) => rows.find((r) => r.original_text === text)!.id) };
  });
}

/** A theme of these contributions with a published response, as the publishing step leaves it. */
async function published(title: string, status: ResponseStatus, contributionIds: string[], extra: { count?: number; services?: string[]; activities?: Array<{ id: string; title: string }>; reason?: string } = {}) {
  const content: PublishedContent = {
    theme: { title, summary: `Children and young people told us about ${title.toLowerCase()}.`, easyReadSummary: `You told us about ${title.toLowerCase()}.`, symbol: '1F3A0', symbolAlt: 'A carousel horse', citation: 'Most children chose the swings.', contributionCount: extra.count ?? contributionIds.length, quotes: ['The swings are the best bit.'] },
    response: {
      status,
      reason: extra.reason ?? '',
      whatChanged: `We have looked at ${title.toLowerCase()} with the Youth Council and made a plan.`,
      whatChangedEasyRead: 'We made a plan. We will tell you when it is done.',
      decidedBy: 'SEND Partnership Board',
      decidedOn: '2026-03-01',
      dueOn: '2026-09-01',
      doneOn: null,
      evidenceLinks: ['https://example.org/minutes'],
    },
    activities: extra.activities ?? [],
  };
  await withArea(e2e.db, areaId, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title }).returning('id').executeTakeFirstOrThrow();
    for (const id of contributionIds) await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: theme.id, contribution_id: id }).execute();
    await tx
      .insertInto('theme_response')
      .values({
        area_id: areaId,
        theme_id: theme.id,
        status,
        reason: extra.reason ?? '',
        stage: 'published',
        evidence_links: [],
        published_content: JSON.stringify(content),
        published_at: new Date(),
        first_published_at: new Date(),
        published_services: extra.services ?? [],
        published_activity_ids: (extra.activities ?? []).map((a) => a.id),
      })
      .execute();
  });
}

before(async () => {
  e2e = await startE2e();
  areaId = (await findAreaBySlug(e2e.db, DEMO_SLUG))!.id;
  mirror = await (await e2e.newContext({ viewport: PHONE })).newPage();
  const park = await createActivity(e2e.db, areaId, null, testActivity({ title: 'Our play park', services: ['Play and leisure'], childrenMode: true, audience: 'children_young_people' }));
  parkId = park.id;
  const questions: string[] = [];
  for (const [text, easyRead] of [['What should we add to the park?', 'What should we add?'], ['What do you not like?', 'What do you not like?']]) {
    questions.push(await addQuestion(e2e.db, areaId, null, parkId, { type: 'free_text', text: text!, easyRead: easyRead!, hint: '', required: false, settings: {}, showIf: null }, []));
  }
  await setActivityStatus(e2e.db, areaId, null, parkId, 'open');
  const child = await respond(parkId, questions, ['More swings, please', 'The gate is too heavy']);
  code = child.code;
  responseId = child.responseId;
  const friend = await respond(parkId, questions, ['Swings that go really high']);
  const activities = [{ id: parkId, title: 'Our play park' }];
  await published('Swings', 'done', [child.ids[0]!, friend.ids[0]!], { services: ['Play and leisure'], activities, count: 2 });
  await published('The park gate', 'cannot', [child.ids[1]!], { services: ['Play and leisure'], activities, reason: 'The gate must be heavy to keep small children safe. We will add a button to open it.' });
  await published('School transport', 'will_do', [], { services: ['Transport'], count: 48 });
  // The parent carer's own view, while signed in.
  const parent = await e2e.db.selectFrom('account').select('id').where('email', '=', demoAccount('parent_carer').email).executeTakeFirstOrThrow();
  const mine = await respond(parkId, questions, ['Benches for parents please'], parent.id);
  await published('Benches', 'doing', mine.ids, { services: ['Play and leisure'], activities });
});
after(async () => {
  await e2e?.close();
});

// ── Keyboard helpers: focus moves only by key presses ─────────────────────────────────────────

type Focused = { tag: string; type: string; name: string; id: string; text: string; label: string };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const fold = (s: string | undefined | null) => (s ?? '').replace(/\s+/g, ' ').trim();
    return { tag: el?.tagName ?? '', type: el?.getAttribute('type') ?? '', name: el?.getAttribute('name') ?? '', id: el?.id ?? '', text: fold(el?.innerText), label: fold(el?.labels?.[0]?.innerText) };
  });
}

async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, maxTabs = 150): Promise<void> {
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Presses Enter on the focused button or link; returns the status of the first response (303 when redirected). */
async function pressAndWait(page: Page): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const first = response?.request().redirectedFrom();
  return first ? (await first.response())!.status() : response!.status();
}

async function pressButton(page: Page, text: string): Promise<number> {
  await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === text, `the "${text}" button`);
  return pressAndWait(page);
}

async function chooseRadio(page: Page, name: string, label: string): Promise<void> {
  await tabTo(page, (f) => f.type === 'radio' && f.name === name, `the ${name} radios`);
  for (let i = 0; i < 20 && (await focused(page)).label !== label; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).label, label, `found the "${label}" radio`);
  await page.keyboard.press('Space');
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, (f) => f.id === id, `the ${id} field`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

// ── Checks on every page ──────────────────────────────────────────────────────────────────────

let mirror: Page;
const visited: string[] = [];

/** axe at 320 px and 1280 px, one h1, one main, a title, nothing wider than a phone. */
async function check(page: Page, label: string, options: { javaScript?: boolean } = {}): Promise<void> {
  visited.push(label);
  const target = options.javaScript ? page : await mirrorWithoutScripts(page, mirror);
  const violations = await checkA11yAtWidths(target, label);
  await target.setViewportSize(PHONE);
  assert.equal(violations.length, 0, `axe violations:\n${describeViolations(violations)}`);
  assert.deepEqual(await checkStructure(page, label), []);
  const overflow = await target.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${label}: the page is ${overflow}px wider than the screen`);
}

async function symbolsLoaded(page: Page, label: string): Promise<void> {
  const symbols = await page.locator('main img[src^="/symbols/"]').evaluateAll((imgs) => imgs.map((img) => ({ src: img.getAttribute('src'), hasAlt: img.hasAttribute('alt'), loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 })));
  assert.ok(symbols.length > 0, `${label}: has symbols`);
  for (const s of symbols) assert.ok(s.hasAlt && s.loaded, `${label}: ${s.src} loaded, with an alt attribute`);
}

// ── The public pages ──────────────────────────────────────────────────────────────────────────

test('the public pages pass axe at 320 and 1280 px: standard, easy read, an activity’s, the yearly publication', async () => {
  const context = await e2e.newContext({ viewport: PHONE });
  try {
    const page = await context.newPage();
    await page.goto(A);
    await page.getByRole('link', { name: 'You said, we did', exact: true }).last().click();
    await page.waitForURL(/\/you-said-we-did$/);
    assert.equal(await pageHeading(page), 'You said, we did');
    const main = await page.locator('main').innerText();
    for (const words of ['Swings', 'The park gate', 'School transport', 'Number of comments: fewer than 8', 'Number of comments: 48', 'The gate must be heavy']) assert.ok(main.includes(words), `shows "${words}"`);
    await check(page, 'you said, we did', { javaScript: true });

    // The filter is a plain GET form.
    await page.getByLabel('Service', { exact: true }).selectOption('Transport');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show' }).click()]);
    assert.match(page.url(), /service=Transport/);
    assert.equal(await page.locator('article').count(), 1);
    await check(page, 'you said, we did (filtered)', { javaScript: true });

    await page.goto(`${A}/you-said-we-did/easy-read`);
    await symbolsLoaded(page, 'easy read');
    await check(page, 'you said, we did (easy read)', { javaScript: true });
    await page.goto(`${A}/activities/${parkId}/you-said-we-did`);
    assert.equal(await pageHeading(page), 'You said, we did: Our play park');
    assert.equal(await page.locator('article').count(), 3);
    await check(page, 'activity page', { javaScript: true });
    await page.goto(`${A}/activities/${parkId}/you-said-we-did/easy-read`);
    await check(page, 'activity page (easy read)', { javaScript: true });

    await page.goto(`${A}/you-said-we-did/annual`);
    await check(page, 'yearly publication: choose a year', { javaScript: true });
    await page.getByRole('link', { name: `Comments and responses first published in ${year}` }).click();
    await page.waitForURL(new RegExp(`/annual/${year}$`));
    const print = page.getByRole('button', { name: 'Print this page' });
    await print.waitFor({ state: 'visible' });
    await check(page, 'yearly publication', { javaScript: true });
    // Printed: no navigation, no buttons.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.govuk-service-navigation').isVisible(), false, 'no navigation when printed');
    assert.equal(await print.isVisible(), false, 'no print button on paper');
    assert.ok(await page.getByRole('heading', { name: 'Play and leisure' }).isVisible());
    await page.emulateMedia({ media: 'screen' });
  } finally {
    await context.close();
  }
});

test('the Atom feed is well-formed XML with one entry per response; the JSON parses', async () => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${A}/you-said-we-did`);
    const result = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      return {
        type: response.headers.get('content-type'),
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
        titles: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => e.getElementsByTagNameNS(ns, 'title')[0]!.textContent),
        links: [...doc.getElementsByTagNameNS(ns, 'link')].map((l) => l.getAttribute('href')),
      };
    }, `${A}/you-said-we-did/feed.atom?service=Play+and+leisure`);
    assert.match(result.type ?? '', /^application\/atom\+xml/);
    assert.equal(result.error, 0, 'no XML parse errors');
    assert.equal(result.root, 'http://www.w3.org/2005/Atom feed');
    assert.deepEqual(new Set(result.titles), new Set(['Swings', 'The park gate', 'Benches']));
    for (const href of result.links) assert.ok(href?.startsWith(e2e.baseUrl), `${href} is absolute`);
    const json = await page.evaluate(async (url) => (await fetch(url)).json(), `${A}/you-said-we-did.json`);
    assert.equal((json as { version: number }).version, 1);
  } finally {
    await context.close();
  }
});

// ── What happened to my views? (keyboard only, JavaScript off) ────────────────────────────────

test('looking up a code and answering “Do you feel listened to?”: keyboard only, JavaScript off, axe on every state', async () => {
  const context: BrowserContext = await e2e.newContext({ javaScriptEnabled: false, viewport: PHONE });
  try {
    const page = await context.newPage();
    await page.goto(A);
    await tabTo(page, (f) => f.tag === 'A' && f.text === 'What happened to my views?', 'the link on the home page');
    assert.equal(await pressAndWait(page), 200);
    assert.equal(await pageHeading(page), 'What happened to my views?');
    await check(page, 'my views (empty)');
    assert.equal(await pressButton(page, 'Find my views'), 422);
    assert.deepEqual(await errorSummaryLinks(page), ['#code']);
    await check(page, 'my views (error)');
    await typeInto(page, 'code', code.toLowerCase().replace('-', ' '));
    assert.equal(await pressButton(page, 'Find my views'), 200);
    assert.equal(await pageHeading(page), 'Your views');
    assert.ok(!page.url().includes(code) && !page.url().toUpperCase().includes(code.replace('-', '')), 'the code is never in the address');
    const views = await page.locator('main').innerText();
    for (const words of ['More swings, please', 'We did it', 'The gate is too heavy', "We can't do it. We will tell you why", 'The gate must be heavy to keep small children safe.']) assert.ok(views.includes(words), `shows "${words}"`);
    assert.ok(!views.includes('really high'), 'never another person’s words');
    assert.ok(!views.includes('The swings are the best bit'), 'no quotes');
    await symbolsLoaded(page, 'my views');
    await check(page, 'my views (found)');

    // Do you feel listened to? Nothing chosen first, then a face.
    assert.equal(await pressButton(page, 'Send my answer'), 422);
    assert.deepEqual(await errorSummaryLinks(page), ['#rating']);
    await check(page, 'my views (listened error)');
    await chooseRadio(page, 'rating', 'Yes');
    assert.equal(await pressButton(page, 'Send my answer'), 303);
    assert.equal(await pageHeading(page), 'Thank you for telling us');
    await check(page, 'my views (listened thank you)');
    const stored = await withArea(e2e.db, areaId, (tx) => tx.selectFrom('listened_rating').select('rating').where('response_id', '=', responseId).execute());
    assert.deepEqual(stored, [{ rating: 'yes' }]);
  } finally {
    await context.close();
  }
});

test('“What changed because of you” for a signed-in parent carer passes axe', async () => {
  const context = await e2e.newContext({ viewport: PHONE });
  try {
    const page = await context.newPage();
    await signIn(page, demoAccount('parent_carer').email);
    await page.goto(A);
    await page.getByRole('link', { name: 'What changed because of you' }).click();
    await page.waitForURL(/\/what-changed$/);
    const main = await page.locator('main').innerText();
    assert.ok(main.includes('Benches for parents please') && main.includes('We are doing it now'));
    assert.ok(!main.includes('More swings'), 'only their own views');
    await check(page, 'what changed because of you', { javaScript: true });
  } finally {
    await context.close();
  }
});

// ── How would you like to hear what happened? (keyboard only, JavaScript off) ────────────────

test('choosing how to hear back on the thank-you page: keyboard only, JavaScript off, axe empty, error and saved', async () => {
  const context = await e2e.newContext({ javaScriptEnabled: false, viewport: PHONE });
  try {
    const page = await context.newPage();
    // Answer the children's survey quickly: start, skip both questions, nothing else, send.
    await page.goto(`${A}/surveys/${parkId}`);
    await chooseRadio(page, 'how', 'Me, on my own');
    assert.equal(await pressButton(page, 'Start'), 303);
    for (let i = 0; i < 2; i += 1) assert.equal(await pressButton(page, 'I don’t want to answer this'), 303);
    assert.equal(await pressButton(page, 'Next'), 303);
    await tabTo(page, (f) => f.tag === 'A' && f.text === 'Skip', 'the Skip link');
    assert.equal(await pressAndWait(page), 200);
    assert.equal(await pressButton(page, 'Yes, send my answers'), 303);
    assert.equal(await pageHeading(page), 'Thank you!');
    assert.ok(await page.getByRole('heading', { name: 'How should we tell you what we did?' }).isVisible());
    await symbolsLoaded(page, 'thank you');
    await check(page, 'thank you: hear back (empty)');

    // Text message chosen, the number mistyped: an error that keeps what was typed.
    await chooseRadio(page, 'channel', 'Send a text to my phone');
    await typeInto(page, 'mobile', '01632 960000');
    assert.equal(await pressButton(page, 'Save'), 422);
    assert.deepEqual(await errorSummaryLinks(page), ['#mobile']);
    assert.equal(await page.locator('#mobile').inputValue(), '01632 960000');
    await check(page, 'thank you: hear back (error)');
    await typeInto(page, 'mobile', '07700 900123');
    assert.equal(await pressButton(page, 'Save'), 303);
    assert.ok(await page.getByText('We will send you a text message when we have an answer.').isVisible());
    assert.ok(await page.getByText('You chose: Send a text to my phone (+447700900123)').isVisible());
    await check(page, 'thank you: hear back (saved)');
    const id = /\/responses\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
    const stored = await withArea(e2e.db, areaId, (tx) => tx.selectFrom('feedback_contact').select(['channel', 'address', 'format']).where('response_id', '=', id).execute());
    assert.deepEqual(stored, [{ channel: 'sms', address: '+447700900123', format: 'easy_read' }]);

    // "Can we show your words?" is never answered for the child: saving nothing asks again.
    assert.equal(await pressButton(page, 'Save my answer'), 422);
    assert.deepEqual(await errorSummaryLinks(page), ['#quotes']);
    await check(page, 'thank you: share words (error)');
    await chooseRadio(page, 'quotes', 'Yes');
    assert.equal(await pressButton(page, 'Save my answer'), 303);
    assert.ok(await page.getByText('Thank you. We saved your answer.').isVisible());
    await check(page, 'thank you: share words (saved)');
    const consent = await withArea(e2e.db, areaId, (tx) => tx.selectFrom('consent_record').select(['kind', 'agreed', 'given_by']).where('response_id', '=', id).orderBy('recorded_at').execute());
    assert.deepEqual(consent, [{ kind: 'contact', agreed: true, given_by: 'self' }, { kind: 'quotes', agreed: true, given_by: 'self' }]);
  } finally {
    await context.close();
  }
});
