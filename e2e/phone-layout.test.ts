/**
 * Chorus on a small phone (320 × 640): the question is on the first screen. Every page a child or a
 * parent carer answers a survey on shows its main heading and its first answer (option, field or
 * button) without scrolling, with JavaScript on and off; the header is small while answering; the
 * area menu folds behind a Menu button; nothing scrolls sideways; and the area home offers "Have your
 * say" as a button and its open surveys as picture cards.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { createActivity, setActivityStatus } from '../src/modules/activities/activities.service.ts';
import { createAccount } from '../src/modules/accounts/members.service.ts';
import { createArea, findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { setLogo } from '../src/modules/areas/pictures.service.ts';
import { addQuestion } from '../src/modules/surveys/questions.service.ts';
import { CHILDREN_SURVEY, PARENT_SURVEY } from '../src/seed/seed-activities.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const PHONE = { width: 320, height: 640 };
const suite = e2eFile();

/** The demo's surveys, opened afresh here (the demo's parent survey is closed, with its results). */
let surveys: { children: string; parents: string; longEmail: string };
let opened: Promise<void> | undefined;

/** Opens the surveys once, in the first test that needs them (after the file's app has started). */
function openSurveys(): Promise<void> {
  opened ??= openDemoSurveys();
  return opened;
}

async function openDemoSurveys(): Promise<void> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const open = async (survey: typeof CHILDREN_SURVEY, overrides: Partial<typeof CHILDREN_SURVEY.activity> = {}) => {
    const activity = await createActivity(db, areaId, null, { ...survey.activity, organisationId: null, ...overrides });
    for (const q of survey.questions) await addQuestion(db, areaId, null, activity.id, q.input, q.options);
    await setActivityStatus(db, areaId, null, activity.id, 'open');
    return activity.id;
  };
  surveys = {
    children: await open(CHILDREN_SURVEY, { title: 'Saturday club on a phone' }),
    parents: await open(PARENT_SURVEY, { title: 'Short breaks on a phone' }),
    longEmail: await open({ ...PARENT_SURVEY, questions: [] }, { title: 'A survey with a long contact address', contactEmail: 'participation.and.co-production.team@riverside-send-partnership.example' }),
  };
}

// ── The first screen ───────────────────────────────────────────────────────────────────────────

type FirstScreen = { heading: number; firstTop: number; first: number; what: string; sidewaysBy: number };

/**
 * Where the page's main heading ends and its first answer starts and ends, in px from the top of the page. The first
 * answer is the first visible field, option or button of the page's form (or its first button-link),
 * the union of a radio or checkbox and its label (the label is what a finger aims at). On the check
 * page it is the first answer in the list; on a card sort's piles, the first pile and its cards (each
 * a link to change it); after sending or saving, the code to keep.
 */
async function firstScreen(page: Page): Promise<FirstScreen> {
  return page.evaluate(() => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden]');
    };
    const bottomOf = (els: Element[]) => Math.max(...els.map((el) => el.getBoundingClientRect().bottom)) + window.scrollY;
    const topOf = (els: Element[]) => Math.min(...els.map((el) => el.getBoundingClientRect().top)) + window.scrollY;
    const h1 = document.querySelector('main h1')!;
    const special = document.querySelector('main .govuk-summary-list__row, main .govuk-panel__body strong, main p.govuk-heading-xl, main form:not(:has(button[name=pile])) .chorus-pile');
    let first: Element[] = [];
    let what = '';
    if (special) {
      first = [special];
      what = (special as HTMLElement).innerText.slice(0, 40);
    } else {
      const control = [...document.querySelectorAll('main form :is(input:not([type=hidden]), select, textarea, button), main a.govuk-button')].find(
        (el) => shown(el) || [...((el as HTMLInputElement).labels ?? [])].some(shown),
      );
      if (control) {
        first = [control, ...((control as HTMLInputElement).labels ?? [])];
        what = `${control.tagName.toLowerCase()} "${(((control as HTMLInputElement).labels?.[0] as HTMLElement | undefined)?.innerText ?? (control as HTMLElement).innerText).trim().slice(0, 40)}"`;
      }
    }
    return {
      heading: Math.round(bottomOf([h1])),
      firstTop: first.length ? Math.round(topOf(first)) : Infinity,
      first: first.length ? Math.round(bottomOf(first)) : Infinity,
      what: what.replace(/\s+/g, ' '),
      sidewaysBy: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

/** Fills in the page's form with an answer (the first of everything), for walking on. */
async function answer(page: Page): Promise<void> {
  const groups = await page.locator('main form input[type=radio]').evaluateAll((els) => [...new Set(els.map((el) => (el as HTMLInputElement).name))]);
  for (const name of groups) await page.locator(`main form input[type=radio][name="${name}"]`).first().check({ force: true });
  const boxes = page.locator('main form input[type=checkbox]');
  if (await boxes.count()) await boxes.first().check({ force: true });
  const selects = page.locator('main form select');
  for (let i = 0; i < (await selects.count()); i += 1) await selects.nth(i).selectOption(String(i + 1));
  const texts = page.locator('main form :is(textarea, input[type=text], input:not([type]))');
  for (let i = 0; i < (await texts.count()); i += 1) if (await texts.nth(i).isVisible()) await texts.nth(i).fill((await texts.nth(i).getAttribute('inputmode')) === 'numeric' ? '3' : 'Fine');
}

async function go(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), click()]);
  await page.waitForLoadState('load');
}

/** A finger-sized piece of an answer (WCAG 2.5.8 and Chorus's 44 px targets, rounded up). */
const TARGET = 48;

/**
 * Whether a page passes: its heading fully on the first screen, and its first answer fully there,
 * or (for an answer taller than what is left, like a picture card or a text box) at least a
 * finger-sized part of it.
 */
function fits(m: FirstScreen): boolean {
  if (m.heading > PHONE.height) return false;
  return m.first <= PHONE.height || m.firstTop + TARGET <= PHONE.height;
}

/**
 * Walks one survey from its start page to "Thank you" at 320 × 640, measuring every page on the way;
 * returns one line per page that does not fit ("what, where") and every page's measurements.
 */
async function walkSurvey(page: Page, activityId: string, how: 'own' | 'supported'): Promise<{ problems: string[]; pages: string[] }> {
  const problems: string[] = [];
  const pages: string[] = [];
  const look = async (kind = 'page') => {
    const heading = await pageHeading(page);
    const m = await firstScreen(page);
    const line = `"${heading}" (${kind}): heading ends at ${m.heading} px; first answer (${m.what}) from ${m.firstTop} to ${m.first} px`;
    pages.push(`${line}${m.first > PHONE.height ? ' (not all of it on the first screen)' : ''}`);
    if (!fits(m)) problems.push(`${line} (screen is ${PHONE.height} px)`);
    if (m.sidewaysBy > 0) problems.push(`"${heading}": scrolls ${m.sidewaysBy} px sideways`);
    return heading;
  };
  await page.goto(`${A}/surveys/${activityId}`);
  await look('start page');
  await page.locator(`main form input[name=how][value=${how}]`).check({ force: true });
  await go(page, () => page.locator('main form button:not(.govuk-button--secondary)').last().click());
  for (let i = 0; i < 40; i += 1) {
    const heading = await look((await page.locator('main form button[name=pile]').count()) ? 'card sort card' : 'page');
    if (await page.locator('main .govuk-panel').count()) return { problems, pages };
    const start = page.locator('main a.govuk-button:not(.govuk-button--secondary)');
    if (!(await page.locator('main form').count()) && (await start.count())) {
      await go(page, () => start.first().click());
      continue;
    }
    await answer(page);
    const url = page.url();
    // The first button that moves on: Next, Continue, Send, or a card sort's first pile.
    await go(page, () => page.locator('main form button[type=submit]:not([value=decline]):not([value=save])').first().click());
    assert.notEqual(page.url(), url, `"${heading}" moved on`);
  }
  assert.fail(`never reached "Thank you": ${pages.join('\n')}`);
}

for (const javaScript of [true, false]) {
  test(`every survey page shows its heading and first answer on a 320 × 640 screen, JavaScript ${javaScript ? 'on' : 'off'}`, async (t) => {
    await openSurveys();
    const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: javaScript });
    const children = await walkSurvey(page, surveys.children, 'supported');
    const parents = await walkSurvey(page, surveys.parents, 'own');
    // Saving part way, and carrying on with the code.
    const saver = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: javaScript });
    await saver.goto(`${A}/surveys/${surveys.parents}`);
    await saver.locator('main form input[name=how][value=own]').check({ force: true });
    await go(saver, () => saver.locator('main form button:not(.govuk-button--secondary)').last().click());
    await go(saver, () => saver.getByRole('button', { name: 'Save and come back later' }).click());
    const more: string[] = [];
    for (const [label, p] of [['saved', saver], ['resume', saver]] as const) {
      if (label === 'resume') await p.goto(`${A}/surveys/resume`);
      const m = await firstScreen(p);
      t.diagnostic(`${label}: heading ends at ${m.heading} px; first (${m.what}) from ${m.firstTop} to ${m.first} px`);
      if (!fits(m)) more.push(`${label}: heading ends at ${m.heading} px, first (${m.what}) from ${m.firstTop} to ${m.first} px`);
    }
    for (const line of [...children.pages, ...parents.pages]) t.diagnostic(line);
    assert.ok(children.pages.length >= 12, `walked the children's survey (${children.pages.length} pages)`);
    assert.ok(parents.pages.length >= 12, `walked the parent survey (${parents.pages.length} pages)`);
    assert.deepEqual([...children.problems, ...parents.problems, ...more], []);
  });
}

test('the start page: what it is about and "you can skip" first, then "who is answering", then what happens and privacy before Start', async () => {
  await openSurveys();
  const cases = [
    { id: surveys.children, purpose: /You can help choose what we do there/, promise: 'You can skip a question if you want.', first: 'Me, on my own' },
    { id: surveys.parents, purpose: /The council is reviewing short breaks/, promise: 'You can skip any question.', first: 'On my own' },
  ];
  for (const c of cases) {
    for (const javaScript of [true, false]) {
      const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: javaScript });
      await page.goto(`${A}/surveys/${c.id}`);
      const bottom = (locator: ReturnType<Page['locator']>) => locator.evaluate((el) => el.getBoundingClientRect().bottom);
      const top = (locator: ReturnType<Page['locator']>) => locator.evaluate((el) => el.getBoundingClientRect().top);
      const main = page.locator('main');
      const promise = main.getByText(c.promise, { exact: true });
      const first = main.getByRole('radio', { name: c.first });
      assert.match(await main.locator('p').first().innerText(), c.purpose, 'what it is about comes first');
      assert.ok((await bottom(promise)) <= PHONE.height, `"${c.promise}" is on the first screen`);
      const firstBox = await first.evaluate((el) => [el, ...(el as HTMLInputElement).labels!].map((x) => x.getBoundingClientRect().bottom));
      assert.ok(Math.max(...firstBox) <= PHONE.height, `"${c.first}" is on the first screen (ends at ${Math.max(...firstBox)} px, JavaScript ${javaScript ? 'on' : 'off'})`);
      // Nothing the page promised has gone: it is all there, after the question and before Start.
      const start = main.getByRole('button', { name: /^Start/ });
      for (const heading of [/^What (happens|you will do)$/, /^Your answers are private$/]) {
        const h = main.getByRole('heading', { name: heading });
        assert.ok((await top(h)) > (await bottom(first)) && (await bottom(h)) < (await top(start)), `${heading} is between the question and Start`);
      }
      assert.match(await main.innerText(), /We do not ask (for )?your name/);
    }
  }
  const wide = await suite.pageAs(null, { viewport: { width: 1280, height: 800 } });
  await wide.goto(`${A}/surveys/${surveys.parents}`);
  await expectAccessible(wide, 'parent survey start page');
});

test('in Welsh, the start page keeps its first answer on the first screen: the note about machine-made Welsh comes after the form', async () => {
  await openSurveys();
  for (const javaScript of [true, false]) {
    const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: javaScript });
    await page.goto(`${A}/surveys/${surveys.children}?lang=cy`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    const m = await firstScreen(page);
    assert.ok(fits(m), `Welsh start page, JavaScript ${javaScript ? 'on' : 'off'}: heading ends ${m.heading} px, ${m.what} ${m.firstTop}–${m.first} px`);
    const note = page.locator('main .chorus-welsh-note');
    assert.equal(await note.count(), 1, 'the note is still there, once');
    const formBottom = await page.locator('main form').first().evaluate((el) => el.getBoundingClientRect().bottom);
    assert.ok((await note.evaluate((el) => el.getBoundingClientRect().top)) >= formBottom, 'the note comes after the form');
  }
});

test('a card sort card on a phone: the picture beside its words, then "Where does it go?" and the piles, the hint after them', async () => {
  await openSurveys();
  for (const javaScript of [true, false]) {
    const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: javaScript });
    await page.goto(`${A}/surveys/${surveys.children}`);
    await page.locator('main form input[name=how][value=own]').check({ force: true });
    await go(page, () => page.locator('main form button:not(.govuk-button--secondary)').last().click());
    for (let i = 0; i < 10 && !(await page.locator('main form button[name=pile]').count()); i += 1) {
      await answer(page);
      await go(page, () => page.locator('main form button[type=submit]:not([value=decline]):not([value=save])').first().click());
    }
    const card = page.locator('main .chorus-sort-card');
    const [picture, words] = await card.evaluate((el) => [el.querySelector('img')!.getBoundingClientRect(), el.querySelector('span')!.getBoundingClientRect()].map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width })));
    assert.ok(picture!.width >= 96, `the picture is still big (${picture!.width} px)`);
    assert.ok(words!.left >= picture!.right, 'the words are beside the picture');
    const group = page.getByRole('group', { name: /^Where does/ });
    const like = group.getByRole('button', { name: 'I like it', exact: true });
    const likeBottom = await like.evaluate((el) => el.getBoundingClientRect().bottom);
    assert.ok(likeBottom <= PHONE.height, `the whole "I like it" button is on the first screen (ends at ${likeBottom} px)`);
    assert.match(await group.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')!)!.textContent!), /Choose a pile/, 'the hint is read with the piles');
    if (!javaScript) {
      const wide = await suite.pageAs(null, { viewport: { width: 1280, height: 800 } });
      await expectAccessible(await mirrorWithoutScripts(page, wide), 'card sort card');
      await page.setViewportSize({ width: 1280, height: 800 });
      const above = await card.evaluate((el) => el.querySelector('span')!.getBoundingClientRect().top >= el.querySelector('img')!.getBoundingClientRect().bottom);
      assert.ok(above, 'on a wide screen the picture is above the words, as before');
    }
  }
});

test('while answering, the header is small: the area name and a small language switch, no menu', async () => {
  await openSurveys();
  for (const javaScript of [true, false]) {
    const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: javaScript });
    await page.goto(`${A}/surveys/${surveys.children}`);
    assert.equal(await page.getByRole('navigation', { name: 'Area menu' }).count(), 0, 'no area menu while answering');
    assert.ok(await page.getByRole('banner').getByText('Riverside SEND Partnership').isVisible(), 'the area name is there');
    assert.ok(await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Cymraeg' }).isVisible(), 'the language switch is there');
    const headerBottom = await page.getByRole('banner').evaluate((el) => el.getBoundingClientRect().bottom);
    assert.ok(headerBottom <= 110, `the header, demo banner included, ends at ${headerBottom} px (at most 110)`);
    const bannerHeight = await page.getByRole('region', { name: 'Demo' }).evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(bannerHeight <= 40, `the demo banner is one short line (${bannerHeight} px high)`);
    await expectAccessible(javaScript ? page : await mirrorWithoutScripts(page, await suite.pageAs(null, { viewport: PHONE })), `survey start, JavaScript ${javaScript ? 'on' : 'off'}`);
  }
});

test('on a phone the area menu folds behind a Menu button; without JavaScript it is a short list', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE });
  await page.goto(A);
  const menu = page.getByRole('navigation', { name: 'Area menu' });
  const toggle = menu.getByRole('button', { name: 'Menu' });
  assert.ok(await toggle.isVisible(), 'a Menu button');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await menu.getByRole('link', { name: 'Our charter' }).isVisible(), false, 'the links are folded away');
  const folded = await page.getByRole('banner').evaluate((el) => el.getBoundingClientRect().bottom);
  assert.ok(folded <= 200, `header with the menu folded ends at ${folded} px (at most 200)`);
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await menu.getByRole('link', { name: 'Our charter' }).isVisible(), 'Enter on Menu shows the links');
  await expectAccessible(page, 'area home, menu open');
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(await toggle.isVisible(), false, 'no Menu button on a wide screen');
  assert.ok(await menu.getByRole('link', { name: 'Our charter' }).isVisible(), 'the links show on a wide screen');

  const noJs = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await noJs.goto(A);
  const list = noJs.getByRole('navigation', { name: 'Area menu' });
  assert.ok(await list.getByRole('link', { name: 'Our charter' }).isVisible(), 'without JavaScript the links are shown');
  const bottom = await noJs.getByRole('banner').evaluate((el) => el.getBoundingClientRect().bottom);
  assert.ok(bottom <= 260, `without JavaScript the header and its menu end at ${bottom} px (at most 260)`);
});

test('nothing scrolls sideways at 320 px on the public and participant pages, long email addresses included', async () => {
  await openSurveys();
  const pages = [
    '', '/take-part', '/charter', '/charter/easy-read', '/forums', '/you-said-we-did', '/you-said-we-did/easy-read', '/my-views',
    '/contact', '/accessibility', '/privacy', `/surveys/${surveys.longEmail}`, `/surveys/${surveys.children}`, '/surveys/resume',
  ];
  const anonymous = await suite.pageAs(null, { viewport: PHONE });
  for (const path of pages) {
    await anonymous.goto(`${A}${path}`);
    await expectNoSidewaysScroll(anonymous, `${A}${path}`);
  }
  await anonymous.goto('/sign-in');
  await expectNoSidewaysScroll(anonymous, '/sign-in');
  const parent = await suite.pageAs(demoAccount('parent_carer').email, { viewport: PHONE });
  for (const path of ['/account', A, `${A}/what-changed`]) {
    await parent.goto(path);
    await expectNoSidewaysScroll(parent, `${path} (signed in)`);
  }
});

test('the area home offers "Have your say" as a button with a symbol, and open surveys as picture cards', async () => {
  await openSurveys();
  for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
    const page = await suite.pageAs(null, { viewport });
    await page.goto(A);
    const button = page.getByRole('button', { name: 'Have your say' }).or(page.locator('main a.govuk-button', { hasText: 'Have your say' }));
    assert.ok(await button.first().isVisible(), 'a "Have your say" button');
    assert.match((await button.first().getAttribute('class')) ?? '', /govuk-button--start/);
    assert.equal(await button.first().getAttribute('href'), `${A}/take-part`);
    assert.equal(await button.first().locator('img').count(), 1, 'the button has a symbol');
    const buttonBottom = await button.first().evaluate((el) => el.getBoundingClientRect().bottom);
    if (viewport === PHONE) assert.ok(buttonBottom <= PHONE.height, `the button is on the first screen (ends at ${buttonBottom} px)`);

    const cards = page.getByRole('list', { name: 'Surveys you can answer now' }).getByRole('listitem');
    assert.ok((await cards.count()) >= 3, 'every open survey is a card');
    const card = cards.filter({ hasText: 'Saturday club on a phone' });
    assert.equal(await card.getByRole('link').count(), 1, 'each card is one link');
    const link = card.getByRole('link', { name: 'Saturday club on a phone', exact: true });
    assert.equal(await link.getAttribute('href'), `${A}/surveys/${surveys.children}`);
    const picture = card.locator('img');
    assert.equal(await picture.count(), 1, 'the card has a picture');
    assert.ok(await picture.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0), 'the picture loaded');
    await card.scrollIntoViewIfNeeded();
    const [cardBox, pictureBox] = [await card.boundingBox(), await picture.boundingBox()];
    assert.ok(pictureBox!.width >= 64, `the picture is big enough to see (${pictureBox!.width} px)`);
    // The whole card is the target: a tap on its far corner follows the link.
    await go(page, () => page.mouse.click(cardBox!.x + cardBox!.width - 4, cardBox!.y + cardBox!.height - 4));
    assert.equal(new URL(page.url()).pathname, `${A}/surveys/${surveys.children}`);
    await page.goto(A);
    await expectAccessible(page, `area home at ${viewport.width} px`);
    await expectNoSidewaysScroll(page, 'area home');
  }
  // Keyboard: from the button, Tab reaches each card's link, and Enter follows it.
  const keyboard = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await keyboard.goto(A);
  await keyboard.locator('main a.govuk-button').first().focus();
  let reached = '';
  for (let i = 0; i < 10 && !reached.includes('Saturday club on a phone'); i += 1) {
    await keyboard.keyboard.press('Tab');
    reached = await keyboard.evaluate(() => (document.activeElement as HTMLElement).innerText);
  }
  assert.match(reached, /Saturday club on a phone/);
  await go(keyboard, () => keyboard.keyboard.press('Enter'));
  assert.equal(await pageHeading(keyboard), 'Saturday club on a phone');
});

test('an area with a logo shows it beside its name in the header: small, with the area’s name as its text', async () => {
  const { db } = suite.e2e;
  const area = await createArea(db, { slug: 'logo-vale', name: 'Logo Vale SEND Partnership', contactEmail: 'send@logo-vale.example' });
  const adminId = await createAccount(db, { email: 'admin@logo-vale.example', displayName: 'Rhys Evans', password: 'a-long-test-password-for-logo-vale' });
  // A wide logo, as the upload page stores it (re-encoded as WebP).
  const bytes = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#1d5c7a' } }).webp().toBuffer();
  await setLogo(db, area.id, adminId, area.name, { bytes, contentType: 'image/webp', width: 400, height: 200, fingerprint: createHash('sha256').update(bytes).digest('hex').slice(0, 16) });
  for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
    const page = await suite.pageAs(null, { viewport });
    await page.goto('/a/logo-vale');
    const logo = page.getByRole('banner').getByRole('img', { name: 'Logo Vale SEND Partnership logo' });
    assert.ok(await logo.isVisible(), 'the logo is in the header');
    assert.ok(await logo.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0), 'the logo loaded');
    const box = (await logo.boundingBox())!;
    assert.ok(box.height <= 40 && box.height >= 20, `the logo is small (${box.height} px high)`);
    assert.ok(await page.getByRole('banner').getByRole('link', { name: /Logo Vale SEND Partnership/ }).isVisible(), 'the name is still there');
    await expectAccessible(page, `area home with a logo at ${viewport.width} px`);
  }
});
