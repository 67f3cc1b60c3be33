/**
 * Demo data for issue 13 §4, what taking part did: staff's answers to (1) and (2) for every
 * published response of the demo (and for each of those activities as a whole), and participant
 * impact checks with a first and a later answer: 14 children and 10 parent carers, a few with only
 * a first answer. Four parent carers chose "I don't want to say" about feeling less alone, so that
 * statement has 6 pairs and is not shown (fewer than 8). The demo parent (Lou Davies) has no check
 * yet, so their page offers it.
 */
import type { Db } from '../db/database.ts';
import { listForFeed } from '../modules/feedback/public.service.ts';
import { recordCheck, saveActivityChange, type CheckAnswers } from '../modules/evaluation/impact.service.ts';
import type { DemoActivities } from './seed-activities.ts';
import type { EvaluationSeedIds } from './seed-evaluation.ts';

const DAY = 86_400_000;

type Words = { didDifferently: string; differentlyEvidence: string; impactOnUsers: string; impactEvidence: string };

/** What staff wrote about each published response: a few kinds of answer, in turn, naming the response. */
const CHANGES: ReadonlyArray<(title: string) => Words> = [
  (title) => ({
    didDifferently: `"${title}": the service changed how it works because of what children and families told us, and the change is in place now.`,
    differentlyEvidence: 'Short breaks board minutes, item 4',
    impactOnUsers: 'Families who use short breaks told the forum it is easier to book and fewer sessions are missed.',
    impactEvidence: 'https://riverside.example/forum/notes',
  }),
  (title) => ({
    didDifferently: `"${title}": staff had training, planned with the young people who asked for it.`,
    differentlyEvidence: 'Training register, spring term',
    impactOnUsers: 'Two families who had stopped coming have booked again.',
    impactEvidence: 'Booking records',
  }),
  (title) => ({
    didDifferently: `"${title}": we rewrote the information with parent carers, in plain words and easy read.`,
    differentlyEvidence: 'https://riverside.example/local-offer/short-breaks',
    impactOnUsers: '',
    impactEvidence: '',
  }),
];

/** First and later answers (1 not really, 2 a bit, 3 a lot) for the 14 children with both. */
const CHILD_FIRST = [1, 2, 1, 2, 2, 1, 3, 2, 1, 2, 2, 1, 2, 3];
const CHILD_STEP = [1, 1, 2, 0, 1, 1, 0, 1, 1, -1, 1, 1, 0, 0];
/** The same for the 10 parent carers with both. */
const PARENT_FIRST = [1, 2, 2, 1, 2, 1, 2, 3, 1, 2];
const PARENT_STEP = [1, 1, 0, 2, 1, 1, 0, 0, 1, 1];

const clamp = (n: number) => Math.min(3, Math.max(1, n));

const ITEMS = ['self_esteem', 'self_advocacy', 'confidence', 'less_isolated'] as const;

/** One person's answers: their first level a little different per statement; later, their step up or down (now and then no change). */
function answers(first: number, step: number, offset: number, later: boolean): CheckAnswers {
  const out: CheckAnswers = {};
  ITEMS.forEach((item, k) => {
    const start = clamp(first + ((offset + k) % 3 === 1 ? -1 : 0));
    out[item] = later ? clamp(start + ((offset + k) % 5 === 4 ? 0 : step)) : start;
  });
  return out;
}

export async function seedDemoImpact(db: Db, areaId: string, activities: DemoActivities, ids: EvaluationSeedIds, now: Date): Promise<void> {
  void activities;
  // (1) and (2): every published response of the demo, and each of its activities as a whole.
  const published = await listForFeed(db, areaId, { service: null, year: null }, 200);
  const answered = new Set<string>();
  for (const [i, entry] of published.entries()) {
    const words = CHANGES[i % CHANGES.length]!(entry.title);
    for (const activity of entry.activities) {
      await saveActivityChange(db, areaId, ids.leadId, activity.id, entry.id, words);
      if (!answered.has(activity.id)) {
        answered.add(activity.id);
        await saveActivityChange(db, areaId, ids.leadId, activity.id, 'activity', {
          didDifferently: 'We held the sessions after school and in the holidays, and offered symbols and read-aloud, because young people asked for them.',
          differentlyEvidence: 'Planning checklist for this activity',
          impactOnUsers: 'More children with communication needs took part than in last year\'s survey.',
          impactEvidence: 'Survey results, last year and this',
        });
      }
    }
  }

  // (3): the participant impact check, first eight months ago and again last month.
  const first = new Date(now.getTime() - 240 * DAY);
  const later = new Date(now.getTime() - 30 * DAY);
  for (let i = 0; i < CHILD_FIRST.length; i += 1) {
    const link = { kind: 'receipt_code' as const, code: `DEMO-CHILD-${i}` };
    await recordCheck(db, areaId, link, 'child', answers(CHILD_FIRST[i]!, CHILD_STEP[i]!, i, false), first);
    await recordCheck(db, areaId, link, 'child', answers(CHILD_FIRST[i]!, CHILD_STEP[i]!, i, true), later);
  }
  for (let i = 0; i < 3; i += 1) await recordCheck(db, areaId, { kind: 'receipt_code', code: `DEMO-CHILD-NEW-${i}` }, 'child', answers(2, 0, i, false), later);
  for (let i = 0; i < PARENT_FIRST.length; i += 1) {
    const link = { kind: 'receipt_code' as const, code: `DEMO-PARENT-${i}` };
    const firstAnswers = answers(PARENT_FIRST[i]!, PARENT_STEP[i]!, i, false);
    const laterAnswers = answers(PARENT_FIRST[i]!, PARENT_STEP[i]!, i, true);
    // Four chose "I don't want to say" about feeling less alone the second time.
    if (i < 4) delete laterAnswers.less_isolated;
    await recordCheck(db, areaId, link, 'parent_carer', firstAnswers, first);
    await recordCheck(db, areaId, link, 'parent_carer', laterAnswers, later);
  }
  for (let i = 0; i < 2; i += 1) await recordCheck(db, areaId, { kind: 'receipt_code', code: `DEMO-PARENT-NEW-${i}` }, 'parent_carer', answers(2, 0, i, false), later);
}
