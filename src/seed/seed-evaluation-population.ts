/**
 * Demo data for issue 13 §5 (who takes part, compared with everyone): Riverside's population
 * figures, and more children answering "About you" on the Saturday club survey, so the
 * representation page has something true to say.
 *
 * The figures are demo data, not real statistics (the source says so): about 2,400 children and
 * young people with SEND, roughly as an English county's January census would show them (about two
 * boys to one girl; autism the most common primary need; about two in five with an EHC plan).
 *
 * The extra answers come through the answering service, as a child's would (the smiley question
 * answered, the rest skipped, then "About you"). With the demo's earlier answers they give the page
 * a real flag (Asian and Asian British children are under-represented: 11 of about 150 who said,
 * against 16% of the population; and nobody aged 16 to 25 answered a survey for 5 to 15 year olds)
 * and small cells hidden (multi-sensory impairment, and others below 8).
 */
import type { Db } from '../db/database.ts';
import { hashToken } from '../lib/tokens.ts';
import { recordTypedPopulation } from '../modules/evaluation/representation.service.ts';
import { getSurvey, saveAboutYou, saveAnswer, startResponse, submitResponse } from '../modules/surveys/respond.service.ts';
import type { DemoActivities } from './seed-activities.ts';
import type { EvaluationSeedIds } from './seed-evaluation.ts';

type Count = { value: string; count: number };

const POPULATION: Record<'sex' | 'ethnicity' | 'need_type' | 'support_level' | 'age_band', Count[]> = {
  sex: [{ value: 'female', count: 830 }, { value: 'male', count: 1570 }],
  ethnicity: [{ value: 'white', count: 1630 }, { value: 'mixed', count: 170 }, { value: 'asian', count: 380 }, { value: 'black', count: 145 }, { value: 'other', count: 75 }],
  need_type: Object.entries({ SPLD: 210, MLD: 290, SLD: 80, PMLD: 30, SEMH: 430, SLCN: 510, ASD: 620, HI: 40, VI: 20, MSI: 5, PD: 60, OTH: 45, NSA: 60 }).map(([value, count]) => ({ value, count })),
  support_level: [{ value: 'ehc_plan', count: 1010 }, { value: 'sen_support', count: 1390 }],
  age_band: Object.entries({ '0_4': 120, '5_7': 420, '8_11': 760, '12_15': 650, '16_18': 300, '19_25': 150 }).map(([value, count]) => ({ value, count })),
};

/** A list with each value repeated `count` times, in a fixed order (the demo is the same every time). */
const spread = (counts: Record<string, number>): string[] => Object.entries(counts).flatMap(([value, count]) => Array<string>(count).fill(value));

/** Spreads a list evenly over `n` people (so no group sits together at one end). */
function interleave(values: string[], n: number): Array<string | null> {
  const out: Array<string | null> = Array(n).fill(null);
  values.forEach((value, i) => {
    out[Math.floor((i * n) / values.length)] = value;
  });
  return out;
}

const EXTRA = 110;

export async function seedDemoPopulation(db: Db, areaId: string, activities: DemoActivities, ids: EvaluationSeedIds, now: Date): Promise<void> {
  void now;
  // The last January census day before the demo was seeded is not needed: a fixed day in the past.
  await recordTypedPopulation(db, areaId, ids.leadId, {
    asAt: '2026-01-15',
    source: 'Demo data (not real figures), shaped like the January 2026 school census and SEN2 return for Riverside',
    organisationId: null,
    counts: Object.entries(POPULATION).flatMap(([characteristic, counts]) => counts.map((c) => ({ characteristic: characteristic as keyof typeof POPULATION, ...c }))),
  });

  const sex = interleave(spread({ female: 50, male: 60 }), EXTRA);
  const ethnicity = interleave(spread({ white_british: 70, other_white: 8, white_black_caribbean: 6, other_mixed: 3, african: 4, caribbean: 2, prefer_not_to_say: 6 }), EXTRA);
  const need = interleave(spread({ ASD: 30, SEMH: 20, SLCN: 15, MLD: 10, SPLD: 10, SLD: 4, PD: 3, HI: 3, MSI: 1, OTH: 2, dont_know: 12 }), EXTRA);
  const support = interleave(spread({ ehc_plan: 50, sen_support: 48, dont_know: 12 }), EXTRA);
  const age = interleave(spread({ '5_7': 35, '8_11': 45, '12_15': 30 }), EXTRA);

  for (let n = 0; n < EXTRA; n += 1) {
    const token = `demo-population-${n}`;
    const { id } = await startResponse(db, areaId, activities.childrenSurveyId, {
      how: 'own',
      accountId: null,
      idempotencyKey: `demo-population-${n}`.padEnd(24, 'x'),
      accessTokenHash: hashToken(token),
      language: 'en',
      adjustments: [],
      adjustmentDetails: '',
      adjustmentContact: '',
    });
    let survey = await getSurvey(db, areaId, id, { token, accountId: null });
    // The one question every child must answer (how they feel about the club), leaning happy.
    const smiley = survey.questions.find((q) => q.required)!;
    await saveAnswer(db, areaId, survey, smiley, { value: { kind: 'option', optionId: smiley.options[n % 5 < 3 ? 0 : n % 5 === 3 ? 1 : 2]!.id }, declined: false });
    survey = await getSurvey(db, areaId, id, { token, accountId: null });
    await saveAboutYou(db, areaId, survey, 'age_band', age[n] ?? null);
    await saveAboutYou(db, areaId, survey, 'sex', sex[n] ?? null);
    await saveAboutYou(db, areaId, survey, 'ethnicity', ethnicity[n] ?? null);
    await saveAboutYou(db, areaId, survey, 'need_type', need[n] ?? null);
    await saveAboutYou(db, areaId, survey, 'support_level', support[n] ?? null);
    await submitResponse(db, areaId, await getSurvey(db, areaId, id, { token, accountId: null }));
  }
}
