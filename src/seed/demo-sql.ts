/**
 * The only SQL the demo seed runs itself (decision 0016, exceptions). Everything the demo area holds
 * is made through the services the pages use; what is here is what no page does, so no service offers it:
 * - reading back the ids the next service call needs (which responses were submitted, which
 *   contributions a survey produced), a demo's stand-in for a lead looking at a page;
 * - moving a few dates into the past, so the demo has a history ("the survey closed ten weeks ago",
 *   "the parents heard back five weeks after it closed") on the day it is seeded.
 * Each query runs inside withArea, under the area's row-level security, like a service's.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { withArea } from '../db/db.ts';

export function backdateClosed(db: Db, areaId: string, activityId: string, closedAt: Date): Promise<unknown> {
  return withArea(db, areaId, (tx) => tx.updateTable('activity').set({ closed_at: closedAt }).where('area_id', '=', areaId).where('id', '=', activityId).execute());
}

/**
 * Spreads an activity's submitted responses (and the views they gave) over the weeks it was open,
 * oldest first, as people really answer: a few a day, not all in the second the demo was seeded.
 * Keeps their order, so everything that reads them "oldest first" reads them as before.
 */
export async function spreadSubmissions(db: Db, areaId: string, activityId: string, from: Date, to: Date): Promise<void> {
  const responses = await submittedResponses(db, areaId, activityId);
  const span = to.getTime() - from.getTime();
  await withArea(db, areaId, async (tx) => {
    for (const [i, response] of responses.entries()) {
      // Evenly spaced, then moved into the day (9am to 9pm UTC): parents answer in the evening too.
      const day = new Date(from.getTime() + Math.floor((span * i) / Math.max(1, responses.length)));
      const at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 9 + ((i * 5) % 12), (i * 17) % 60));
      const startedAt = new Date(at.getTime() - (4 + (i % 9)) * 60_000);
      // started_at and created_at are never changed by the app (the schema types say so): raw SQL here.
      await sql`UPDATE response SET started_at = ${startedAt}, updated_at = ${at}, submitted_at = ${at} WHERE area_id = ${areaId} AND id = ${response.id}`.execute(tx);
      await sql`UPDATE contribution SET created_at = ${at} WHERE area_id = ${areaId} AND response_id = ${response.id}`.execute(tx);
    }
  });
}

/** Sets when the published responses to these themes were (first) published. */
export function backdatePublished(db: Db, areaId: string, themeIds: readonly string[], at: Date): Promise<unknown> {
  if (themeIds.length === 0) return Promise.resolve();
  return withArea(db, areaId, (tx) =>
    tx
      .updateTable('theme_response')
      .set({ first_published_at: at, published_at: at })
      .where('area_id', '=', areaId)
      .where('theme_id', 'in', themeIds)
      .where('published_at', 'is not', null)
      .execute(),
  );
}

/** The submitted responses to an activity, oldest first. */
export function submittedResponses(db: Db, areaId: string, activityId: string): Promise<Array<{ id: string; mode: 'anonymous' | 'signed_in' | 'supported' }>> {
  return withArea(db, areaId, (tx) =>
    tx.selectFrom('response').select(['id', 'mode']).where('area_id', '=', areaId).where('activity_id', '=', activityId).where('status', '=', 'submitted').orderBy('submitted_at').orderBy('id').execute(),
  );
}

/** The visible contributions an activity produced, oldest first, as a lead sees them (redacted). */
export function visibleContributions(db: Db, areaId: string, activityId: string): Promise<Array<{ id: string; response_id: string | null; redacted_text: string; needs_review: boolean }>> {
  return withArea(db, areaId, (tx) =>
    tx
      .selectFrom('contribution')
      .select(['id', 'response_id', 'redacted_text', 'needs_review'])
      .where('area_id', '=', areaId)
      .where('activity_id', '=', activityId)
      .where('hidden_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
}

/** The first contribution with exactly these (redacted) words. */
export async function contributionWithWords(db: Db, areaId: string, words: string): Promise<string | undefined> {
  const row = await withArea(db, areaId, (tx) =>
    tx.selectFrom('contribution').select('id').where('area_id', '=', areaId).where('redacted_text', '=', words).orderBy('created_at').limit(1).executeTakeFirst(),
  );
  return row?.id;
}

/** Receipt codes of contributions whose theme has a published answer. */
export async function answeredReceiptCodes(db: Db, areaId: string): Promise<string[]> {
  const rows = await withArea(db, areaId, (tx) =>
    tx
      .selectFrom('contribution as c')
      .innerJoin('theme_contribution as tc', 'tc.contribution_id', 'c.id')
      .innerJoin('theme_response as r', 'r.theme_id', 'tc.theme_id')
      .where('c.area_id', '=', areaId)
      .where('r.published_at', 'is not', null)
      .where('c.receipt_code', 'is not', null)
      .select('c.receipt_code')
      .distinct()
      .orderBy('c.receipt_code')
      .execute(),
  );
  return rows.flatMap((r) => (r.receipt_code ? [r.receipt_code] : []));
}

/** The receipt code of the earliest contribution in the theme with this title. */
export async function receiptCodeInTheme(db: Db, areaId: string, themeTitle: string): Promise<string | undefined> {
  const row = await withArea(db, areaId, (tx) =>
    tx
      .selectFrom('contribution as c')
      .innerJoin('theme_contribution as tc', 'tc.contribution_id', 'c.id')
      .innerJoin('theme as t', 't.id', 'tc.theme_id')
      .where('c.area_id', '=', areaId)
      .where('t.title', '=', themeTitle)
      .where('c.receipt_code', 'is not', null)
      .select('c.receipt_code')
      .orderBy(sql`c.created_at`)
      .limit(1)
      .executeTakeFirst(),
  );
  return row?.receipt_code ?? undefined;
}

/**
 * When the demo's surveys open and close (their activity's starts_at and ends_at, as the builder's
 * dates page sets them): set here because the parents' survey closed weeks before the day it is seeded.
 */
export function setDemoSurveyDates(db: Db, areaId: string, activityId: string, opensAt: Date, closesAt: Date): Promise<unknown> {
  return withArea(db, areaId, (tx) => tx.updateTable('activity').set({ starts_at: opensAt, ends_at: closesAt }).where('area_id', '=', areaId).where('id', '=', activityId).execute());
}

/**
 * The demo parent carer's own views (issue 12 §2), without changing any figure the README gives:
 * one of the children's supported answers becomes the one Lou gave with their child, and one
 * parent survey response with a published answer becomes Lou's own, given signed in.
 */
export async function giveDemoParentTheirViews(db: Db, areaId: string, parentId: string, surveys: { childrenSurveyId: string; parentSurveyId: string }): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const withChild = await tx
      .selectFrom('response as r')
      .innerJoin('contribution as c', 'c.response_id', 'r.id')
      .select('r.id')
      .where('r.area_id', '=', areaId)
      .where('r.activity_id', '=', surveys.childrenSurveyId)
      .where('r.status', '=', 'submitted')
      .where('r.mode', '=', 'supported')
      .where('r.supporter_relationship', '=', 'parent')
      .where('c.hidden_at', 'is', null)
      .orderBy('r.submitted_at')
      .limit(1)
      .executeTakeFirst();
    if (withChild) await tx.updateTable('response').set({ supporter_account_id: parentId }).where('area_id', '=', areaId).where('id', '=', withChild.id).execute();
    const own = await tx
      .selectFrom('response as r')
      .innerJoin('contribution as c', 'c.response_id', 'r.id')
      .innerJoin('theme_contribution as tc', 'tc.contribution_id', 'c.id')
      .innerJoin('theme_response as tr', 'tr.theme_id', 'tc.theme_id')
      .select('r.id')
      .where('r.area_id', '=', areaId)
      .where('r.activity_id', '=', surveys.parentSurveyId)
      .where('r.status', '=', 'submitted')
      .where('r.mode', '=', 'anonymous')
      .where('c.hidden_at', 'is', null)
      .where('tr.published_at', 'is not', null)
      .orderBy('r.submitted_at')
      .limit(1)
      .executeTakeFirst();
    if (own) {
      await tx.updateTable('response').set({ mode: 'signed_in', account_id: parentId }).where('area_id', '=', areaId).where('id', '=', own.id).execute();
      await tx.updateTable('contribution').set({ account_id: parentId }).where('area_id', '=', areaId).where('response_id', '=', own.id).execute();
    }
  });
}

/** A grant round's closing date moved into the past once the demo's providers have applied. */
export function backdateRoundClosing(db: Db, areaId: string, panelId: string, closesAt: Date): Promise<unknown> {
  return withArea(db, areaId, (tx) => tx.updateTable('panel').set({ closes_at: closesAt }).where('area_id', '=', areaId).where('id', '=', panelId).execute());
}

/** A grant round's candidates in the order they were sent (a lead reading the round's page). */
export function roundCandidates(db: Db, areaId: string, panelId: string): Promise<Array<{ id: string }>> {
  return withArea(db, areaId, (tx) => tx.selectFrom('panel_candidate').select('id').where('area_id', '=', areaId).where('panel_id', '=', panelId).orderBy('position').execute());
}

/** A visit's version, for writing its report (a lead's form carries it). */
export async function visitVersion(db: Db, areaId: string, visitId: string): Promise<number> {
  return withArea(db, areaId, async (tx) => (await tx.selectFrom('inspection_visit').select('version').where('area_id', '=', areaId).where('id', '=', visitId).executeTakeFirstOrThrow()).version);
}

/** The panel of an inspection programme's young inspectors (the programme's page links to it). */
export async function programmePanel(db: Db, areaId: string, programmeId: string): Promise<string> {
  return withArea(db, areaId, async (tx) => (await tx.selectFrom('inspection_programme').select('panel_id').where('area_id', '=', areaId).where('id', '=', programmeId).executeTakeFirstOrThrow()).panel_id);
}

/**
 * The demo child's sign-in code, fixed so the start-up message and the README can print it (as the
 * demo password is). A real young person's code is random and shown once (accounts giveYoungCode).
 */
export function setDemoYoungCode(db: Db, areaId: string, youngPersonId: string, codeHash: string): Promise<unknown> {
  return withArea(db, areaId, (tx) => tx.updateTable('young_person').set({ code_hash: codeHash }).where('area_id', '=', areaId).where('id', '=', youngPersonId).execute());
}

/** When the demo child chose who to meet, moved into the past (a page records it as it happens). */
export function backdateIntroductionChosen(db: Db, areaId: string, introductionId: string, chosenAt: Date): Promise<unknown> {
  return withArea(db, areaId, (tx) => tx.updateTable('introduction').set({ chosen_at: chosenAt }).where('area_id', '=', areaId).where('id', '=', introductionId).execute());
}
