/**
 * A visit's report (issue 16 §2): what the young inspectors rated and wrote, per agreed criterion,
 * without their names ("Inspector 1", numbered per visit in the order they joined the team, so the
 * numbers stay the same however often the page is read); the summary written with them in standard
 * words and in easy read; and sending it to the provider.
 *
 * Sending does, in one transaction: fixes the overall rating (core.ts `overallRating`), marks the
 * visit reported, makes the provider's link (only its hash kept, valid 60 days) and queues the
 * email, makes every inspector's note a contribution (channel 'inspection', the key the inspector's
 * page screened it under, so a note held for safeguarding stays held) and audits it. Then, when the
 * rating is at or below the programme's line, a re-inspection is planned through the visits part's
 * `planVisit`, once only (a unique index on reinspection_of holds that, whatever happens).
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { translator } from '../../lib/messages/messages.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { findActivity, getActivity } from '../activities/activities.service.ts';
import { addChannelContributions } from '../contributions/contributions.service.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { currentMember, listMembers } from '../panels/index.ts';
import { audit } from '../privacy/audit.service.ts';
import { keysWithConcerns } from '../privacy/safeguarding.service.ts';
import { findProgramme, findVisit, listInspectionCriteria, listPhotos, listRatings, needsReinspection, overallRating, type Programme, type Visit } from './core.ts';
import * as repo from './reports.repository.ts';
import { planVisit } from './visits.service.ts';

export type { Action } from './reports.repository.ts';

/** How long the provider's link works. */
export const PROVIDER_LINK_DAYS = 60;
export const SUMMARY_MAX = 10000;
export const EASY_READ_MAX = 5000;

/** The key a finding is screened and stored under: the inspector's page uses the same. */
export const findingKey = (visitId: string, criterionId: string, memberId: string) => `finding:${visitId}:${criterionId}:${memberId}`;

export type ReportEntry = { inspector: number; rating: number | null; note: string; held: boolean };
export type ReportCriterion = { id: string; title: string; symbol: string | null; goodLooksLike: string; mean: number | null; entries: ReportEntry[]; photos: Array<{ id: string; altText: string }> };
export type ReportView = {
  programme: Programme;
  visit: Visit;
  criteria: ReportCriterion[];
  /** Photos not tied to a criterion. */
  photos: Array<{ id: string; altText: string }>;
  inspectors: number;
  /** The rating the report would fix now (or the fixed one once sent). */
  overall: number | null;
  reinspection: { visitId: string; startsAt: Date | null } | null;
  actions: repo.Action[];
};

function param(value: string): string {
  if (!isId(value)) throw new NotFoundError('inspection');
  return value;
}

/** The programme, if this person may act on it (its activity's organisation, as for every activity). */
export async function authorisedProgramme(db: Db, actor: Actor | null, areaId: string, programmeId: string, action: 'inspection.manage' | 'inspection.view'): Promise<Programme> {
  return (await authorisedProgrammeIn(db, actor, areaId, programmeId, action)).programme;
}

async function authorisedProgrammeIn(db: Db, actor: Actor | null, areaId: string, programmeId: string, action: 'inspection.manage' | 'inspection.view'): Promise<{ programme: Programme; organisationId: string | null }> {
  const programme = await withArea(db, areaId, (tx) => findProgramme(tx, areaId, param(programmeId)));
  if (!programme) throw new NotFoundError('programme');
  const activity = await getActivity(db, areaId, programme.activityId);
  if (!can(actor, action, { areaId, organisationId: activity.organisationId })) throw new ForbiddenError(action);
  return { programme, organisationId: activity.organisationId };
}

/** Inspectors in a stable order for this visit: the team's order (when they joined), then anyone since removed. */
function inspectorNumbers(memberOrder: readonly string[], ratedBy: Iterable<string>): Map<string, number> {
  const rated = new Set(ratedBy);
  const known = memberOrder.filter((id) => rated.has(id));
  const gone = [...rated].filter((id) => !memberOrder.includes(id)).sort();
  return new Map([...known, ...gone].map((id, i) => [id, i + 1]));
}

/**
 * Everything the report shows, in a fixed number of queries whatever the number of inspectors,
 * criteria or photos. Notes with a safeguarding concern are marked `held` (their words are not shown).
 */
export async function loadReport(db: Db, areaId: string, programme: Programme, visitId: string): Promise<ReportView> {
  const loaded = await withArea(db, areaId, async (tx) => {
    const visit = await findVisit(tx, areaId, programme.id, param(visitId));
    if (!visit) return undefined;
    const [criteria, ratings, photos, members, reinspection, actions] = [
      await listInspectionCriteria(tx, areaId, programme.id, true),
      await listRatings(tx, areaId, visit.id),
      await listPhotos(tx, areaId, visit.id),
      await listMembers(tx, areaId, programme.panelId),
      await repo.findReinspection(tx, areaId, visit.id),
      await repo.listActions(tx, areaId, visit.id),
    ];
    const noted = ratings.filter((r) => r.note.trim()).map((r) => findingKey(visit.id, r.criterionId, r.memberId));
    const held = noted.length > 0 ? await keysWithConcerns(tx, areaId, 'inspection', noted) : new Set<string>();
    return { visit, criteria, ratings, photos, members, reinspection, actions, held };
  });
  if (!loaded) throw new NotFoundError('visit');
  const { visit, criteria, ratings, photos, members, reinspection, actions, held } = loaded;
  const agreed = new Set(criteria.map((c) => c.id));
  const numbers = inspectorNumbers(members.map((m) => m.id), ratings.filter((r) => agreed.has(r.criterionId)).map((r) => r.memberId));
  const reportCriteria = criteria.map((c) => {
    const mine = ratings.filter((r) => r.criterionId === c.id && (r.rating !== null || r.note.trim()));
    const given = mine.filter((r) => r.rating !== null).map((r) => r.rating!);
    return {
      id: c.id,
      title: c.title,
      symbol: c.symbol,
      goodLooksLike: c.goodLooksLike,
      mean: given.length ? Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 10) / 10 : null,
      entries: mine
        .map((r) => ({ inspector: numbers.get(r.memberId)!, rating: r.rating, note: held.has(findingKey(visit.id, c.id, r.memberId)) ? '' : r.note, held: held.has(findingKey(visit.id, c.id, r.memberId)) }))
        .sort((a, b) => a.inspector - b.inspector),
      photos: photos.filter((p) => p.criterionId === c.id).map((p) => ({ id: p.id, altText: p.altText })),
    };
  });
  let reinspectionView: ReportView['reinspection'] = null;
  if (reinspection) {
    const activity = await findActivity(db, areaId, reinspection.activityId);
    reinspectionView = { visitId: reinspection.id, startsAt: activity?.startsAt ?? null };
  }
  return {
    programme,
    visit,
    criteria: reportCriteria,
    photos: photos.filter((p) => !p.criterionId || !agreed.has(p.criterionId)).map((p) => ({ id: p.id, altText: p.altText })),
    inspectors: numbers.size,
    overall: visit.overallRating ?? overallRating(ratings, agreed),
    reinspection: reinspectionView,
    actions,
  };
}

/** The report for staff who may view the programme; `canManage` when they may also write and send it. */
export async function reportFor(db: Db, actor: Actor | null, areaId: string, programmeId: string, visitId: string, action: 'inspection.manage' | 'inspection.view'): Promise<ReportView & { canManage: boolean }> {
  const { programme, organisationId } = await authorisedProgrammeIn(db, actor, areaId, programmeId, action);
  const view = await loadReport(db, areaId, programme, visitId);
  return { ...view, canManage: can(actor, 'inspection.manage', { areaId, organisationId }) };
}

/**
 * The easy-read report: for staff who may view the programme, and for its own young inspectors
 * (signed in with their account or their code). Anyone else: not found.
 */
export async function easyReadFor(db: Db, request: FastifyRequest, areaId: string, programmeId: string, visitId: string): Promise<ReportView> {
  const programme = await withArea(db, areaId, (tx) => findProgramme(tx, areaId, param(programmeId)));
  if (!programme) throw new NotFoundError('programme');
  const activity = await getActivity(db, areaId, programme.activityId);
  if (!can(request.actor ?? null, 'inspection.view', { areaId, organisationId: activity.organisationId })) {
    const member = await withArea(db, areaId, (tx) => currentMember(tx, request, areaId, programme.panelId));
    if (!member) throw new NotFoundError('visit');
  }
  return loadReport(db, areaId, programme, visitId);
}

export type WriteOutcome = { ok: true } | { ok: false; reason: 'stale' | 'sent' };

/**
 * Saves the report's two summaries (standard and easy read). `version` is the visit's version the
 * writer started from: if someone saved since, nothing is saved and the caller keeps the words.
 */
export async function writeReport(db: Db, actorId: string | null, areaId: string, programmeId: string, visitId: string, input: { summary: string; easyReadSummary: string; version: number }): Promise<WriteOutcome> {
  return withArea(db, areaId, async (tx) => {
    const visit = await findVisit(tx, areaId, programmeId, param(visitId));
    if (!visit) throw new NotFoundError('visit');
    if (visit.status !== 'planned' && visit.status !== 'visited') return { ok: false, reason: 'sent' } as const;
    const saved = await repo.updateSummaries(tx, areaId, visit.id, input.version, { summary: input.summary.trim(), easyReadSummary: input.easyReadSummary.trim() });
    if (!saved) return { ok: false, reason: 'stale' } as const;
    await audit(tx, areaId, actorId, 'inspection.report.written', { type: 'inspection_visit', id: visit.id });
    return { ok: true } as const;
  });
}

export class NothingRatedError extends Error {}
export class NoContactError extends Error {}

export type SendOutcome = { token: string; overall: number; reinspectionVisitId: string | null; concernRaised: boolean };

const english = translator('en');

/**
 * Sends the report to the provider (see the header). `linkFor(token)` makes the provider's address
 * (the route knows the installation's base URL and the area's slug). Returns the link's token (the
 * demo seed uses it) and the re-inspection planned, if any. Sending a second time is refused
 * (ConflictError) but still makes sure a re-inspection the first send needed was planned.
 */
export async function sendReport(db: Db, actorId: string | null, areaId: string, programmeId: string, visitId: string, linkFor: (token: string) => string, now = new Date()): Promise<SendOutcome> {
  const programme = await withArea(db, areaId, (tx) => findProgramme(tx, areaId, param(programmeId)));
  if (!programme) throw new NotFoundError('programme');
  const token = newToken();
  const sent = await withArea(db, areaId, async (tx) => {
    const visit = await repo.lockVisitForSend(tx, areaId, programme.id, param(visitId));
    if (!visit) throw new NotFoundError('visit');
    if (visit.status === 'reported' || visit.status === 'responded') return { already: true as const, visit };
    if (visit.status === 'cancelled') throw new ConflictError('visit cancelled');
    const criteria = await listInspectionCriteria(tx, areaId, programme.id, true);
    const ratings = await listRatings(tx, areaId, visit.id);
    const overall = overallRating(ratings, new Set(criteria.map((c) => c.id)));
    if (overall === null) throw new NothingRatedError();
    if (!visit.contactEmail.trim()) throw new NoContactError();
    await repo.markReported(tx, areaId, visit.id, { overall, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + PROVIDER_LINK_DAYS * 86_400_000), now });
    await queueMessage(tx, areaId, {
      purpose: 'inspection_report',
      channel: 'email',
      recipient: visit.contactEmail.trim(),
      subject: english('inspections.reports.email.subject', { provider: visit.providerName }),
      body: english('inspections.reports.email.body', { provider: visit.providerName, programme: programme.title, rating: overall.toFixed(1), link: linkFor(token), days: PROVIDER_LINK_DAYS }),
    });
    // Every note becomes a contribution, once per key; words held for safeguarding stay held.
    const members = new Map((await listMembers(tx, areaId, programme.panelId)).map((m) => [m.id, m.accountId]));
    const titles = new Map(criteria.map((c) => [c.id, c.title]));
    const findings = await addChannelContributions(
      tx,
      areaId,
      ratings
        .filter((r) => titles.has(r.criterionId) && r.note.trim())
        .map((r) => ({
          activityId: programme.activityId,
          channel: 'inspection' as const,
          sourceKey: findingKey(visit.id, r.criterionId, r.memberId),
          text: r.note,
          accountId: members.get(r.memberId) ?? null,
          question: english('inspections.reports.findingQuestion', { provider: visit.providerName, criterion: titles.get(r.criterionId)! }),
        })),
    );
    await audit(tx, areaId, actorId, 'inspection.report.sent', { type: 'inspection_visit', id: visit.id, detail: { overall, findings: findings.added } });
    return { already: false as const, visit, overall, concernRaised: findings.concernRaised };
  });
  const reinspectionVisitId = await ensureReinspection(db, actorId, areaId, programme, sent.visit.id, sent.visit.providerId, now);
  if (sent.already) throw new ConflictError('report already sent');
  return { token, overall: sent.overall, reinspectionVisitId, concernRaised: sent.concernRaised };
}

/**
 * Plans the re-inspection a reported visit needs by the programme's own rule, once: nothing when the
 * fixed rating is above the line or one is already planned. Returns the re-inspection's id, if any.
 */
export async function ensureReinspection(db: Db, actorId: string | null, areaId: string, programme: Programme, visitId: string, providerId: string, now = new Date()): Promise<string | null> {
  const state = await withArea(db, areaId, async (tx) => ({ visit: await findVisit(tx, areaId, programme.id, visitId), existing: await repo.findReinspection(tx, areaId, visitId) }));
  if (state.existing) return state.existing.id;
  if (!state.visit || !needsReinspection(programme, state.visit.overallRating)) return null;
  const startsAt = new Date(now.getTime() + programme.reinspectAfterDays * 86_400_000);
  try {
    return await planVisit(db, actorId, areaId, programme.id, { providerId, startsAt, reinspectionOf: visitId });
  } catch (error) {
    // Two sends racing: the other planned it (the unique index on reinspection_of).
    if ((error as { code?: string }).code === '23505') return (await withArea(db, areaId, (tx) => repo.findReinspection(tx, areaId, visitId)))?.id ?? null;
    throw error;
  }
}
