/**
 * A room behind one address (issue 18): a school class or a youth forum of 200 shares one internet
 * address. With the installation's default settings, 200 participants answer a survey together
 * from one address and every one of them gets through; the guessing limits (resume codes, receipt
 * codes) still stop someone trying codes from that same address.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/config.ts';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { testActivity } from '../../testing/activities.ts';
import { Client, seededApp, type TestDb } from '../../testing/harness.ts';
import { createActivity, setActivityStatus } from '../activities/activities.service.ts';
import { findAreaBySlug } from '../areas/areas.service.ts';
import { addQuestion } from './questions.service.ts';
import { RESUME_LIMIT } from './respond.pages.ts';

const ROOM = 200;
/** Receipt codes a person may try from one address in 10 minutes (RECEIPT_LIMIT in feedback/my-views.routes.ts). */
const RECEIPT_LIMIT = { max: 20 };
const QUESTIONS = 3;
/** The default per-address limit, as an installation that sets nothing has it. */
const DEFAULT_LIMIT = loadConfig({ NODE_ENV: 'production' }).rateLimitPerMinute;

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let areaId: string;
let survey: string;
before(async () => {
  ({ t, app, close } = await seededApp({ config: { rateLimitPerMinute: DEFAULT_LIMIT } }));
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  const activity = await createActivity(t.db, areaId, null, testActivity({ title: 'Our youth forum', childrenMode: false }));
  for (let i = 1; i <= QUESTIONS; i += 1) {
    await addQuestion(t.db, areaId, null, activity.id, { type: 'free_text', text: `Question ${i}: what should change?`, easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  }
  await setActivityStatus(t.db, areaId, null, activity.id, 'open');
  survey = activity.id;
});
after(() => close());

const A = '/a/riverside';

/** One participant's whole response, every page and answer, as a browser without JavaScript sends it. Returns the statuses that were not what a person expects. */
async function respond(n: number): Promise<string[]> {
  const client = new Client(app); // all from one address: inject's 127.0.0.1
  const wrong: string[] = [];
  const expect = (what: string, status: number, wanted: number) => status !== wanted && wrong.push(`${n} ${what}: ${status}`);
  const start = await client.get(`${A}/surveys/${survey}`);
  expect('start page', start.statusCode, 200);
  const key = readPage(start.body).hiddenValue('idempotencyKey') ?? `room-${n}`;
  const started = await client.post(`${A}/surveys/${survey}`, { idempotencyKey: key, how: 'own' });
  expect('start', started.statusCode, 303);
  const base = /^(\/a\/riverside\/responses\/[0-9a-f-]{36})\//.exec(String(started.headers.location))?.[1];
  if (!base) return [...wrong, `${n}: no response started`];
  for (let i = 1; i <= QUESTIONS; i += 1) {
    expect(`question ${i} page`, (await client.get(`${base}/questions/${i}`)).statusCode, 200);
    expect(`question ${i}`, (await client.post(`${base}/questions/${i}`, { answer: `More clubs after school, from person ${n}`, action: 'continue' })).statusCode, 303);
  }
  expect('check page', (await client.get(`${base}/check`)).statusCode, 200);
  expect('submit', (await client.post(`${base}/submit`)).statusCode, 303);
  expect('thank-you page', (await client.get(`${base}/thank-you`)).statusCode, 200);
  return wrong;
}

test(`${ROOM} participants behind one address all get through a survey with the default limit, and guessing from that address is still stopped`, async () => {
  const requestsEach = 2 + QUESTIONS * 2 + 3;
  assert.ok(ROOM * requestsEach > 600, 'more requests than the old limit of 600 a minute');
  assert.ok(ROOM * requestsEach <= DEFAULT_LIMIT, `the room's ${ROOM * requestsEach} requests fit the default limit of ${DEFAULT_LIMIT} a minute`);

  const wrong: string[] = [];
  // 20 at a time, as a room of people answering at their own pace would overlap.
  for (let from = 0; from < ROOM; from += 20) {
    const batch = await Promise.all(Array.from({ length: 20 }, (_, i) => respond(from + i)));
    wrong.push(...batch.flat());
  }
  assert.deepEqual(wrong.slice(0, 5), [], `${wrong.length} requests refused or wrong`);
  const submitted = await withArea(t.db, areaId, (tx) => tx.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).where('activity_id', '=', survey).where('status', '=', 'submitted').executeTakeFirstOrThrow());
  assert.equal(Number(submitted.n), ROOM, 'every response of the room was submitted');

  // Someone in that room tries resume codes: stopped after the limit, as before.
  const guesser = new Client(app);
  await guesser.get(`${A}/surveys/resume`);
  const resumeStatuses: number[] = [];
  for (let i = 0; i <= RESUME_LIMIT.max; i += 1) resumeStatuses.push((await guesser.post(`${A}/surveys/resume`, { code: `ABCDE-FGH${'23456789AB'[i % 10]}` })).statusCode);
  assert.deepEqual(resumeStatuses.slice(0, RESUME_LIMIT.max), Array(RESUME_LIMIT.max).fill(422), 'wrong codes are told they are wrong');
  assert.equal(resumeStatuses.at(-1), 429, `the ${RESUME_LIMIT.max + 1}th resume code from this address is refused`);

  // And receipt codes ("what happened to my views?").
  await guesser.get(`${A}/my-views`);
  const receiptStatuses: number[] = [];
  for (let i = 0; i <= RECEIPT_LIMIT.max; i += 1) receiptStatuses.push((await guesser.post(`${A}/my-views`, { code: `ABC-${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[i % 31]}YZ` })).statusCode);
  assert.equal(receiptStatuses.filter((s) => s === 429).length, 1, 'only the one past the limit is refused');
  assert.equal(receiptStatuses.at(-1), 429, `the ${RECEIPT_LIMIT.max + 1}th receipt code from this address is refused`);
});
