/**
 * The demo area's reports (issue 14 acceptance 1): a published annual board report with every section
 * filled from the demo data, the parent carer forum's own commentary and an easy-read version; and a
 * draft six-month report. Services only.
 *
 * The parent carer forum's part is given to the demo parent carer (parent@riverside.example) and
 * written through their account, as a forum's chair would; the young people's part is written by the
 * participation lead with the Youth Council and credited to it. The decision maker approves and the
 * lead publishes, so the history shows who did each. The published report freezes whatever sections
 * are registered when the seed runs.
 */
import type { Db } from '../db/database.ts';
import type { Actor, Role } from '../lib/authorisation.ts';
import { translator } from '../lib/messages/messages.ts';
import { listForumsAndBoards } from '../modules/areas/areas.service.ts';
import { approveReport, assignPart, createReport, getReport, publishReport, submitForReview, writePart } from '../modules/reports/reports.service.ts';
import { REPORT_SECTIONS } from '../report-sections.ts';

export type ReportSeedPeople = { adminId: string; leadId: string; decisionMakerId: string; parentId: string };

const PARENT_CARERS = `This year more parent carers than ever told the partnership what they think, and we are pleased that the short breaks survey was planned with us from the start, not shown to us at the end.

Families told us that waiting lists and the holiday schemes are still the hardest part of life. Some things have changed because of what we said: the quiet room on Saturdays, and clearer letters about assessments. Other promises are not yet kept, and we will keep asking about them at every board meeting.

We want the board to keep the forum's seat at the table when decisions are made, not after.`;

const YOUNG_PEOPLE = `The Youth Council met every other Thursday this year. Young people said they want to be asked about things that matter to them, at times that are not during school, in places they can get to.

They liked the new Saturday club, and they want to help choose what happens there. They told us that being listened to made them feel more confident, and that they want to see what changed because of what they said.`;

const WHAT_WE_DID = `Most of what we did this year was surveys. Next year the forums asked for more workshops where decisions are made together, and we have planned three.`;

/** A London calendar date ('YYYY-MM-DD') some months before another. */
function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(d, lastDay) + 1);
  return shifted.toISOString().slice(0, 10);
}

function actorOf(accountId: string, areaId: string, role: Role): Actor {
  return { accountId, email: '', displayName: '', isOperator: false, rolesByArea: new Map([[areaId, [role]]]) };
}

export async function seedDemoReports(db: Db, areaId: string, people: ReportSeedPeople, now = new Date()): Promise<void> {
  const t = translator('en');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
  const { boards, forums } = await listForumsAndBoards(db, areaId);
  const board = boards.find((b) => b.name === 'SEND Partnership Board') ?? boards[0];
  const youthCouncil = forums.find((f) => f.audience === 'young_people');
  const year = today.slice(0, 4);
  const lead = actorOf(people.leadId, areaId, 'participation_lead');
  const parent = actorOf(people.parentId, areaId, 'parent_carer');

  // ── The annual board report, published ────────────────────────────────────────────────────────
  const annualId = await createReport(db, REPORT_SECTIONS, areaId, people.leadId, {
    kind: 'board',
    title: `Annual report to the SEND Partnership Board ${year}`,
    audienceBoardId: board?.id ?? null,
    audienceText: board ? '' : 'SEND Partnership Board',
    authors: 'Riverside Parent Carer Forum, Riverside Youth Council and the participation team',
    scope: { kind: 'area' },
    from: monthsBefore(today, 12),
    to: today,
  }, t);
  let view = await getReport(db, REPORT_SECTIONS, areaId, annualId, t);
  const parentPart = view.parts.find((p) => p.kind === 'written' && p.title === t('reports.defaultParts.parentCarers'))!;
  const youngPart = view.parts.find((p) => p.kind === 'written' && p.title === t('reports.defaultParts.youngPeople'))!;
  // The parent carer forum's part goes to the forum's member with an account, who writes it themselves.
  await assignPart(db, REPORT_SECTIONS, areaId, people.leadId, annualId, parentPart.id, { forumId: parentPart.forumId, writerAccountId: people.parentId }, view.report.version, t);
  await writePart(db, REPORT_SECTIONS, areaId, parent, annualId, parentPart.id, PARENT_CARERS, parentPart.version, t);
  await writePart(db, REPORT_SECTIONS, areaId, lead, annualId, youngPart.id, YOUNG_PEOPLE, youngPart.version, t);
  if (!youngPart.forumId && youthCouncil) {
    view = await getReport(db, REPORT_SECTIONS, areaId, annualId, t);
    await assignPart(db, REPORT_SECTIONS, areaId, people.leadId, annualId, youngPart.id, { forumId: youthCouncil.id, writerAccountId: null }, view.report.version, t);
  }
  const firstSection = view.parts.find((p) => p.kind === 'section');
  if (firstSection) await writePart(db, REPORT_SECTIONS, areaId, lead, annualId, firstSection.id, WHAT_WE_DID, firstSection.version, t);
  await submitForReview(db, areaId, people.leadId, annualId);
  await approveReport(db, areaId, people.decisionMakerId, annualId);
  await publishReport(db, REPORT_SECTIONS, areaId, people.leadId, annualId, t, 'en', now);

  // ── A six-month report, still a draft ─────────────────────────────────────────────────────────
  const draftId = await createReport(db, REPORT_SECTIONS, areaId, people.leadId, {
    kind: 'board',
    title: 'Six-month report to the SEND Partnership Board',
    audienceBoardId: board?.id ?? null,
    audienceText: board ? '' : 'SEND Partnership Board',
    authors: 'Riverside Parent Carer Forum, Riverside Youth Council and the participation team',
    scope: { kind: 'area' },
    from: monthsBefore(today, 6),
    to: today,
  }, t);
  const draft = await getReport(db, REPORT_SECTIONS, areaId, draftId, t);
  const draftParent = draft.parts.find((p) => p.kind === 'written' && p.title === t('reports.defaultParts.parentCarers'));
  // Given to the parent carer to write: it is on their own page, waiting.
  if (draftParent) await assignPart(db, REPORT_SECTIONS, areaId, people.leadId, draftId, draftParent.id, { forumId: draftParent.forumId, writerAccountId: people.parentId }, draft.report.version, t);
}
