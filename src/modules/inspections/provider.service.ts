/**
 * The provider's side of a report (issue 16 §2): the link in the email opens the report (standard
 * and easy read) with no inspector's name or personal details (inspectors are "Inspector 1"; their
 * notes go through the same redaction as contributions; a note held for safeguarding is never
 * shown), and the provider responds once with what they think and their actions, each with a date.
 * A second response is refused with "already sent": the lead has read the first, and an edit
 * afterwards would change what they read without telling them.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { hashToken } from '../../lib/tokens.ts';
import { findActivity } from '../activities/activities.service.ts';
import { publicationRedactor } from '../contributions/contributions.service.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { findProgramme, findVisit } from './core.ts';
import * as repo from './reports.repository.ts';
import { loadReport, type ReportView } from './reports.service.ts';

const english = translator('en');

/** A token is 43 base64url characters (tokens.ts); anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The report a provider's link opens, redacted for them; undefined for a wrong or expired link. */
export async function providerReport(db: Db, areaId: string, token: string, now = new Date()): Promise<ReportView | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const found = await withArea(db, areaId, (tx) => repo.findVisitByTokenHash(tx, areaId, hashToken(token), now));
  if (!found) return undefined;
  const programme = await withArea(db, areaId, (tx) => findProgramme(tx, areaId, found.programmeId));
  if (!programme) return undefined;
  const view = await loadReport(db, areaId, programme, found.id);
  const redact = await publicationRedactor(db, areaId);
  return {
    ...view,
    visit: { ...view.visit, summary: redact(view.visit.summary), easyReadSummary: redact(view.visit.easyReadSummary) },
    criteria: view.criteria.map((c) => ({ ...c, entries: c.entries.map((e) => ({ ...e, note: e.held ? '' : redact(e.note) })) })),
  };
}

export type ProviderAction = { action: string; dueOn: string };
export type RespondOutcome = 'sent' | 'already' | 'not_found';

/**
 * Records the provider's response and actions, once, and queues a note to the lead (the
 * programme's activity contact) saying they responded. Callable from the seed with the token
 * `sendReport` returned.
 */
export async function respondAsProvider(db: Db, areaId: string, token: string, input: { response: string; actions: readonly ProviderAction[] }, linkForLead: (programmeId: string, visitId: string) => string, now = new Date()): Promise<RespondOutcome> {
  if (!TOKEN_SHAPE.test(token)) return 'not_found';
  return withArea(db, areaId, async (tx) => {
    const found = await repo.findVisitByTokenHash(tx, areaId, hashToken(token), now, true);
    if (!found) return 'not_found';
    const saved = await repo.saveResponse(tx, areaId, found.id, input.response.trim(), input.actions, now);
    if (!saved) return 'already';
    const programme = await findProgramme(tx, areaId, found.programmeId);
    const visit = await findVisit(tx, areaId, found.programmeId, found.id);
    const activity = programme ? await findActivity(db, areaId, programme.activityId) : undefined;
    if (activity?.contactEmail.trim() && visit) {
      await queueMessage(tx, areaId, {
        purpose: 'inspection_response',
        channel: 'email',
        recipient: activity.contactEmail.trim(),
        subject: english('inspections.reports.leadEmail.subject', { provider: visit.providerName }),
        body: english('inspections.reports.leadEmail.body', { provider: visit.providerName, actions: input.actions.length, link: linkForLead(found.programmeId, found.id) }),
      });
    }
    await audit(tx, areaId, null, 'inspection.report.responded', { type: 'inspection_visit', id: found.id, detail: { actions: input.actions.length } });
    return 'sent';
  });
}
