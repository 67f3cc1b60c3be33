/**
 * Keyboard-only journeys (QUALITY.md: every journey completes with Tab, Enter and Space). Nothing
 * here clicks: focus moves only by key presses, as it does for someone who cannot use a mouse.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoAccount, DEMO_PASSWORD, DEMO_SLUG, signIn, startE2e, type E2e } from './support.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

type Focused = { tag: string; id: string; text: string; href: string | null; type: string | null; inMain: boolean };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? '',
      id: el?.id ?? '',
      text: (el?.innerText ?? '').replace(/\s+/g, ' ').trim(),
      href: el?.getAttribute('href') ?? null,
      type: el?.getAttribute('type') ?? null,
      inMain: Boolean(el && document.querySelector('main')?.contains(el)),
    };
  });
}

/** Presses Tab until the focused element matches, or fails listing the stops it went through. */
async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, maxTabs = 40): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return;
    stops.push(`${f.tag}#${f.id} "${f.text.slice(0, 40)}"`);
  }
  assert.fail(`Tab never reached ${what}; stops:\n  ${stops.join('\n  ')}`);
}

test('the skip link is the first Tab stop, shows when focused, and moves focus to the main content', async () => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`/a/${DEMO_SLUG}/charter`);
    await page.keyboard.press('Tab');
    const first = await focused(page);
    assert.deepEqual({ text: first.text, href: first.href }, { text: 'Skip to main content', href: '#main-content' });
    const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    assert.ok(box && box.width > 10 && box.height > 10, `the focused skip link is visible (box ${JSON.stringify(box)})`);

    await page.keyboard.press('Enter');
    const target = await focused(page);
    assert.deepEqual({ tag: target.tag, id: target.id }, { tag: 'MAIN', id: 'main-content' });
    await page.keyboard.press('Tab');
    assert.ok((await focused(page)).inMain, 'the next Tab stop is inside the main content, past the header');
  } finally {
    await context.close();
  }
});

/**
 * Tabs through the whole page. Returns how many stops there were and the problems: a stop that is
 * not visible, shows no change when focused (WCAG 2.4.7), or sits off screen sideways.
 */
async function walkTabStops(page: Page): Promise<{ stops: number; problems: string[] }> {
  const problems: string[] = [];
  let stops = 0;
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      el.scrollIntoView({ block: 'center' });
      // A focus indicator is a visible change between focused and not focused (WCAG 2.4.7).
      // govuk-frontend radios and checkboxes hide the real input and draw the focus ring on the
      // label's ::before, so look there too.
      const label = el.matches('input[type=radio], input[type=checkbox]') ? el.nextElementSibling : null;
      const look = () => {
        const s = getComputedStyle(el);
        const outline = s.outlineStyle === 'none' || s.outlineColor === 'rgba(0, 0, 0, 0)' ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
        const ring = label ? getComputedStyle(label, '::before') : null;
        return [outline, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine, s.textDecorationThickness, ring?.boxShadow, ring?.borderWidth].join('|');
      };
      const whenFocused = look();
      el.blur();
      const whenNot = look();
      el.focus();
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return {
        label: `${el.tagName} "${(el.innerText || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`,
        visible: rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden',
        indicated: whenFocused !== whenNot,
        insideViewport: rect.left >= 0 && rect.right <= window.innerWidth + 1,
      };
    });
    if (!stop) break;
    stops += 1;
    if (!stop.visible) problems.push(`${stop.label} is focused but not visible`);
    if (!stop.indicated) problems.push(`${stop.label} has no focus indicator`);
    if (!stop.insideViewport) problems.push(`${stop.label} is off screen sideways at 320 px`);
  }
  return { stops, problems };
}

for (const who of [
  { name: 'anonymous, area home', email: null, path: `/a/${DEMO_SLUG}` },
  { name: 'area admin, organisations form', email: demoAccount('area_admin').email, path: `/a/${DEMO_SLUG}/manage/organisations` },
]) {
  test(`every Tab stop is visible and visibly focused at 320 px: ${who.name}`, async (t) => {
    const context = await e2e.newContext({ viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      if (who.email) await signIn(page, who.email);
      await page.goto(who.path);
      const { stops, problems } = await walkTabStops(page);
      t.diagnostic(`${who.name}: ${stops} Tab stops checked`);
      assert.ok(stops >= 10, `found only ${stops} Tab stops: the walk did not run`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('signing in with the keyboard only', async () => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    const account = demoAccount('practitioner');
    await page.goto('/sign-in');
    await tabTo(page, (f) => f.id === 'email', 'the email field');
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'password', 'Tab from email goes to password');
    await page.keyboard.type(DEMO_PASSWORD);
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Sign in', 'the Sign in button', 5);
    // A practitioner lands on their area's activities (issue 12).
    await Promise.all([page.waitForURL('**/activities'), page.keyboard.press('Enter')]);
    assert.ok(await page.getByText(`Signed in as ${account.displayName}`).isVisible(), 'the header says who is signed in');
  } finally {
    await context.close();
  }
});

test('an area admin adds an organisation with the keyboard only (radios with arrow keys and Space)', async () => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    const account = demoAccount('area_admin');
    await page.goto('/sign-in');
    await tabTo(page, (f) => f.id === 'email', 'the email field');
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    // An area admin lands on their area's dashboard (issue 12).
    await Promise.all([page.waitForURL('**/manage'), page.keyboard.press('Enter')]);

    await page.goto(`/a/${DEMO_SLUG}/manage/organisations`);
    await tabTo(page, (f) => f.id === 'name', 'the organisation name field');
    await page.keyboard.type('Riverside Early Years Team');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'kind', 'Tab from the name goes to the first type of organisation');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    assert.ok(await page.getByLabel('School or college').isChecked(), 'arrow keys and Space choose the third radio');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Add', 'the Add button', 5);
    // The form posts back to the page it is on, so wait for the POST rather than a change of address.
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
    assert.equal(response.status(), 303);
    await page.getByRole('alert').filter({ hasText: 'Riverside Early Years Team has been added' }).waitFor({ timeout: 5000 });
    assert.ok(await page.getByRole('cell', { name: 'Riverside Early Years Team' }).isVisible());
  } finally {
    await context.close();
  }
});
