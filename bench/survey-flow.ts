/**
 * The benchmark's survey and one person's way through it, as a browser without JavaScript would go:
 * open the start page, start, answer each question (post, follow the redirect), say anything else,
 * skip "about you", check, submit, see the receipt code.
 */
import { randomBytes } from 'node:crypto';
import { appRoleUrl } from '../src/db/bootstrap.ts';
import { createDb } from '../src/db/db.ts';
import { CHILDREN_SURVEY, CHILDREN_COMMENTS } from '../src/seed/seed-activities.ts';
import { findAreaBySlug, listOrganisations } from '../src/modules/areas/areas.service.ts';
import { createActivity, setActivityStatus } from '../src/modules/activities/activities.service.ts';
import { addQuestion, listQuestions, type Question } from '../src/modules/surveys/questions.service.ts';
import { Visitor } from './load.ts';

export type BenchSurvey = { slug: string; activityId: string; questions: number; requestsPerResponse: number; list: Question[] };

/** Adds the demo's children's survey again (open) to the demo area, through the services. */
export async function prepareSurvey(ownerUrl: string): Promise<BenchSurvey> {
  const db = createDb(await appRoleUrl(ownerUrl));
  try {
    const area = (await findAreaBySlug(db, 'riverside'))!;
    const organisation = (await listOrganisations(db, area.id))[0]!;
    const activity = await createActivity(db, area.id, null, { ...CHILDREN_SURVEY.activity, title: 'Benchmark survey', organisationId: organisation.id });
    for (const q of CHILDREN_SURVEY.questions) await addQuestion(db, area.id, null, activity.id, q.input, q.options);
    await setActivityStatus(db, area.id, null, activity.id, 'open');
    const list = await listQuestions(db, area.id, activity.id);
    // start page, start, each question (post + page), anything else (post + page), check, submit, thank you
    const requestsPerResponse = 2 + list.length * 2 + 2 + 3;
    return { slug: area.slug, activityId: activity.id, questions: list.length, requestsPerResponse, list };
  } finally {
    await db.destroy();
  }
}

function formFor(question: Question, n: number): Record<string, string | string[]> {
  const pick = (i: number) => question.options[i % question.options.length]!.id;
  switch (question.type) {
    case 'card_sort':
      return Object.fromEntries(question.options.map((o, i) => [`pile-${o.id}`, ['like', 'unsure', 'dislike'][(i + n) % 3]!]));
    case 'free_text':
      return { answer: CHILDREN_COMMENTS[n % CHILDREN_COMMENTS.length]! };
    default:
      return { answer: pick(n) };
  }
}

function expect(status: number, wanted: number, what: string) {
  if (status !== wanted) throw new Error(`${what}: ${status}`);
}

let counter = 0;

/** One whole response. Returns how long the submitting request took. */
export async function respondOnce(base: string, survey: BenchSurvey): Promise<{ submitMs: number }> {
  const n = counter++;
  const visitor = new Visitor(base);
  const start = await visitor.get(`/a/${survey.slug}/surveys/${survey.activityId}`);
  expect(start.status, 200, 'start page');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(start.body)?.[1] ?? randomBytes(16).toString('base64url');
  const started = await visitor.post(`/a/${survey.slug}/surveys/${survey.activityId}`, { _csrf: csrf, idempotencyKey: key, how: 'own' });
  expect(started.status, 303, 'start');
  const responseBase = started.location!.replace(/\/continue$/, '');
  for (const [i, question] of survey.list.entries()) {
    const page = `${responseBase}/questions/${i + 1}`;
    expect((await visitor.get(page)).status, 200, `question ${i + 1} page`);
    expect((await visitor.post(page, { _csrf: csrf, ...formFor(question, n) })).status, 303, `question ${i + 1}`);
  }
  expect((await visitor.get(`${responseBase}/anything-else`)).status, 200, 'anything else page');
  expect((await visitor.post(`${responseBase}/anything-else`, { _csrf: csrf, anythingElse: n % 3 === 0 ? 'Thank you for asking me' : '' })).status, 303, 'anything else');
  expect((await visitor.get(`${responseBase}/check`)).status, 200, 'check page');
  const submitted = performance.now();
  expect((await visitor.post(`${responseBase}/submit`, { _csrf: csrf })).status, 303, 'submit');
  const submitMs = performance.now() - submitted;
  const thanks = await visitor.get(`${responseBase}/thank-you`);
  expect(thanks.status, 200, 'thank you');
  return { submitMs };
}
