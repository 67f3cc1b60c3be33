/**
 * Activities as staff and families meet them: creating and editing (errors keep what was typed, a
 * second editor is told someone else changed it), who may change what, the planning checklist and
 * opening, the public page, signing up exactly once, the calendar file, the lists of sign-ups and
 * adjustment requests (audited), "Have your say" on the area home, and other areas' ids.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { createArea, findAreaBySlug, listOrganisations } from '../areas/areas.service.ts';
import { readPage, within } from '../../testing/dom.ts';
import { Client, DEMO_PASSWORD, seededApp, type TestDb } from '../../testing/harness.ts';
import { createActivity, setActivityStatus, type ActivityInput } from './activities.service.ts';
import { londonToUtc } from './london-time.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let lead: Client;
let practitioner: Client;
let riversideId: string;
let organisations: Map<string, string>;
let otherArea: { id: string; activityId: string };

before(async () => {
  ({ t, app, close } = await seededApp({ config: { baseUrl: 'http://chorus.test' } }));
  riversideId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  organisations = new Map((await listOrganisations(t.db, riversideId)).map((o) => [o.name, o.id]));
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  practitioner = new Client(app);
  await practitioner.signIn('practitioner@riverside.example');
  const nv = await createArea(t.db, { slug: 'north-vale', name: 'North Vale SEND Partnership', contactEmail: 'hello@northvale.example' });
  const nvActivity = await createActivity(t.db, nv.id, null, input({ title: 'North Vale Secret Workshop' }));
  await setActivityStatus(t.db, nv.id, null, nvActivity.id, 'open');
  otherArea = { id: nv.id, activityId: nvActivity.id };
});
after(() => close());

/** A London calendar day this many days from now, as the three date boxes. */
function daysAhead(days: number): { 'date-day': string; 'date-month': string; 'date-year': string; iso: string } {
  const d = new Date(Date.now() + days * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  const [y, m, day] = iso.split('-');
  return { 'date-day': String(Number(day)), 'date-month': String(Number(m)), 'date-year': y!, iso };
}

/** What a lead types for a well-planned children's workshop two months away. */
function workshopForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const { iso: _iso, ...date } = daysAhead(60);
  return {
    title: 'Design the new Saturday club',
    purpose: 'We want children and young people to choose what happens at the new Saturday club.',
    easyReadPurpose: 'Help us choose what we do at the new club.',
    type: 'workshop',
    level: 'strategic',
    stage: 'design',
    services: 'Short breaks\nRiverside Hub',
    organisationId: '',
    audience: 'children_young_people',
    ageBands: ['8_11', '12_15'],
    childrenMode: 'auto',
    ...date,
    startTime: '4:30pm',
    endTime: '18:00',
    venueKind: 'in_person',
    venueName: 'Riverside Hub',
    venueAddress: '1 Mill Lane\nRiverside\nRV1 2AB',
    joiningInstructions: 'Use the side door; Jess will meet you.',
    venueAccess: ['step_free', 'quiet_room'],
    questionsShared: 'yes',
    adjustmentsOffered: ['symbols', 'interpreter'],
    interpreterLanguages: 'Polish',
    groundRules: ['respect', 'ok_to_leave'],
    contactName: 'Jess Patel',
    contactEmail: 'jess@riverside.example',
    contactPhone: '01632 960 001',
    ...overrides,
  };
}

/** The same, as a service input (for setting things up without the form). */
function input(overrides: Partial<ActivityInput> = {}): ActivityInput {
  const day = daysAhead(45).iso;
  return {
    organisationId: null,
    title: 'Parent carers evening',
    purpose: 'Tell us about short breaks.',
    easyReadPurpose: '',
    type: 'meeting',
    level: 'strategic',
    stage: 'review',
    services: [],
    audience: 'parent_carers',
    ageBands: [],
    startsAt: londonToUtc(day, '18:30'),
    endsAt: londonToUtc(day, '20:00'),
    venueKind: 'online',
    venueName: '',
    venueAddress: '',
    joiningInstructions: 'We will email you a Teams link the day before.',
    venueAccessRecorded: false,
    venueAccess: [],
    questionsShared: false,
    adjustmentsOffered: ['bsl_interpreter'],
    interpreterLanguages: '',
    groundRules: ['confidentiality'],
    contactName: 'Jess Patel',
    contactEmail: 'jess@riverside.example',
    contactPhone: '',
    childrenMode: false,
    ...overrides,
  };
}

async function createThroughForm(client: Client, form: Record<string, string | string[]>): Promise<string> {
  await client.get('/a/riverside/activities/new');
  const response = await client.post('/a/riverside/activities/new', form);
  assert.equal(response.statusCode, 303, `create: ${response.statusCode} ${response.statusCode === 303 ? '' : readPage(response.body).errorSummary().join('; ')}`);
  const id = /\/a\/riverside\/activities\/([0-9a-f-]{36})$/.exec(String(response.headers.location))?.[1];
  assert.ok(id, `redirects to the new activity (${response.headers.location})`);
  return id;
}

async function openActivity(client: Client, id: string): Promise<void> {
  await client.get(`/a/riverside/activities/${id}/open`);
  assert.equal((await client.post(`/a/riverside/activities/${id}/open`)).statusCode, 303);
}

/** The form's version: what the edit form sends back unseen so that a second editor can be told. */
const versionIn = (html: string) => readPage(html).hiddenValue('version')!;

describe('creating an activity', () => {
  test('an empty form: every problem in page order, linked to its field', async () => {
    await lead.get('/a/riverside/activities/new');
    const response = await lead.post('/a/riverside/activities/new', {});
    assert.equal(response.statusCode, 422);
    const page = readPage(response.body);
    assert.match(page.document.title, /^Error: Create an activity/);
    assert.deepEqual(page.errorLinks(), [
      '#title Enter a title',
      '#purpose Enter what the activity is for',
      '#type Select the type of activity',
      '#level Select the level',
      '#stage Select the stage',
      '#audience Select who it is for',
      '#venueKind Select where it happens',
      "#contactName Enter the contact's name",
      '#contactEmail Enter an email address or a phone number for the contact',
    ]);
  });

  test('a timed activity needs a real date and an end after the start; typed values come back', async () => {
    await lead.get('/a/riverside/activities/new');
    const response = await lead.post('/a/riverside/activities/new', workshopForm({
      'date-day': '31', 'date-month': '2', 'date-year': '2027', startTime: '5pm', endTime: '4pm', interpreterLanguages: '', venueAccess: ['step_free', 'none'],
    }));
    assert.equal(response.statusCode, 422);
    const page = readPage(response.body);
    assert.deepEqual(page.errorLinks(), [
      '#date-day Date must be a real date, like 27 3 2026',
      '#endTime End time must be after the start time',
      '#venueAccess Select what the venue has, or select "None of these"',
      '#interpreterLanguages Enter the languages you can offer an interpreter for',
    ]);
    assert.equal(page.valueOf('Title'), 'Design the new Saturday club');
    assert.equal(page.valueOf('Day'), '31');
    assert.equal(page.valueOf('Start time'), '5pm');
    assert.ok(page.isChecked('12 to 15'), 'age band still ticked');
    assert.ok(page.isChecked('Quiet room') === false && page.isChecked('Step-free access'));
    assert.ok(page.isChecked('Workshop'));
    assert.equal(page.valueOf(/^Services it is about/), 'Short breaks\nRiverside Hub');

    const missing = await lead.post('/a/riverside/activities/new', workshopForm({ 'date-day': '', 'date-month': '', 'date-year': '', startTime: '', endTime: 'teatime' }));
    assert.deepEqual(readPage(missing.body).errorLinks(), ['#date-day Enter the date', '#startTime Enter a start time', '#endTime Enter an end time like 12pm or 17:30']);
  });

  test('a lead creates it for the partnership; the times are stored as UTC instants of London times', async () => {
    const id = await createThroughForm(lead, workshopForm());
    const response = await lead.get(`/a/riverside/activities/${id}`);
    assert.equal(response.statusCode, 200);
    const page = readPage(response.body);
    assert.equal(page.heading(), 'Design the new Saturday club');
    assert.match(page.flash() ?? '', /has been saved as a draft/);
    const details = page.section('Details');
    assert.match(details, /4:30pm to 6pm/);
    assert.match(details, /Children and young people aged 8 to 11 or 12 to 15/);
    assert.match(details, /The partnership/);
    const row = await t.owner.selectFrom('activity').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    assert.equal(london.format(row.starts_at), '16:30');
    assert.equal(london.format(row.ends_at), '18:00');
    assert.equal(row.status, 'draft');
    assert.equal(row.organisation_id, null);
    assert.deepEqual(row.services, ['Short breaks', 'Riverside Hub']);
    assert.equal(row.venue_access_recorded, true);
    assert.equal(row.interpreter_languages, 'Polish');
    assert.equal(row.children_mode, false, "children's mode is for surveys only");
  });

  test('the planning checks are stored when it is created, and shown as a checklist', async () => {
    await clearDemoTermDates();
    const id = await createThroughForm(lead, workshopForm({ title: 'Checklist workshop', questionsShared: [], groundRules: [] }));
    const stored = await t.owner.selectFrom('planning_check').select(['check_key', 'result', 'detail']).where('activity_id', '=', id).execute();
    const byKey = new Map(stored.map((c) => [c.check_key, c]));
    assert.equal(stored.length, 10);
    assert.equal(byKey.get('questions_shared')?.result, 'warning');
    assert.equal(byKey.get('ground_rules')?.result, 'warning');
    assert.equal(byKey.get('notice')?.result, 'ok');
    assert.match(byKey.get('notice')?.detail ?? '', /days' notice/);
    assert.equal(byKey.get('school_holidays')?.result, 'warning', 'with no term dates entered, the check asks for them');
    const checklist = readPage((await lead.get(`/a/riverside/activities/${id}`)).body).section('Planning checklist');
    assert.match(checklist, /Questions shared in advance/);
    assert.match(checklist, /Check this/);
  });

  test("a survey needs no date, and children's mode is on by default when it is for children", async () => {
    const id = await createThroughForm(lead, workshopForm({
      title: 'Saturday club survey', type: 'survey', 'date-day': '', 'date-month': '', 'date-year': '', startTime: '', endTime: '', venueKind: 'none', venueName: '', venueAddress: '', venueAccess: [],
    }));
    const row = await t.owner.selectFrom('activity').select(['starts_at', 'children_mode', 'venue_access_recorded']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { starts_at: null, children_mode: true, venue_access_recorded: false });
  });

  test('the same form sent twice makes one activity', async () => {
    const form = workshopForm({ title: 'Sent twice' });
    const first = await createThroughForm(lead, form);
    const second = await lead.post('/a/riverside/activities/new', form);
    assert.equal(second.statusCode, 303);
    assert.equal(String(second.headers.location), `/a/riverside/activities/${first}`);
    const rows = await t.owner.selectFrom('activity').select('id').where('title', '=', 'Sent twice').execute();
    assert.equal(rows.length, 1);
  });
});

describe('who may change what', () => {
  let leadsActivity: string;
  let practitionersActivity: string;
  before(async () => {
    leadsActivity = await createThroughForm(lead, workshopForm({ title: 'Council consultation', type: 'consultation', organisationId: organisations.get('Riverside Council')! }));
    // A practitioner's activity is always their own organisation's, whatever the form says.
    practitionersActivity = await createThroughForm(practitioner, workshopForm({ title: 'NHS clinic feedback', organisationId: organisations.get('Riverside Council')! }));
  });

  test("a practitioner's organisation is fixed to their own", async () => {
    const form = readPage((await practitioner.get('/a/riverside/activities/new')).body);
    assert.ok(form.getByText('Riverside NHS Trust (your organisation)'));
    assert.equal(form.queryByLabelText('Organisation running it'), null, 'nothing to choose');
    assert.equal(form.document.querySelector('[name="organisationId"]'), null, 'nor anything hidden to send');
    const row = await t.owner.selectFrom('activity').select('organisation_id').where('id', '=', practitionersActivity).executeTakeFirstOrThrow();
    assert.equal(row.organisation_id, organisations.get('Riverside NHS Trust'));
  });

  test("a practitioner can edit their own organisation's activity", async () => {
    const page = await practitioner.get(`/a/riverside/activities/${practitionersActivity}/edit`);
    assert.equal(page.statusCode, 200);
    const version = versionIn(page.body);
    const saved = await practitioner.post(`/a/riverside/activities/${practitionersActivity}/edit`, workshopForm({ title: 'NHS clinic feedback (renamed)', version }));
    assert.equal(saved.statusCode, 303);
    assert.equal(readPage((await practitioner.get(`/a/riverside/activities/${practitionersActivity}`)).body).heading(), 'NHS clinic feedback (renamed)');
  });

  test("a practitioner cannot change another organisation's activity (403), but can read it", async () => {
    assert.equal((await practitioner.get(`/a/riverside/activities/${leadsActivity}/edit`)).statusCode, 403);
    const view = await practitioner.get(`/a/riverside/activities/${leadsActivity}`);
    assert.equal(view.statusCode, 200);
    assert.equal(readPage(view.body).queryByRole('link', { name: 'Change the details' }), null);
    assert.equal((await practitioner.post(`/a/riverside/activities/${leadsActivity}/edit`, workshopForm({ title: 'Taken over', version: '1' }))).statusCode, 403);
    assert.equal((await practitioner.post(`/a/riverside/activities/${leadsActivity}/open`)).statusCode, 403);
    assert.equal((await practitioner.get(`/a/riverside/activities/${leadsActivity}/sign-ups`)).statusCode, 403);
    assert.equal((await practitioner.get(`/a/riverside/activities/${leadsActivity}/adjustments`)).statusCode, 403);
    const row = await t.owner.selectFrom('activity').select(['title', 'status']).where('id', '=', leadsActivity).executeTakeFirstOrThrow();
    assert.deepEqual(row, { title: 'Council consultation', status: 'draft' });
  });

  test('a decision maker can see activities but not create or change them', async () => {
    const dm = new Client(app);
    await dm.signIn('decision-maker@riverside.example');
    const list = await dm.get('/a/riverside/activities');
    assert.equal(list.statusCode, 200);
    const page = readPage(list.body);
    assert.ok(page.getByRole('link', { name: 'Council consultation' }));
    assert.equal(page.queryByRole('button', { name: 'Create an activity' }), null);
    assert.equal((await dm.get(`/a/riverside/activities/${leadsActivity}`)).statusCode, 200);
    assert.equal((await dm.get(`/a/riverside/activities/${leadsActivity}/edit`)).statusCode, 403);
    assert.equal((await dm.get('/a/riverside/activities/new')).statusCode, 403);
    assert.equal((await dm.post(`/a/riverside/activities/${leadsActivity}/close`)).statusCode, 403);
  });

  test('the list filters by status and shows type, who, when, organisation and status', async () => {
    const all = readPage((await lead.get('/a/riverside/activities')).body);
    assert.match(all.section('Council consultation'), /^Type Consultation Who it is for Children and young people.* Organisation Riverside Council Status Draft$/);
    const open = readPage((await lead.get('/a/riverside/activities?status=open')).body);
    assert.equal(open.queryByRole('link', { name: 'Council consultation' }), null);
    assert.equal((await lead.get('/a/riverside/activities?status=nonsense')).statusCode, 200);
  });

  test('a practitioner with no organisation is told how to get one, not given a form that cannot work', async () => {
    const id = await createAccount(t.db, { email: 'no-org@riverside.example', displayName: 'No Org', password: DEMO_PASSWORD });
    await addMember(t.db, riversideId, id, 'practitioner', null);
    const client = new Client(app);
    await client.signIn('no-org@riverside.example');
    const page = await client.get('/a/riverside/activities/new');
    assert.equal(page.statusCode, 200);
    assert.match(readPage(page.body).text(), /not linked to a member organisation yet/);
    const post = await client.post('/a/riverside/activities/new', workshopForm());
    assert.equal(post.statusCode, 422);
  });
});

describe('editing at the same time', () => {
  test('the second editor is told someone else changed it, and keeps what they typed', async () => {
    const id = await createThroughForm(lead, workshopForm({ title: 'Edited twice' }));
    const other = new Client(app);
    await other.signIn('lead@riverside.example');
    const pageA = await lead.get(`/a/riverside/activities/${id}/edit`);
    const version = versionIn(pageA.body);
    const tokenA = lead.csrf();
    await other.get(`/a/riverside/activities/${id}/edit`);
    assert.equal((await other.post(`/a/riverside/activities/${id}/edit`, workshopForm({ title: 'Edited by B', version }))).statusCode, 303);

    const late = await lead.post(`/a/riverside/activities/${id}/edit`, workshopForm({ title: 'Edited by A', purpose: 'A typed this carefully.', version }), { csrf: tokenA });
    assert.equal(late.statusCode, 409);
    const latePage = readPage(late.body);
    assert.ok(latePage.getByRole('heading', { name: 'Someone else changed this activity while you were editing it' }));
    assert.equal(latePage.valueOf('Title'), 'Edited by A');
    assert.equal(latePage.valueOf('What it is for, in plain words'), 'A typed this carefully.');
    const newVersion = versionIn(late.body);
    assert.equal(Number(newVersion), Number(version) + 1, 'the form now carries the version A has been shown');
    const stored = await t.owner.selectFrom('activity').select('title').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.title, 'Edited by B', 'nothing was overwritten');

    const again = await lead.post(`/a/riverside/activities/${id}/edit`, workshopForm({ title: 'Edited by A', version: newVersion }));
    assert.equal(again.statusCode, 303, 'saving again, knowingly, works');
  });

  test('edit errors keep what was typed and the version', async () => {
    const id = await createThroughForm(lead, workshopForm({ title: 'Edit errors' }));
    const page = await lead.get(`/a/riverside/activities/${id}/edit`);
    assert.equal(readPage(page.body).valueOf('Start time'), '16:30', 'the saved time, in London time');
    const version = versionIn(page.body);
    const bad = await lead.post(`/a/riverside/activities/${id}/edit`, workshopForm({ title: '', contactEmail: 'not an email', version }));
    assert.equal(bad.statusCode, 422);
    const badPage = readPage(bad.body);
    assert.deepEqual(badPage.errorLinks(), ['#title Enter a title', '#contactEmail Enter an email address in the correct format, like name@example.com']);
    assert.equal(badPage.valueOf('Email address'), 'not an email');
    assert.equal(versionIn(bad.body), version);
  });
});

describe('opening, closing and feedback', () => {
  test('opening shows the checklist with warnings and a confirm button; warnings never block', async () => {
    const id = await createThroughForm(lead, workshopForm({ title: 'Short notice session', ...(({ iso: _i, ...d }) => d)(daysAhead(3)), groundRules: [] }));
    const response = await lead.get(`/a/riverside/activities/${id}/open`);
    assert.equal(response.statusCode, 200);
    const page = readPage(response.body);
    assert.equal(page.heading(), 'Check before you open');
    assert.match(page.text(), /Only 3 days' notice/);
    assert.match(page.text(), /checks have warnings\. You can still open the activity\./);
    assert.ok(page.getByRole('button', { name: 'Open the activity' }));
    const before = await t.owner.selectFrom('planning_check').select('checked_at').where('activity_id', '=', id).where('check_key', '=', 'notice').executeTakeFirstOrThrow();
    assert.equal((await lead.post(`/a/riverside/activities/${id}/open`)).statusCode, 303);
    const after = await t.owner.selectFrom('planning_check').select('checked_at').where('activity_id', '=', id).where('check_key', '=', 'notice').executeTakeFirstOrThrow();
    assert.ok(after.checked_at.getTime() > before.checked_at.getTime(), 'the checks are stored again when it opens');
    const view = readPage((await lead.get(`/a/riverside/activities/${id}`)).body);
    assert.match(view.flash() ?? '', /Short notice session is now open/);
    assert.ok(view.getByRole('button', { name: 'Close the activity' }));
    assert.equal(view.getByRole('link', { name: 'See the public page' }).getAttribute('href'), `/a/riverside/take-part/${id}`);
  });

  test('close, then feedback given; a double click is harmless; a jump that is not allowed is a conflict', async () => {
    const id = await createThroughForm(lead, workshopForm({ title: 'Lifecycle' }));
    await lead.get(`/a/riverside/activities/${id}`);
    assert.equal((await lead.post(`/a/riverside/activities/${id}/feedback-given`)).statusCode, 409, 'a draft cannot be marked feedback given');
    await openActivity(lead, id);
    await lead.get(`/a/riverside/activities/${id}`);
    assert.equal((await lead.post(`/a/riverside/activities/${id}/close`)).statusCode, 303);
    assert.equal((await lead.post(`/a/riverside/activities/${id}/close`)).statusCode, 303, 'the second click changes nothing');
    assert.equal((await lead.post(`/a/riverside/activities/${id}/feedback-given`)).statusCode, 303);
    const row = await t.owner.selectFrom('activity').select(['status', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'feedback_given');
    assert.ok(row.closed_at);
    const audits = await t.owner.selectFrom('audit_event').select('detail').where('subject_id', '=', id).where('action', '=', 'activity.status_changed').execute();
    assert.deepEqual(audits.map((a) => (a.detail as { status: string }).status), ['open', 'closed', 'feedback_given']);
  });
});

describe('the public page, signing up and the calendar', () => {
  let id: string;
  let draftId: string;
  before(async () => {
    id = await createThroughForm(lead, workshopForm({ title: 'Youth forum takeover day', ...(({ iso: _i, ...d }) => d)(daysAhead(40)), startTime: '10:00', endTime: '15:30' }));
    await openActivity(lead, id);
    draftId = await createThroughForm(lead, workshopForm({ title: 'Still a draft' }));
  });

  test('the public page says what, why, who for, when, where, access, support, ground rules and contact', async () => {
    const response = await new Client(app).get(`/a/riverside/take-part/${id}`);
    assert.equal(response.statusCode, 200);
    const page = readPage(response.body);
    assert.equal(page.heading(), 'Youth forum takeover day');
    const words = page.text();
    for (const text of [
      'Help us choose what we do at the new club.', 'We want children and young people to choose', 'Workshop', 'Children and young people aged 8 to 11 or 12 to 15',
      '10am to 3:30pm', 'Riverside Hub, 1 Mill Lane, Riverside, RV1 2AB', 'Step-free access', 'Quiet room', 'Symbols and pictures', 'Interpreter for another language (Polish)',
      'We respect each other', 'You can take a break or leave at any time', 'Ask Jess Patel.', 'jess@riverside.example', 'Use the side door; Jess will meet you.',
    ]) assert.ok(words.includes(text), `shows "${text}"`);
    const signUp = page.getAllByRole('button', { name: 'Sign up' }).map((button) => button.getAttribute('href'));
    assert.ok(signUp.length > 0 && signUp.every((href) => href === `/a/riverside/take-part/${id}/sign-up`), signUp.join(', '));
    const calendar = page.getByRole('link', { name: 'Add it to your calendar (.ics file)' });
    assert.ok(calendar.getAttribute('href')!.endsWith('/calendar.ics') && calendar.hasAttribute('download'), 'the calendar file downloads');
  });

  test("drafts, bad ids and other areas' ids are not found", async () => {
    const visitor = new Client(app);
    assert.equal((await visitor.get(`/a/riverside/take-part/${draftId}`)).statusCode, 404);
    assert.equal((await visitor.get(`/a/riverside/take-part/${draftId}/sign-up`)).statusCode, 404);
    assert.equal((await visitor.get(`/a/riverside/take-part/${otherArea.activityId}`)).statusCode, 404);
    assert.equal((await visitor.get(`/a/riverside/take-part/${otherArea.activityId}/calendar.ics`)).statusCode, 404);
    assert.equal((await visitor.get('/a/riverside/take-part/not-an-id')).statusCode, 404);
    assert.equal((await visitor.get("/a/riverside/take-part/'%20or%201=1--")).statusCode, 404);
    assert.equal((await visitor.get(`/a/north-vale/take-part/${otherArea.activityId}`)).statusCode, 200, 'it is found in its own area');
    for (const path of ['', '/edit', '/open', '/sign-ups', '/adjustments']) {
      assert.equal((await lead.get(`/a/riverside/activities/${otherArea.activityId}${path}`)).statusCode, 404, path);
    }
    await lead.get('/a/riverside/activities');
    assert.equal((await lead.post(`/a/riverside/activities/${otherArea.activityId}/close`)).statusCode, 404);
    const nv = await t.owner.selectFrom('activity').select('status').where('id', '=', otherArea.activityId).executeTakeFirstOrThrow();
    assert.equal(nv.status, 'open');
  });

  test('sign-up errors: name, a way to contact, and a number of people from 1 to 10; answers kept', async () => {
    const visitor = new Client(app);
    await visitor.get(`/a/riverside/take-part/${id}/sign-up`);
    const empty = await visitor.post(`/a/riverside/take-part/${id}/sign-up`, { idempotencyKey: 'k'.repeat(24), people: '' });
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(readPage(empty.body).errorLinks(), ['#name Enter your first name or a nickname', '#email Enter an email address or a phone number, so we can contact you']);
    const bad = await visitor.post(`/a/riverside/take-part/${id}/sign-up`, { idempotencyKey: 'k'.repeat(24), name: 'Ayesha', phone: 'call me', people: '11', adjustments: ['breaks', 'bsl_interpreter'], details: 'A quiet space please' });
    const page = readPage(bad.body);
    assert.deepEqual(page.errorLinks(), ['#phone Enter a phone number, like 07700 900 982', '#people Enter how many people are coming, from 1 to 10']);
    assert.equal(page.valueOf('Your first name or a nickname'), 'Ayesha');
    assert.equal(page.valueOf('How many people are coming?'), '11');
    assert.ok(page.isChecked('Breaks when you need them') && page.isChecked('British Sign Language (BSL) interpreter'));
    assert.equal(page.valueOf('Anything else we should know? (optional)'), 'A quiet space please');
    assert.equal(page.hiddenValue('idempotencyKey'), 'k'.repeat(24), 'the same key, so fixing and resending still makes one');
  });

  test('the same sign-up sent twice makes one sign-up and one adjustment request', async () => {
    const visitor = new Client(app);
    const form = await visitor.get(`/a/riverside/take-part/${id}/sign-up`);
    const key = readPage(form.body).hiddenValue('idempotencyKey')!;
    const answers = { idempotencyKey: key, name: 'Ayesha', email: 'ayesha@example.com', people: '3', adjustments: ['bsl_interpreter', 'breaks'], details: 'My son uses a wheelchair' };
    const [first, second] = await Promise.all([visitor.post(`/a/riverside/take-part/${id}/sign-up`, answers), visitor.post(`/a/riverside/take-part/${id}/sign-up`, answers)]);
    for (const response of [first, second]) {
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/a/riverside/take-part/${id}/signed-up`);
    }
    const thanks = await visitor.get(`/a/riverside/take-part/${id}/signed-up`);
    assert.equal(readPage(thanks.body).heading(), 'You are signed up');
    const signups = await t.owner.selectFrom('activity_signup').selectAll().where('activity_id', '=', id).execute();
    assert.equal(signups.length, 1);
    assert.deepEqual([signups[0]!.name, signups[0]!.email, signups[0]!.people], ['Ayesha', 'ayesha@example.com', 3]);
    const requests = await t.owner.selectFrom('adjustment_request').selectAll().where('activity_id', '=', id).execute();
    assert.equal(requests.length, 1);
    assert.deepEqual([requests[0]!.signup_id, requests[0]!.adjustments, requests[0]!.details, requests[0]!.contact], [signups[0]!.id, ['bsl_interpreter', 'breaks'], 'My son uses a wheelchair', 'ayesha@example.com']);
  });

  test('staff see sign-ups with the number of people, and adjustment requests; each read is audited', async () => {
    const visitor = new Client(app);
    const form = await visitor.get(`/a/riverside/take-part/${id}/sign-up`);
    const key = readPage(form.body).hiddenValue('idempotencyKey')!;
    assert.equal((await visitor.post(`/a/riverside/take-part/${id}/sign-up`, { idempotencyKey: key, name: 'Bo', phone: '07700 900 982', people: '2' })).statusCode, 303);

    const list = await lead.get(`/a/riverside/activities/${id}/sign-ups`);
    assert.equal(list.statusCode, 200);
    const signUps = readPage(list.body);
    assert.ok(signUps.getByText('5 people are coming (2 sign-ups)'));
    assert.match(signUps.section('Ayesha'), /ayesha@example\.com.*British Sign Language \(BSL\) interpreter/);
    assert.match(signUps.section('Bo'), /07700 900 982/);

    const adjustments = readPage((await lead.get(`/a/riverside/activities/${id}/adjustments`)).body);
    const request = adjustments.section('Request 1');
    for (const words of ['Sign-up by Ayesha', 'My son uses a wheelchair', 'Status To do']) assert.ok(request.includes(words), `${words} in "${request}"`);
    const action = adjustments.getByRole('button', { name: 'Mark as arranged: request 1' }).closest('form')!.getAttribute('action')!;
    assert.match(action, new RegExp(`^/a/riverside/activities/${id}/adjustments/[0-9a-f-]{36}$`));
    const requestId = action.split('/').pop()!;
    assert.equal((await lead.post(action, { status: 'arranged' })).statusCode, 303);
    assert.equal(readPage((await lead.get(`/a/riverside/activities/${id}/adjustments`)).body).flash(), 'The request is marked as arranged');
    assert.equal((await lead.post(`/a/riverside/activities/${id}/adjustments/${requestId}`, { status: 'deleted' })).statusCode, 303, 'a made-up status changes nothing');
    const stored = await t.owner.selectFrom('adjustment_request').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'arranged');

    const audits = await t.owner.selectFrom('audit_event').select('action').where('subject_id', '=', id).execute();
    const actions = audits.map((a) => a.action);
    assert.ok(actions.includes('signups.viewed'));
    assert.ok(actions.includes('adjustments.viewed'));
  });

  test('the calendar file has the right UTC times, title, place, description and organiser', async () => {
    const response = await new Client(app).get(`/a/riverside/take-part/${id}/calendar.ics`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/calendar/);
    assert.match(String(response.headers['content-disposition']), /attachment; filename="youth-forum-takeover-day\.ics"/);
    const ics = response.body.replace(/\r\n[ \t]/g, '');
    const activity = await t.owner.selectFrom('activity').select(['starts_at', 'ends_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    assert.match(ics, new RegExp(`DTSTART:${stamp(activity.starts_at!)}`));
    assert.match(ics, new RegExp(`DTEND:${stamp(activity.ends_at!)}`));
    const londonStart = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(activity.starts_at!);
    assert.equal(londonStart, '10:00', 'the stored instant is 10am in London');
    assert.match(ics, /SUMMARY:Youth forum takeover day/);
    assert.match(ics, /LOCATION:Riverside Hub\\, 1 Mill Lane\\, Riverside\\, RV1 2AB/);
    assert.match(ics, /ORGANIZER;CN="?Jess Patel"?:mailto:jess@riverside\.example/i);
    assert.match(ics, /DESCRIPTION:We want children and young people to choose/);
    assert.match(ics, new RegExp(`http://chorus\\.test/a/riverside/take-part/${id}`));
    assert.match(ics, new RegExp(`UID:activity-${id}@chorus`));
  });

  test('once an activity has happened, the page says so and nobody can sign up', async () => {
    const past = daysAhead(-2).iso;
    const done = await createActivity(t.db, riversideId, null, input({ title: 'Last week\'s meeting', startsAt: londonToUtc(past, '18:30'), endsAt: londonToUtc(past, '20:00') }));
    await setActivityStatus(t.db, riversideId, null, done.id, 'open');
    const visitor = new Client(app);
    const page = readPage((await visitor.get(`/a/riverside/take-part/${done.id}`)).body);
    assert.match(page.text(), /This has finished/);
    assert.deepEqual(page.links().filter((link) => link.href.endsWith('/sign-up')), [], 'nowhere to sign up');
    assert.equal((await visitor.get(`/a/riverside/take-part/${done.id}/sign-up`)).headers.location, `/a/riverside/take-part/${done.id}`);
    await visitor.get('/sign-in'); // a page with a form, for a CSRF token (as if the form had been open a while)
    const late = await visitor.post(`/a/riverside/take-part/${done.id}/sign-up`, { idempotencyKey: 'late-signup-key-123456', name: 'Late', email: 'late@example.com', people: '1' });
    assert.equal(late.headers.location, `/a/riverside/take-part/${done.id}`);
    assert.equal((await t.owner.selectFrom('activity_signup').select('id').where('activity_id', '=', done.id).execute()).length, 0);
    assert.doesNotMatch(readPage((await visitor.get('/a/riverside')).body).text('body'), /Last week/);
  });

  test('"Have your say" on the area home lists open activities, not drafts', async () => {
    const survey = await createActivity(t.db, riversideId, null, input({ title: 'Short breaks survey', type: 'survey', startsAt: null, endsAt: null, venueKind: 'none', audience: 'both', ageBands: ['12_15'] }));
    await setActivityStatus(t.db, riversideId, null, survey.id, 'open');
    const response = await new Client(app).get('/a/riverside');
    assert.equal(response.statusCode, 200);
    const home = readPage(response.body);
    assert.equal(home.getByRole('link', { name: 'Youth forum takeover day' }).getAttribute('href'), `/a/riverside/take-part/${id}`);
    assert.equal(home.getByRole('link', { name: 'Short breaks survey' }).getAttribute('href'), `/a/riverside/surveys/${survey.id}`);
    assert.ok(home.getByText('For: Children and young people aged 12 to 15, and parent carers'));
    assert.ok(home.getAllByText(/^How to join: answer online/).length > 0);
    assert.ok(home.getAllByText(/^How to join: sign up, then come along to Riverside Hub/).length > 0);
    assert.doesNotMatch(home.text('body'), /Still a draft/);
    assert.doesNotMatch(home.text('body'), /North Vale Secret Workshop/);
    const all = readPage((await new Client(app).get('/a/riverside/take-part')).body);
    assert.ok(all.getByRole('link', { name: 'Youth forum takeover day' }));
    assert.ok(all.getByRole('link', { name: 'Short breaks survey' }));
    assert.equal((await new Client(app).get(`/a/riverside/take-part/${survey.id}`)).headers.location, `/a/riverside/surveys/${survey.id}`, 'a survey is answered on its own page');
  });

  test('an area with nothing open says so in plain words', async () => {
    await createArea(t.db, { slug: 'empty-vale', name: 'Empty Vale', contactEmail: 'hello@empty.example' });
    for (const path of ['/a/empty-vale', '/a/empty-vale/take-part']) {
      const page = readPage((await new Client(app).get(path)).body);
      assert.ok(page.getByText(/^Nothing is open right now\. Come back soon/), path);
    }
  });
});

/** The demo area comes with this school year's terms: some tests start from an area with none. */
async function clearDemoTermDates() {
  await t.owner.deleteFrom('term_date').where('area_id', '=', riversideId).execute();
}

describe('school term dates', () => {
  test('an admin adds and removes terms; the end cannot be before the start; others may not', async () => {
    await clearDemoTermDates();
    const admin = new Client(app);
    await admin.signIn('admin@riverside.example');
    const page = await admin.get('/a/riverside/manage/term-dates');
    assert.equal(page.statusCode, 200);
    assert.ok(readPage(page.body).getByText('No term dates yet.'));
    assert.equal(readPage((await admin.get('/a/riverside/manage')).body).getByRole('link', { name: 'School term dates' }).getAttribute('href'), '/a/riverside/manage/term-dates');

    const empty = await admin.post('/a/riverside/manage/term-dates', {});
    assert.deepEqual(readPage(empty.body).errorLinks(), ['#name Enter the name of the term', '#startsOn-day Enter the first day of the term', '#endsOn-day Enter the last day of the term']);
    const backwards = await admin.post('/a/riverside/manage/term-dates', { name: 'Summer term 2026', 'startsOn-day': '22', 'startsOn-month': '7', 'startsOn-year': '2026', 'endsOn-day': '13', 'endsOn-month': '4', 'endsOn-year': '2026' });
    assert.equal(backwards.statusCode, 422);
    const form = readPage(backwards.body);
    assert.deepEqual(form.errorLinks(), ['#endsOn-day Last day of the term must be the same as or after the first day']);
    assert.equal(form.valueOf('Name of the term'), 'Summer term 2026');
    assert.equal((within(form.getByRole('group', { name: 'Last day of the term' })).getByLabelText('Day') as HTMLInputElement).value, '13');

    const term = { name: 'Summer term 2026', 'startsOn-day': '13', 'startsOn-month': '4', 'startsOn-year': '2026', 'endsOn-day': '22', 'endsOn-month': '7', 'endsOn-year': '2026' };
    assert.equal((await admin.post('/a/riverside/manage/term-dates', term)).statusCode, 303);
    assert.equal((await admin.post('/a/riverside/manage/term-dates', term)).statusCode, 303, 'a double click');
    const listed = readPage((await admin.get('/a/riverside/manage/term-dates')).body);
    assert.equal(listed.flash(), 'Summer term 2026 has been added');
    assert.equal(listed.section('Terms'), 'Summer term 2026 13 April 2026 to 22 July 2026 Remove Summer term 2026', 'listed once');
    const rows = await t.owner.selectFrom('term_date').select('id').where('area_id', '=', riversideId).execute();
    assert.equal(rows.length, 1, 'one term, however many clicks');

    assert.equal((await lead.get('/a/riverside/manage/term-dates')).statusCode, 403);
    assert.equal((await admin.post(`/a/riverside/manage/term-dates/${otherArea.activityId}/remove`)).statusCode, 404);
    assert.equal((await admin.post(`/a/riverside/manage/term-dates/${rows[0]!.id}/remove`)).statusCode, 303);
    assert.equal(readPage((await admin.get('/a/riverside/manage/term-dates')).body).flash(), 'Summer term 2026 has been removed');
  });
});

test('hostile input in the activity form is stored as typed, shown as text, and never a 500', async () => {
  const payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{ 7*7 }}', "'; drop table activity; --", 'null\u0000byte', '𝕿𝖊𝖘𝖙 👩‍👩‍👧', 'x'.repeat(5000)];
  for (const payload of payloads) {
    await lead.get('/a/riverside/activities/new');
    const response = await lead.post('/a/riverside/activities/new', workshopForm({ title: payload.slice(0, 100), purpose: payload, services: payload, startTime: payload, venueName: payload, contactPhone: payload }));
    assert.ok(response.statusCode < 500, `${JSON.stringify(payload.slice(0, 20))} gave ${response.statusCode}`);
    // Bytes, not the page: markup that arrived must never reach the browser as markup.
    assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>|<img src=x onerror/);
  }
  const id = await createThroughForm(lead, workshopForm({ title: '<script>alert(1)</script>', purpose: '{{ 7*7 }}' }));
  const page = readPage((await lead.get(`/a/riverside/activities/${id}`)).body);
  assert.equal(page.heading(), '<script>alert(1)</script>', 'shown as the text that was typed');
  assert.match(page.text(), /\{\{ 7\*7 \}\}/, 'template syntax in data is not evaluated');
});

test('every activities page in English and Welsh: the right language, and no message key shown instead of words', async () => {
  const id = await createThroughForm(lead, workshopForm({ title: 'Pages in two languages', services: '' }));
  await openActivity(lead, id);
  const visitor = new Client(app);
  const form = await visitor.get(`/a/riverside/take-part/${id}/sign-up`);
  const key = readPage(form.body).hiddenValue('idempotencyKey')!;
  await visitor.post(`/a/riverside/take-part/${id}/sign-up`, { idempotencyKey: key, name: 'Cai', email: 'cai@example.com', people: '1', adjustments: 'symbols' });
  const admin = new Client(app);
  await admin.signIn('admin@riverside.example');
  const pages: Array<[Client, string]> = [
    [lead, '/a/riverside/activities'], [lead, '/a/riverside/activities/new'], [lead, `/a/riverside/activities/${id}`], [lead, `/a/riverside/activities/${id}/edit`],
    [lead, `/a/riverside/activities/${id}/sign-ups`], [lead, `/a/riverside/activities/${id}/adjustments`], [admin, '/a/riverside/manage/term-dates'],
    [visitor, '/a/riverside'], [visitor, '/a/riverside/take-part'], [visitor, `/a/riverside/take-part/${id}`], [visitor, `/a/riverside/take-part/${id}/sign-up`], [visitor, `/a/riverside/take-part/${id}/signed-up`],
  ];
  for (const lang of ['en', 'cy']) {
    for (const [client, path] of pages) {
      const page = await client.get(`${path}?lang=${lang}`);
      assert.equal(page.statusCode, 200, `${lang} ${path}`);
      const seen = readPage(page.body);
      assert.equal(seen.document.documentElement.getAttribute('lang'), lang, `${lang} ${path}`);
      assert.doesNotMatch(seen.text('body'), /\bactivities\.[a-zA-Z]+\.[a-zA-Z_]+/, `${lang} ${path} shows a message key`);
    }
  }
  assert.ok(readPage((await visitor.get(`/a/riverside/take-part/${id}?lang=cy`)).body).getAllByRole('button', { name: /Cofrestru/ }).length > 0);
  await lead.get('/a/riverside/activities?lang=en');
  await admin.get('/a/riverside/manage/term-dates?lang=en');
  await visitor.get('/a/riverside?lang=en');
});

test('every page of an area offers "Have your say"; staff also get "Activities" in the area menu', async () => {
  const anonymous = new Client(app);
  const home = readPage((await anonymous.get('/a/riverside')).body);
  const homeMenu = within(home.getByRole('navigation', { name: 'Area menu' }));
  assert.equal(homeMenu.getByRole('link', { name: 'Have your say' }).getAttribute('href'), '/a/riverside/take-part');
  assert.deepEqual(home.links().filter((link) => link.href === '/a/riverside/activities'), [], 'no way to the staff pages');
  const takePart = readPage((await lead.get('/a/riverside/take-part')).body);
  const menu = within(takePart.getByRole('navigation', { name: 'Area menu' }));
  assert.equal(menu.getByRole('link', { name: 'Activities' }).getAttribute('href'), '/a/riverside/activities');
  assert.equal(menu.getByRole('link', { name: 'Have your say' }).getAttribute('aria-current'), 'page');
});
