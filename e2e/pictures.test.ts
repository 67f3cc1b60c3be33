/**
 * Symbols and the area's own pictures in the browser (issue 12 §3, §4): the symbol picker puts the
 * everyday meaning first; a lead uploads a photo of the minibus (hostile files get a clear error,
 * never a 500) and the photo arrives re-encoded, without its GPS position, served safely; the photo
 * is then a symbol a theme can use; an admin sets a logo and a colour white text can be read on.
 * Every page and state is checked with axe at 320 and 1280 px, and the upload works with JS off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { listQuestions } from '../src/modules/surveys/questions.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import type { Page } from 'playwright-core';
import { DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, submit } from './support.ts';

const a = `/a/${DEMO_SLUG}`;
const file = e2eFile();
const lead = () => demoAccount('participation_lead').email;
const admin = () => demoAccount('area_admin').email;

async function accessible(page: Page, label: string) {
  await expectAccessible(page, label);
  await expectNoSidewaysScroll(page, label);
}

/** A photo as a phone takes it: a JPEG with the place it was taken in its EXIF. */
async function minibusPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#d4351c' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 9' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2600/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' } })
    .toBuffer();
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer, alt: string) {
  await page.goto(`${a}/manage/pictures`);
  await page.getByLabel('Picture', { exact: true }).setInputFiles({ name, mimeType, buffer });
  await page.getByLabel('What the picture shows').fill(alt);
  return submit(page, 'Add picture');
}

const firstLabels = (page: Page) => page.getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''));

test('the symbol picker puts the everyday meaning first: a car for "car", a bus for "bus", bigger, as you type', async () => {
  // Without JavaScript: the Search button posts the form and the page comes back with the results.
  const plain = await file.pageAs(lead(), { javaScriptEnabled: false });
  await plain.goto(`${a}/manage/themes/new`);
  await plain.getByLabel('Title', { exact: true }).fill('Getting there');
  await submit(plain, 'Choose a symbol');
  for (const [word, first] of [['car', 'Automobile'], ['bus', 'Bus'], ['ball', 'Soccer ball']] as const) {
    await plain.getByLabel('Search for a symbol').fill(word);
    await submit(plain, 'Search');
    const labels = await firstLabels(plain);
    assert.equal(labels[0], first, `"${word}" offers ${labels.slice(0, 3).join(', ')}`);
    const size = await plain.locator('.govuk-radios__label img').first().evaluate((img) => img.getBoundingClientRect().width);
    assert.ok(size >= 64, `symbols in the results are big enough to tell apart (${size} px)`);
  }
  const scripted = await file.pageAs(lead());
  await mirrorWithoutScripts(plain, scripted);
  await accessible(scripted, 'symbol picker, "ball", without JavaScript');

  // With JavaScript: typing is enough; the number found is announced politely (role status).
  await scripted.goto(`${a}/manage/themes/new`);
  await scripted.getByLabel('Title', { exact: true }).fill('Getting there');
  await submit(scripted, 'Choose a symbol');
  const box = scripted.getByLabel('Search for a symbol');
  await box.fill('');
  await box.pressSequentially('car');
  await scripted.getByRole('status').filter({ hasText: /symbols? found/ }).waitFor();
  assert.equal((await firstLabels(scripted))[0], 'Automobile');
  assert.equal(await scripted.getByRole('group', { name: 'Symbols for “car”' }).count(), 1, 'the results say what they are for');
  await scripted.getByRole('radio', { name: 'Automobile', exact: true }).check();
  await submit(scripted, 'Use this symbol');
  assert.equal(await scripted.getByLabel('What the symbol shows').inputValue(), 'Automobile', 'a result found as you type is used like any other');
  await accessible(scripted, 'theme form after search as you type');
});

test('a lead uploads a photo: hostile files are refused with a clear error, the photo is re-encoded without its GPS', async () => {
  const page = await file.pageAs(lead());
  await page.goto(`${a}/manage/pictures`);
  assert.ok(await page.getByText('up to 5 MB').isVisible(), 'the size limit is said on the page');
  assert.ok(await page.getByText('Do not upload photos that show children').isVisible());
  await accessible(page, 'pictures, empty');

  const hostile: Array<[string, string, Buffer, string]> = [
    ['shell.jpg', 'image/jpeg', Buffer.from('<?php system($_GET["c"]); ?>'), 'must be a JPEG, PNG, WebP or GIF'],
    ['drawing.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'must be a JPEG, PNG, WebP or GIF'],
    ['huge.jpg', 'image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(6 * 1024 * 1024)]), 'smaller than 5 MB'],
    ['bomb.png', 'image/png', await sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer(), 'too big'],
  ];
  for (const [name, type, bytes, message] of hostile) {
    const response = await upload(page, name, type, bytes, 'The minibus');
    assert.equal(response.status(), 422, `${name} is refused, not a 500`);
    assert.deepEqual(await errorSummaryLinks(page), ['#picture']);
    assert.match(await page.locator('.govuk-error-summary').innerText(), new RegExp(message));
    assert.equal(await page.getByLabel('What the picture shows').inputValue(), 'The minibus', 'the words typed are kept');
  }
  await accessible(page, 'pictures, file refused');

  await page.getByLabel('Picture', { exact: true }).setInputFiles({ name: 'IMG_0001.JPG', mimeType: 'image/jpeg', buffer: await minibusPhoto() });
  await page.getByLabel('What the picture shows').fill('');
  assert.equal((await submit(page, 'Add picture')).status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#altText']);
  await accessible(page, 'pictures, words missing');

  assert.equal((await upload(page, 'IMG_0001.JPG', 'image/jpeg', await minibusPhoto(), 'The minibus')).status(), 303);
  const shown = page.getByRole('img', { name: 'The minibus' });
  assert.ok(await shown.isVisible());
  await accessible(page, 'pictures, one picture');

  const src = (await shown.getAttribute('src'))!;
  const served = await page.request.get(src);
  assert.equal(served.status(), 200);
  assert.equal(served.headers()['content-type'], 'image/webp');
  assert.equal(served.headers()['x-content-type-options'], 'nosniff');
  assert.match(served.headers()['cache-control'] ?? '', /immutable/);
  const body = await served.body();
  const meta = await sharp(body).metadata();
  assert.equal(meta.exif, undefined, 'no EXIF: no GPS position, no camera');
  assert.ok(!body.includes(Buffer.from('PhoneMaker')));
  assert.ok(Math.max(meta.width!, meta.height!) <= 1600, 'made smaller');

  // Another area's address for it finds nothing (row-level security by the area in the reference).
  const other = src.replace(/PIC:[0-9A-F-]{36}:/, 'PIC:00000000-0000-4000-8000-000000000000:');
  assert.equal((await page.request.get(other)).status(), 404);
});

test('an area picture is a symbol anywhere: picked for a theme with its words, and it cannot be deleted while used', async () => {
  const page = await file.pageAs(lead());
  assert.equal((await upload(page, 'room.png', 'image/png', await sharp({ create: { width: 300, height: 200, channels: 3, background: '#00703c' } }).png().toBuffer(), 'The quiet room')).status(), 303);
  await page.goto(`${a}/manage/themes/new`);
  await page.getByLabel('Title', { exact: true }).fill('Quiet spaces');
  await submit(page, 'Choose a symbol');
  const yours = page.getByRole('radio', { name: 'Your picture: The quiet room' });
  assert.ok(await yours.isVisible(), "the area's pictures are listed in the picker");
  await yours.check();
  const used = await submit(page, 'Use this symbol');
  assert.equal(used.status(), 200, await page.locator('main').innerText());
  assert.equal(await page.getByLabel('What the symbol shows').inputValue(), 'The quiet room', "the picture's words come with it");
  assert.equal((await submit(page, 'Create theme')).status(), 303);
  assert.ok(await page.getByRole('img', { name: 'The quiet room' }).isVisible(), 'the theme shows the picture');

  await page.goto(`${a}/manage/pictures`);
  await page.getByRole('link', { name: /Change words or delete\W+The quiet room/ }).click();
  assert.ok(await page.getByRole('link', { name: 'The theme "Quiet spaces"' }).isVisible(), 'where it is used');
  assert.equal((await submit(page, 'Delete picture')).status(), 409);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /used in 1 place/);
  await accessible(page, 'picture, in use');
});

test('an area picture answers a survey question: picked in the builder with its words, shown on the question', async () => {
  // After the upload test above: the area has "The minibus".
  const areaId = (await findAreaBySlug(file.e2e.db, DEMO_SLUG))!.id;
  const activity = await createActivity(file.e2e.db, areaId, null, testActivity({ title: 'Trip survey', audience: 'children_young_people', ageBands: ['8_11'], venueKind: 'online', childrenMode: true }));
  const page = await file.pageAs(lead());
  const base = `${a}/activities/${activity.id}/questions`;
  await page.goto(`${base}/new/picture_choice`);
  await page.getByLabel('Question wording').fill('How shall we get there?');
  await page.getByRole('group', { name: 'Option 1', exact: true }).getByLabel('Words', { exact: true }).fill('Minibus');
  await submit(page, 'Choose a symbol (Option 1)');
  await page.getByRole('radio', { name: 'Your picture: The minibus' }).check();
  await submit(page, 'Use this symbol');
  assert.equal(await page.getByRole('group', { name: 'Option 1', exact: true }).getByLabel('Alt text', { exact: true }).inputValue(), 'The minibus');
  await page.getByRole('group', { name: 'Option 2', exact: true }).getByLabel('Words', { exact: true }).fill('Walk');
  await submit(page, 'Choose a symbol (Option 2)');
  await page.getByRole('radio', { name: 'Person walking', exact: true }).check();
  await submit(page, 'Use this symbol');
  assert.equal((await submit(page, 'Save question')).status(), 303);
  const shown = page.getByRole('img', { name: 'The minibus' });
  assert.equal(await shown.count(), 1, 'the question list shows the picture with its words');
  assert.equal((await page.request.get((await shown.getAttribute('src'))!)).status(), 200);
  const [question] = await listQuestions(file.e2e.db, areaId, activity.id);
  assert.match(question!.options[0]!.symbol ?? '', /^PIC:/);
  await accessible(page, 'question list with an area picture');
});

test('an admin sets a logo and a colour white text can be read on (JavaScript off)', async () => {
  const page = await file.pageAs(admin(), { javaScriptEnabled: false });
  await page.goto(`${a}/manage/branding`);
  await page.getByLabel('Colour as a hex code').fill('#ffdd00');
  assert.equal((await submit(page, 'Save colour')).status(), 422);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /darker colour/);
  await accessible(await mirrorWithoutScripts(page, await file.pageAs(admin())), 'branding, colour refused');
  assert.equal(await page.getByLabel('Colour as a hex code').inputValue(), '#ffdd00');
  await page.getByLabel('Colour as a hex code').fill('#4c2c92');
  assert.equal((await submit(page, 'Save colour')).status(), 303);
  await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.php.png', mimeType: 'image/png', buffer: Buffer.from('<?php echo 1; ?>') });
  assert.equal((await submit(page, 'Upload logo')).status(), 422);
  await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await sharp({ create: { width: 400, height: 120, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } }).png().toBuffer() });
  assert.equal((await submit(page, 'Upload logo')).status(), 303);
  assert.ok(await page.getByRole('main').getByRole('img', { name: 'Riverside SEND Partnership logo' }).isVisible(), 'the new logo is shown');
  const scripted = await file.pageAs(admin());
  await scripted.goto(`${a}/manage/branding`);
  await accessible(scripted, 'branding, with a logo');
  const colour = await scripted.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--chorus-brand').trim());
  assert.equal(colour, '#4c2c92');
});

test('a printed letter carries the area, its logo, the date and the public address', async () => {
  // After the branding test above: the area has a logo now.
  const page = await file.pageAs(lead());
  await page.goto(`${a}/manage/letters`);
  await page.getByRole('link', { name: /^Print letters for/ }).first().click();
  const letter = page.locator('article.chorus-letter').first();
  assert.ok(await letter.getByRole('img', { name: 'Riverside SEND Partnership logo' }).isVisible(), 'the logo heads the letter');
  const words = await letter.innerText();
  const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
  assert.ok(words.includes(today), `the letter is dated ${today}`);
  // The address people type is the installation's public one (CHORUS_BASE_URL), here the test server's.
  assert.ok(words.includes(`${file.e2e.baseUrl}/a/${DEMO_SLUG}/my-views`), 'the public address to look it up');
  assert.match(words, /A letter from Riverside SEND Partnership/);
  await accessible(page, 'letters pack, with a logo');
});

test('keyboard only: a lead changes the words of a picture, from the list to saved', async () => {
  // After the upload test above: the area has "The minibus".
  const page = await file.pageAs(lead());
  await page.goto(`${a}/manage/pictures`);
  const focusOn = async (matches: (el: Element) => boolean, what: string) => {
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      // The test is sent to the page as its source: it runs on whatever has the keyboard focus.
      if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  await focusOn((el) => el.tagName === 'A' && /Change/.test(el.textContent ?? '') && /The minibus/.test(el.textContent ?? ''), 'the picture\'s Change link');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await focusOn((el) => el.id === 'altText', 'the words box');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('The red minibus at the front of the hub');
  await focusOn((el) => el.tagName === 'BUTTON' && /Save/.test(el.textContent ?? ''), 'Save');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.goto(`${a}/manage/pictures`);
  assert.ok(await page.getByRole('img', { name: 'The red minibus at the front of the hub' }).isVisible(), 'the new words are the picture\'s text');
});
