/**
 * Ladders of participation (issue 13 §1), through the routes: the shipped ladders as data, an area
 * choosing its ladder and making its own version, the planned level and "who will decide" on the
 * activity form with the planning checklist's warning, staff rating the achieved level (with history),
 * participants' ratings set beside it with disagreements said plainly, and the area view, whose
 * query count does not grow with the number of activities.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { testActivity } from '../../testing/activities.ts';
import { readPage } from '../../testing/dom.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { translator } from '../../lib/messages/messages.ts';
import { createActivity, setActivityStatus } from '../activities/activities.service.ts';
import { createArea, listForumsAndBoards } from '../areas/areas.service.ts';
import { COMMON_LEVEL_KEYS } from './data/common-levels.ts';
import { LADDERS, shippedLadder } from './data/ladders.ts';
import { disagreementText } from './ladders.routes.ts';
import { activityLevelsForArea, disagreement } from './ladders.service.ts';
import { createRatingLink, rateThroughLink } from './ratings.service.ts';

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;
let lead: Client;

const SETTINGS = '/a/riverside/manage/evaluation/ladders';
const LEVELS = '/a/riverside/manage/evaluation/levels';
const levelUrl = (id: string) => `/a/riverside/activities/${id}/evaluation/level`;

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
});
after(async () => {
  await app?.close();
  await t?.drop();
});

async function signedIn(role: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(`only-${role.replace('_', '-')}@riverside.example`);
  return client;
}

function daysAhead(days: number): Record<string, string> {
  const iso = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return { 'date-day': String(Number(d)), 'date-month': String(Number(m)), 'date-year': y! };
}

/** An online workshop, `days` ahead, with everything else a lead would type. */
function workshopForm(days: number, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Choose the new club name',
    purpose: 'Young people choose the name and the first three activities of the new club.',
    type: 'workshop',
    level: 'strategic',
    stage: 'design',
    organisationId: '',
    audience: 'children_young_people',
    childrenMode: 'auto',
    ...daysAhead(days),
    startTime: '16:30',
    endTime: '18:00',
    venueKind: 'online',
    joiningInstructions: 'A link is sent the day before.',
    adjustmentsOffered: ['symbols'],
    groundRules: ['respect'],
    contactName: 'Jess Patel',
    contactEmail: 'jess@riverside.example',
    ...overrides,
  };
}

async function createThroughForm(form: Record<string, string | string[]>): Promise<string> {
  await lead.get('/a/riverside/activities/new');
  const response = await lead.post('/a/riverside/activities/new', form);
  assert.equal(response.statusCode, 303, response.statusCode === 303 ? '' : readPage(response.body).errorSummary().join('; '));
  return /activities\/([0-9a-f-]{36})$/.exec(String(response.headers.location))![1]!;
}

async function storedCheck(activityId: string) {
  return t.owner.selectFrom('planning_check').select(['result', 'detail']).where('activity_id', '=', activityId).where('check_key', '=', 'co_production').executeTakeFirst();
}

// ── The demo ────────────────────────────────────────────────────────────────────────────────────

test('the demo: every activity is planned, every one that has opened is rated with reasons, and staff and young people disagree about one', async () => {
  const levels = await activityLevelsForArea(t.db, fx.riverside.id);
  const activities = await t.owner.selectFrom('activity').select(['id', 'title', 'status']).where('area_id', '=', fx.riverside.id).where('title', '!=', 'Riverside fixture survey').execute();
  assert.ok(activities.length >= 4);
  for (const a of activities) {
    const row = levels.rows.find((r) => r.activityId === a.id)!;
    assert.ok(row.planned, `${a.title} is planned`);
    if (a.status !== 'draft') assert.ok(row.achieved, `${a.title} is rated`);
  }
  const justifications = await t.owner.selectFrom('activity_level_rating').select('justification').where('area_id', '=', fx.riverside.id).execute();
  assert.ok(justifications.every((j) => j.justification.length > 20));
  const club = levels.rows.find((r) => r.title === 'Help us plan the new Saturday club')!;
  assert.equal(club.achieved, 'co_design');
  assert.deepEqual(club.disagreement, { staff: 'co_design', participants: 'consult', higher: 'staff' });
  // The hurried meeting: planned as co-design with three days' notice and nobody to decide, so the checklist warns.
  const meeting = activities.find((a) => a.title.startsWith('EHCP annual reviews'))!;
  assert.equal((await storedCheck(meeting.id))?.result, 'warning');
});

// ── The ladders as data ─────────────────────────────────────────────────────────────────────────

describe('the shipped ladders', () => {
  test('Hart (8, zones), TLAP (7, coercion alone not legitimate), NNPCF (4) and Sunderland (5, mapped onto NNPCF), with explicit order', () => {
    assert.deepEqual(LADDERS.map((l) => [l.key, l.rungs.length]), [['hart', 8], ['tlap', 7], ['nnpcf', 4], ['sunderland_pcf', 5]]);
    for (const ladder of LADDERS) {
      assert.deepEqual(ladder.rungs.map((r) => r.order).sort((a, b) => a - b), ladder.rungs.map((_, i) => i + 1), `${ladder.key}: orders 1..n, each once`);
      for (const rung of ladder.rungs) {
        assert.ok(rung.id.startsWith(`${ladder.key}.`), rung.id);
        assert.match(rung.source.url, /^https?:\/\//, rung.id);
        assert.ok(COMMON_LEVEL_KEYS.includes(rung.commonLevel), rung.id);
      }
    }
    const hart = shippedLadder('hart');
    assert.deepEqual(hart.rungs.filter((r) => r.zone === 'non_participation').map((r) => r.order), [1, 2, 3]);
    assert.deepEqual(hart.rungs.filter((r) => r.zone === 'participation').map((r) => r.order), [4, 5, 6, 7, 8]);
    // FRAMEWORKS.md: rungs 5 and 6 [U], rung 4 [P], the rest [V].
    assert.deepEqual(hart.rungs.map((r) => r.status), ['verified', 'verified', 'verified', 'partly', 'unverified', 'unverified', 'verified', 'verified']);
    assert.equal(hart.rungs.find((r) => r.order === 6)!.commonLevel, 'co_design', 'Hart 6 counted as co-design (said on the pages)');
    assert.deepEqual(shippedLadder('tlap').rungs.filter((r) => r.legitimate === false).map((r) => r.id), ['tlap.coercion']);
    assert.match(shippedLadder('tlap').credit ?? '', /TLAP.*NCAG/);
    const nnpcf = new Set(shippedLadder('nnpcf').rungs.map((r) => r.id));
    const sunderland = shippedLadder('sunderland_pcf');
    assert.equal(sunderland.variantOf, 'nnpcf');
    assert.ok(sunderland.rungs.filter((r) => r.mapsTo).every((r) => nnpcf.has(r.mapsTo!)));
    assert.equal(sunderland.rungs.filter((r) => r.mapsTo).length, 4);
  });

  test('a disagreement is said in plain words, naming who took part', () => {
    const en = translator('en');
    const d = disagreement('co_design', 'consult')!;
    assert.equal(d.higher, 'staff');
    assert.equal(disagreementText(en, d, 'children_young_people'), 'Staff said co-design; young people said they were asked.');
    assert.equal(disagreementText(en, disagreement('consult', 'co_produce')!, 'parent_carers'), 'Staff said consult; parent carers said they led it.');
    assert.equal(disagreement('consult', 'consult'), null);
    assert.equal(disagreement('consult', null), null);
  });
});

// ── The area's ladder ───────────────────────────────────────────────────────────────────────────

describe("choosing the area's ladder", () => {
  test("an area that has not chosen uses Hart's; the page shows every ladder, the sources, unchecked rungs and that the cross-walk is Chorus' own", async () => {
    const page = readPage((await lead.get(SETTINGS)).body);
    assert.match(page.text(), /Your area uses: Hart's ladder of children's participation/);
    const chosen = page.document.querySelector<HTMLInputElement>('input[name="ladder"]:checked');
    assert.equal(chosen?.value, 'hart');
    assert.match(page.text(), /Chorus' own mapping/);
    assert.match(page.text(), /not a published mapping/);
    assert.match(page.text(), /Hart's rung 6 .* Chorus counts it as co-design/);
    const hart = page.getByRole('list', { name: "The rungs of Hart's ladder of children's participation, from the top" });
    const rungs = [...hart.querySelectorAll('li')].map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());
    assert.equal(rungs.length, 8);
    assert.match(rungs[0]!, /^Rung 8: Child-initiated, shared decisions with adults .* Co-produce\. Participation \(rungs 4 to 8\)\. Checked against the source$/);
    assert.match(rungs[3]!, /^Rung 5: Consulted and informed .*Not yet checked against the source$/);
    assert.match(rungs[4]!, /^Rung 4: .*Partly checked$/);
    assert.match(rungs[7]!, /^Rung 1: Manipulation .*Not participation \(rungs 1 to 3\)/);
    // Sunderland's forum ladder says which of the forums' stages each rung matches.
    const sunderland = page.getByRole('list', { name: /The rungs of Sunderland Parent Carer Forum/ });
    assert.match((sunderland.textContent ?? '').replace(/\s+/g, ' '), /Consultation Parent carers are given options; professionals decide\. .*The parent carer forums' stage it matches: Consultation\./);
    // TLAP is credited with a link, as its reuse terms ask.
    assert.match(page.text(), /developed by Think Local Act Personal \(TLAP\) and its National Co-production Advisory Group \(NCAG\)/);
    assert.ok(page.links().some((l) => l.href === 'https://www.thinklocalactpersonal.org.uk/'));
  });

  test('the lead chooses TLAP (audited); nothing chosen, or a made-up ladder, is an error on the same page', async () => {
    const empty = await lead.post(SETTINGS, {});
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(readPage(empty.body).errorLinks(), ['#ladder Select the ladder your area uses']);
    assert.equal((await lead.post(SETTINGS, { ladder: 'arnstein' })).statusCode, 422);
    const chosen = await lead.post(SETTINGS, { ladder: 'tlap' });
    assert.equal(chosen.statusCode, 303);
    const page = readPage((await lead.get(SETTINGS)).body);
    assert.match(page.text(), /Your area uses: The ladder of co-production \(TLAP\)/);
    const audit = await t.owner.selectFrom('audit_event').select('detail').where('action', '=', 'evaluation.ladder_chosen').where('area_id', '=', fx.riverside.id).execute();
    assert.ok(audit.length >= 1);
    // Back to Hart for the other tests.
    await lead.get(SETTINGS);
    assert.equal((await lead.post(SETTINGS, { ladder: 'hart' })).statusCode, 303);
  });

  test('only area admins and leads may change it; practitioners and decision makers may not', async () => {
    for (const role of ['practitioner', 'decision_maker', 'young_person']) {
      const client = await signedIn(role);
      assert.equal((await client.get(SETTINGS)).statusCode, 403, role);
    }
    assert.equal((await (await signedIn('area_admin')).get(SETTINGS)).statusCode, 200);
  });

  test("the area's own version: copy, then change its wording with errors kept, then use it on the activity form", async () => {
    await lead.get(SETTINGS);
    const none = await lead.post(`${SETTINGS}/copy`, { name: 'Ours' });
    assert.equal(none.statusCode, 422);
    assert.deepEqual(readPage(none.body).errorLinks(), ['#basedOn Select the ladder you want to copy']);
    assert.equal(readPage(none.body).valueOf('Name of your version (optional)'), 'Ours', 'what was typed is kept');

    const copied = await lead.post(`${SETTINGS}/copy`, { basedOn: 'hart', name: "Riverside's ladder" });
    assert.equal(copied.statusCode, 303);
    const url = String(copied.headers.location);
    let page = readPage((await lead.get(url)).body);
    assert.equal(page.valueOf('Name of your ladder'), "Riverside's ladder");
    // Rung 5's wording is unchecked: said beside it, and editable.
    assert.match(page.text(), /Rung 5: Consulted and informed Not yet checked against the source/);

    const form: Record<string, string> = { version: page.hiddenValue('version')!, name: '' };
    LADDERS[0]!.rungs.forEach((r, i) => Object.assign(form, { [`rung-${i}-order`]: String(r.order), [`rung-${i}-name`]: r.name, [`rung-${i}-meaning`]: r.meaning, [`rung-${i}-level`]: r.commonLevel }));
    const bad = await lead.post(url, { ...form, 'rung-1-order': '1', 'rung-4-name': 'We asked you', 'rung-4-meaning': 'x'.repeat(601) });
    assert.equal(bad.statusCode, 422);
    page = readPage(bad.body);
    assert.deepEqual(page.errorLinks(), [
      '#name Enter a name for your ladder',
      '#rung-1-order Rung 2 has the same order (1) as another rung: give each rung its own number',
      '#rung-4-meaning Meaning of rung 5 must be 600 characters or fewer',
    ]);
    assert.equal(page.valueOf('Name of your ladder'), '', 'the empty ladder name stays empty');
    assert.equal((page.document.querySelector('#rung-4-name') as HTMLInputElement).value, 'We asked you', 'typed words are kept');

    // Swap rungs 1 and 2, reword rung 5 and count it as consult: saved, marked as the area's own.
    const good = await lead.post(url, { ...form, name: "Riverside's ladder", 'rung-0-order': '2', 'rung-1-order': '1', 'rung-4-name': 'We asked you', 'rung-4-meaning': 'We asked and listened.' });
    assert.equal(good.statusCode, 303);
    page = readPage((await lead.get(url)).body);
    assert.match(page.text(), /Rung 5: We asked you Changed by your area/);
    assert.match(page.text(), /Rung 1: Decoration/, 'shown in the new order');

    // Someone else saved meanwhile: told, and nothing typed is lost.
    const stale = await lead.post(url, { ...form, name: 'Stale name' });
    assert.equal(stale.statusCode, 409);
    assert.match(readPage(stale.body).text(), /Someone else changed this ladder/);
    assert.equal(readPage(stale.body).valueOf('Name of your ladder'), 'Stale name');

    // Chosen, the activity form offers its wording.
    await lead.get(SETTINGS);
    const variantId = url.split('/').pop()!;
    assert.equal((await lead.post(SETTINGS, { ladder: variantId })).statusCode, 303);
    const activityForm = readPage((await lead.get('/a/riverside/activities/new')).body);
    assert.ok(activityForm.getByLabelText('We asked you (Consult)'));
    assert.match(activityForm.text(), /Chorus' own mapping, not a published one/);
    await lead.get(SETTINGS);
    assert.equal((await lead.post(SETTINGS, { ladder: 'hart' })).statusCode, 303);
  });

  test("another area's version is not found", async () => {
    const nv = await withArea(t.db, fx.northVale.id, (tx) =>
      tx.insertInto('ladder_variant').values({ area_id: fx.northVale.id, based_on: 'tlap', name: 'North Vale Secret Ladder' }).returning('id').executeTakeFirstOrThrow());
    assert.equal((await lead.get(`${SETTINGS}/${nv.id}`)).statusCode, 404);
    await lead.get(SETTINGS);
    assert.equal((await lead.post(SETTINGS, { ladder: nv.id })).statusCode, 422);
    assert.equal((await lead.get(`${SETTINGS}/not-an-id`)).statusCode, 404);
  });
});

// ── Planning ────────────────────────────────────────────────────────────────────────────────────

describe('the planned level on the activity form', () => {
  test('planned as co-design with short notice and nobody to decide: the checklist warns of both; a board named, of the notice only', async () => {
    const id = await createThroughForm(workshopForm(3, { plannedRung: 'hart.adult_initiated_shared', decidedBy: '' }));
    const row = await t.owner.selectFrom('activity').select(['planned_rung', 'planned_rung_name', 'planned_level']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { planned_rung: 'hart.adult_initiated_shared', planned_rung_name: 'Adult-initiated, shared decisions with children', planned_level: 'co_design' });
    let check = await storedCheck(id);
    assert.equal(check?.result, 'warning');
    assert.match(check!.detail, /only \d days' notice .*nobody is named who will decide/);
    const checklist = readPage((await lead.get(`/a/riverside/activities/${id}`)).body).section('Planning checklist');
    assert.match(checklist, /Ready for co-production/);

    const board = (await listForumsAndBoards(t.db, fx.riverside.id)).boards[0]!;
    const edit = readPage((await lead.get(`/a/riverside/activities/${id}/edit`)).body);
    assert.ok(edit.isChecked('Adult-initiated, shared decisions with children (Co-design)'), 'the planned level is kept on the edit form');
    const saved = await lead.post(`/a/riverside/activities/${id}/edit`, workshopForm(3, { version: edit.hiddenValue('version')!, plannedRung: 'hart.adult_initiated_shared', decidedBy: board.id }));
    assert.equal(saved.statusCode, 303);
    check = await storedCheck(id);
    assert.equal(check?.result, 'warning');
    assert.doesNotMatch(check!.detail, /nobody is named/);
  });

  test('planned as co-production with enough notice and a named role: ready; planned as consult: not applicable', async () => {
    const ready = await createThroughForm(workshopForm(40, { title: 'Co-produce the short breaks offer', plannedRung: 'hart.child_initiated_shared', decidedBy: 'role', decidedByRole: 'Head of SEND' }));
    assert.equal((await storedCheck(ready))?.result, 'ok');
    assert.equal((await t.owner.selectFrom('activity').select('decided_by_role').where('id', '=', ready).executeTakeFirstOrThrow()).decided_by_role, 'Head of SEND');
    const consult = await createThroughForm(workshopForm(3, { title: 'Tell us about transport', plannedRung: 'hart.consulted_informed' }));
    assert.equal((await storedCheck(consult))?.result, 'not_applicable');
  });

  test('after the area changes its ladder, an activity planned on the old one keeps its level when its form is saved', async () => {
    const id = await createThroughForm(workshopForm(40, { title: 'Planned on Hart', plannedRung: 'hart.consulted_informed' }));
    await lead.get(SETTINGS);
    assert.equal((await lead.post(SETTINGS, { ladder: 'tlap' })).statusCode, 303);
    try {
      const edit = readPage((await lead.get(`/a/riverside/activities/${id}/edit`)).body);
      assert.ok(edit.isChecked('Consulted and informed (Consult)'), 'the earlier rung is offered, and chosen');
      assert.ok(edit.getByLabelText('Consultation (Consult)'), "and TLAP's steps are offered");
      const values: Record<string, string | string[]> = workshopForm(40, { title: 'Planned on Hart', version: edit.hiddenValue('version')!, plannedRung: 'hart.consulted_informed' });
      assert.equal((await lead.post(`/a/riverside/activities/${id}/edit`, values)).statusCode, 303);
      const row = await t.owner.selectFrom('activity').select(['planned_rung', 'planned_level']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { planned_rung: 'hart.consulted_informed', planned_level: 'consult' });
    } finally {
      await lead.get(SETTINGS);
      await lead.post(SETTINGS, { ladder: 'hart' });
    }
  });

  test('a rung not on the ladder, an unknown board or a role left empty is an error, with what was typed kept', async () => {
    await lead.get('/a/riverside/activities/new');
    const response = await lead.post('/a/riverside/activities/new', workshopForm(40, { plannedRung: 'tlap.co_design', decidedBy: 'role', decidedByRole: '' }));
    assert.equal(response.statusCode, 422);
    const page = readPage(response.body);
    assert.deepEqual(page.errorLinks().filter((l) => /plannedRung|decidedBy/.test(l)), ['#plannedRung Select a level from the list', '#decidedByRole Enter the role of the person who will decide']);
    assert.equal(page.valueOf('Title'), 'Choose the new club name');
    const board = await lead.post('/a/riverside/activities/new', workshopForm(40, { decidedBy: '00000000-0000-4000-8000-000000000000' }));
    assert.deepEqual(readPage(board.body).errorLinks().filter((l) => /decidedBy/.test(l)), ['#decidedBy Select who will decide from the list']);
  });
});

// ── The achieved level ──────────────────────────────────────────────────────────────────────────

describe("an activity's level", () => {
  test('staff rate the achieved level with reasons; every rating is kept with who and when; the newest is the achieved level', async () => {
    const id = await createThroughForm(workshopForm(40, { title: 'Rated twice', plannedRung: 'hart.adult_initiated_shared', decidedBy: 'role', decidedByRole: 'Head of SEND' }));
    let page = readPage((await lead.get(levelUrl(id))).body);
    assert.match(page.text(), /Planned Adult-initiated, shared decisions with children \(Co-design\)/);
    assert.match(page.text(), /Achieved \(staff's rating\) Not rated yet/);
    assert.match(page.text(), /Chorus' own mapping/);
    assert.match(page.text(), /This activity is a draft/, 'drafts cannot be rated yet');
    await lead.get(levelUrl(id));
    assert.equal((await lead.post(levelUrl(id), { rung: 'hart.consulted_informed', justification: 'Asked.' })).statusCode, 422);

    await setActivityStatus(t.db, fx.riverside.id, null, id, 'open');
    page = readPage((await lead.get(levelUrl(id))).body);
    assert.match(page.text(), /has not ended yet/);
    const missing = await lead.post(levelUrl(id), { rung: 'hart.consulted_informed', justification: '  ' });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(readPage(missing.body).errorLinks(), ['#justification Enter why you chose this level']);
    assert.ok(readPage(missing.body).isChecked('Consulted and informed (Consult)'), 'the chosen rung is kept');
    const tooLong = await lead.post(levelUrl(id), { rung: 'hart.consulted_informed', justification: 'x'.repeat(1001) });
    assert.deepEqual(readPage(tooLong.body).errorLinks(), ['#justification Why you chose this level must be 1,000 characters or fewer']);
    const forged = await lead.post(levelUrl(id), { rung: 'tlap.co_production', justification: 'Forged.' });
    assert.equal(forged.statusCode, 422);

    assert.equal((await lead.post(levelUrl(id), { rung: 'hart.consulted_informed', justification: 'We asked, but adults chose the options.' })).statusCode, 303);
    await lead.get(levelUrl(id));
    assert.equal((await lead.post(levelUrl(id), { rung: 'hart.adult_initiated_shared', justification: 'Young people chose the name in the second session.' })).statusCode, 303);
    page = readPage((await lead.get(levelUrl(id))).body);
    assert.match(page.text(), /Achieved \(staff's rating\) Adult-initiated, shared decisions with children \(Co-design\) Why: Young people chose the name/);
    const history = page.tableRows('Every rating of this activity');
    assert.equal(history.length, 2);
    assert.match(history[0]!.join(' '), /Only participation_lead.*Co-design.*chose the name/);
    assert.match(history[1]!.join(' '), /Consult.*adults chose the options/);
    const audits = await t.owner.selectFrom('audit_event').select('subject_id').where('action', '=', 'evaluation.level_rated').where('subject_id', '=', id).execute();
    assert.equal(audits.length, 2);
  });

  test('who may rate: leads any activity, practitioners their own organisation only; decision makers see but do not rate', async () => {
    const id = fx.riverside.activityId; // an open workshop of the NHS trust
    const decisionMaker = await signedIn('decision_maker');
    const page = readPage((await decisionMaker.get(levelUrl(id))).body);
    assert.equal(page.heading(), 'Riverside fixture survey How much say did people have?');
    assert.equal(page.queryByRole('button', { name: 'Save the level it achieved' }), null);
    assert.equal((await decisionMaker.post(levelUrl(id), { rung: 'hart.tokenism', justification: 'x' })).statusCode, 403);
    // The practitioner belongs to no organisation: the route lets practitioners in, the activity's organisation does not.
    const practitioner = await signedIn('practitioner');
    await practitioner.get(levelUrl(id));
    assert.equal((await practitioner.post(levelUrl(id), { rung: 'hart.tokenism', justification: 'x' })).statusCode, 403);
    for (const role of ['young_person', 'parent_carer', 'safeguarding_lead']) {
      assert.equal((await (await signedIn(role)).get(levelUrl(id))).statusCode, 403, role);
    }
    assert.equal((await lead.get(levelUrl(fx.northVale.activityId))).statusCode, 404, "another area's activity");
  });

  test('where staff and young people disagree, the page says so first, in plain words', async () => {
    const activity = await createActivity(t.db, fx.riverside.id, null, testActivity({ title: 'Disagreed', audience: 'children_young_people', childrenMode: true }));
    await setActivityStatus(t.db, fx.riverside.id, null, activity.id, 'open');
    await lead.get(levelUrl(activity.id));
    assert.equal((await lead.post(levelUrl(activity.id), { rung: 'hart.adult_initiated_shared', justification: 'They chose the questions.' })).statusCode, 303);
    // Eight young people say "Grown-ups asked us" (consult): enough to show.
    const link = await createRatingLink(t.db, fx.riverside.id, null, activity.id, 'children');
    for (let i = 0; i < 8; i++) await rateThroughLink(t.db, fx.riverside.id, link.code, 'asked_us', null, translator('en'));
    const page = readPage((await lead.get(levelUrl(activity.id))).body);
    const region = page.getByRole('region', { name: 'Staff and the people who took part disagree' });
    assert.match(region.textContent ?? '', /Staff said co-design; young people said they were asked\./);
    assert.match(page.text(), /What the people who took part said Consult 8 people rated it/);
    const area = readPage((await lead.get(LEVELS)).body);
    assert.match(area.section('Where staff and participants disagree'), /Disagreed Staff said co-design; young people said they were asked\./);
  });
});

// ── The area's view ─────────────────────────────────────────────────────────────────────────────

describe('the area view of levels', () => {
  test('every activity with planned, achieved and participants level; counts per level in a chart and a table; disagreements first', async () => {
    const response = await lead.get(LEVELS);
    assert.equal(response.statusCode, 200);
    const page = readPage(response.body);
    assert.match(page.text(), /Chorus' own mapping/);
    const levels = await activityLevelsForArea(t.db, fx.riverside.id);
    const rows = page.tableRows("Every activity's planned, achieved and participants' level");
    assert.equal(rows.length, levels.rows.length);
    assert.match(rows[0]!.join(' '), /Staff and participants disagree/, 'a disagreement is first');
    const counts = page.tableRows('Number of activities at each common level');
    assert.equal(counts.length, 6);
    const coDesign = counts.find((r) => r[0] === 'Co-design')!;
    assert.deepEqual(coDesign.slice(1).map(Number), [levels.counts.find((c) => c.level === 'co_design')!.planned, levels.counts.find((c) => c.level === 'co_design')!.achieved, levels.counts.find((c) => c.level === 'co_design')!.participants]);
    assert.ok(page.getByRole('img', { name: /Bar chart: how many activities/ }));
  });

  test('decision makers and practitioners see it; participants do not', async () => {
    assert.equal((await (await signedIn('decision_maker')).get(LEVELS)).statusCode, 200);
    assert.equal((await (await signedIn('practitioner')).get(LEVELS)).statusCode, 200);
    assert.equal((await (await signedIn('young_person')).get(LEVELS)).statusCode, 403);
  });

  test('the same number of queries for 10 activities as for 1,000 (area view and one activity page)', async (ctx) => {
    const areas: string[] = [];
    for (const [slug, n] of [['levels-small', 10], ['levels-large', 1000]] as const) {
      const area = await createArea(t.db, { slug, name: slug, contactEmail: `${slug}@example.com` });
      areas.push(area.id);
      await withArea(t.db, area.id, async (tx) => {
        const ids = await tx
          .insertInto('activity')
          .values(Array.from({ length: n }, (_, i) => ({
            area_id: area.id, title: `Activity ${i}`, purpose: 'p', type: 'survey', level: 'strategic', stage: 'review', services: [], audience: 'both',
            age_bands: [], venue_access: [], adjustments_offered: [], ground_rules: [], contact_name: 'c', contact_email: 'c@example.com', status: 'open',
            planned_level: i % 2 ? 'co_design' : 'consult', planned_rung_name: 'x',
          })))
          .returning('id')
          .execute();
        await tx.insertInto('activity_level_rating').values(ids.map((a, i) => ({ area_id: area.id, activity_id: a.id, rung_ref: 'hart.tokenism', rung_name: 'Tokenism', ladder_name: 'Hart', common_level: i % 3 ? 'consult' : 'none', justification: 'j' }))).execute();
        await tx.insertInto('area_membership').values({ area_id: area.id, account_id: fx.riverside.memberIds.participation_lead, role: 'participation_lead', organisation_id: null }).execute();
      });
    }
    const counter = countingDb(t.db);
    const countingApp = await testApp(counter.db);
    try {
      const client = new Client(countingApp);
      await client.signIn('only-participation-lead@riverside.example');
      const queries: Record<string, number[]> = { area: [], activity: [] };
      for (const [i, slug] of ['levels-small', 'levels-large'].entries()) {
        const activityId = (await withArea(t.db, areas[i]!, (tx) => tx.selectFrom('activity').select('id').limit(1).executeTakeFirstOrThrow())).id;
        await client.get(`/a/${slug}/manage/evaluation/levels`);
        counter.reset();
        const page = await client.get(`/a/${slug}/manage/evaluation/levels`);
        assert.equal(page.statusCode, 200);
        queries.area!.push(counter.count());
        await client.get(`/a/${slug}/activities/${activityId}/evaluation/level`);
        counter.reset();
        assert.equal((await client.get(`/a/${slug}/activities/${activityId}/evaluation/level`)).statusCode, 200);
        queries.activity!.push(counter.count());
      }
      const large = readPage((await client.get('/a/levels-large/manage/evaluation/levels')).body);
      assert.equal(large.tableRows("Every activity's planned, achieved and participants' level").length, 1000);
      assert.equal(queries.area![0], queries.area![1], `area view: ${queries.area!.join(' vs ')}`);
      assert.equal(queries.activity![0], queries.activity![1], `activity page: ${queries.activity!.join(' vs ')}`);
      ctx.diagnostic(`queries per request: area view ${queries.area!.join(' and ')}, activity page ${queries.activity!.join(' and ')}`);
    } finally {
      await countingApp.close();
    }
  });
});
