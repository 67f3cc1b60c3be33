/**
 * The demo area, "Riverside SEND Partnership": made-up organisations, people, a signed charter,
 * forums and boards, and one account per role. Every page of a demo area says it is a demo.
 * Runs once: an existing data folder is never reseeded.
 */
import type { Db } from '../db/database.ts';
import type { Role } from '../lib/authorisation.ts';
import { addMember, createAccount } from '../modules/accounts/members.service.ts';
import { seedDemoActivities } from './seed-activities.ts';
import { seedDemoFeedback } from './seed-feedback.ts';
import { seedDemoSafeguarding } from './seed-safeguarding.ts';
import { seedDemoParent } from './seed-parent.ts';
import { seedDemoEvaluation } from './seed-evaluation.ts';
import { seedDemoReports } from './seed-reports.ts';
import { seedDemoLive } from './seed-live.ts';
import { seedDemoPanels } from './seed-panels.ts';
import { seedDemoInspections } from './seed-inspections.ts';
import { seedDemoRecognition } from './seed-recognition.ts';
import { addBoard, addForum, addOrganisation, createArea, findAreaBySlug, listForumsAndBoards, recordSignature } from '../modules/areas/areas.service.ts';

export const DEMO_SLUG = 'riverside';

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; displayName: string; role: Role | 'operator'; organisation?: string }> = [
  { email: 'admin@riverside.example', displayName: 'Sam Okafor', role: 'area_admin', organisation: 'Riverside Council' },
  { email: 'lead@riverside.example', displayName: 'Jess Patel', role: 'participation_lead', organisation: 'Riverside Youth Voice' },
  { email: 'practitioner@riverside.example', displayName: 'Tom Reid', role: 'practitioner', organisation: 'Riverside NHS Trust' },
  { email: 'decision-maker@riverside.example', displayName: 'Helen Moss', role: 'decision_maker', organisation: 'Riverside Council' },
  { email: 'parent@riverside.example', displayName: 'Lou Davies', role: 'parent_carer', organisation: 'Riverside Parent Carer Forum' },
  { email: 'safeguarding@riverside.example', displayName: 'Grace Mensah', role: 'safeguarding_lead', organisation: 'Riverside Council' },
  { email: 'operator@chorus.example', displayName: 'Chorus operator', role: 'operator' },
];

const ORGANISATIONS = [
  { name: 'Riverside Council', kind: 'council', signer: ['Priya Shah', 'Director of Children\'s Services'], signedOn: '2026-03-04' },
  { name: 'Riverside NHS Trust', kind: 'nhs', signer: ['Dr Alan Brooks', 'Designated Clinical Officer for SEND'], signedOn: '2026-03-04' },
  { name: 'Riverside Parent Carer Forum', kind: 'parent_carer_forum', signer: ['Maria Lopes', 'Chair'], signedOn: '2026-03-11' },
  { name: 'Riverside Youth Voice', kind: 'charity', signer: ['Kai Turner', 'Youth Council co-chair'], signedOn: '2026-04-02' },
] as const;

/** Seeds the demo area unless it exists. Returns true when it seeded. */
export async function seedDemo(db: Db, password: string, baseUrl = 'http://localhost:3000'): Promise<boolean> {
  if (await findAreaBySlug(db, DEMO_SLUG)) return false;
  const area = await createArea(db, { slug: DEMO_SLUG, name: 'Riverside SEND Partnership', contactEmail: 'participation@riverside.example', isDemo: true, brandColour: '#1d5c7a' });
  const organisationIds = new Map<string, string>();
  for (const o of ORGANISATIONS) {
    const created = await addOrganisation(db, area.id, null, { name: o.name, kind: o.kind });
    organisationIds.set(o.name, created.id);
  }
  let adminId: string | null = null;
  const accountIds = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const id = await createAccount(db, { email: a.email, displayName: a.displayName, password, isOperator: a.role === 'operator' });
    if (a.role !== 'operator') await addMember(db, area.id, id, a.role, organisationIds.get(a.organisation ?? '') ?? null);
    if (a.role === 'area_admin') adminId = id;
    accountIds.set(a.role, id);
  }
  for (const o of ORGANISATIONS) {
    await recordSignature(db, area.id, adminId!, { organisationId: organisationIds.get(o.name)!, signedByName: o.signer[0], signedByRole: o.signer[1], signedOn: o.signedOn });
  }
  await addBoard(db, area.id, adminId!, { name: 'SEND Partnership Board', description: 'Leaders from education, health and care who plan and check SEND services across Riverside. It meets every two months.' });
  await addBoard(db, area.id, adminId!, { name: 'Local Offer Steering Group', description: 'Keeps the Local Offer (the area\'s information about SEND services) accurate, and answers the comments families send about it.' });
  const { boards } = await listForumsAndBoards(db, area.id);
  const board = (name: string) => boards.find((b) => b.name === name)!.id;
  await addForum(db, area.id, adminId!, {
    name: 'Riverside Youth Council',
    audience: 'young_people',
    description: 'Young people aged 11 to 25 with SEND who meet to shape services and check that promises are kept.',
    easyRead: 'Young people meet to talk about services. They help make them better.',
    meets: 'Every other Thursday, 4:30pm to 6pm, at the Riverside Hub (step-free, quiet room)',
    boardIds: [board('SEND Partnership Board')],
  });
  await addForum(db, area.id, adminId!, {
    name: 'Riverside Parent Carer Forum',
    audience: 'parent_carers',
    description: 'The independent forum of parent carers of children and young people with SEND in Riverside.',
    easyRead: 'Parents and carers meet to share what they think about services.',
    meets: 'First Tuesday of each month, 10am to 12pm, and online in the evening',
    boardIds: [board('SEND Partnership Board'), board('Local Offer Steering Group')],
  });
  await addForum(db, area.id, adminId!, {
    name: 'Young Inspectors',
    audience: 'young_people',
    description: 'Trained young people who visit services and report what works and what should change.',
    easyRead: 'Young people visit places and say what is good and what should change.',
    meets: 'During school holidays, on visit days',
    boardIds: [board('SEND Partnership Board')],
  });
  const activities = await seedDemoActivities(db, area.id, adminId!, organisationIds);
  // Before the feedback: the concern raised by hand is decided and its words go back among the
  // views, and the flagged one stays held, so themes and "you said, we did" never include it.
  await seedDemoSafeguarding(db, area.id, { adminId: adminId!, leadId: accountIds.get('participation_lead')!, safeguardingLeadId: accountIds.get('safeguarding_lead')! }, activities);
  const { boards: allBoards } = await listForumsAndBoards(db, area.id);
  await seedDemoFeedback(db, area.id, DEMO_SLUG, baseUrl, activities, {
    leadId: accountIds.get('participation_lead')!,
    decisionMakerId: accountIds.get('decision_maker')!,
    boards: new Map(allBoards.map((b) => [b.name, b.id])),
    organisationIds,
  });
  await seedDemoParent(db, area.id, accountIds.get('parent_carer')!, activities);
  // Live sessions (issue 15): a finished youth forum session whose notes were themed into "you said,
  // we did", and one ready to run.
  await seedDemoLive(db, area.id, DEMO_SLUG, baseUrl, activities, { leadId: accountIds.get('participation_lead')!, decisionMakerId: accountIds.get('decision_maker')!, organisationIds });
  // Panels and young inspectors (issue 16): an interview panel and a grant round decided with young
  // people's scores; an inspection programme with two visits, one needing a re-inspection.
  const panelPeople = { leadId: accountIds.get('participation_lead')!, decisionMakerId: accountIds.get('decision_maker')!, organisationIds };
  await seedDemoPanels(db, area.id, DEMO_SLUG, baseUrl, panelPeople);
  await seedDemoInspections(db, area.id, DEMO_SLUG, baseUrl, panelPeople);
  // Recognition and individual co-production (issue 17): a young person's own sign-in, their profile
  // and volunteer; thanks and vouchers after a youth forum event, and an event whose thanks are overdue.
  await seedDemoRecognition(db, area.id, DEMO_SLUG, baseUrl, { leadId: accountIds.get('participation_lead')!, parentId: accountIds.get('parent_carer')!, practitionerId: accountIds.get('practitioner')!, organisationIds });
  await seedDemoEvaluation(db, area.id, activities, {
    adminId: adminId!,
    leadId: accountIds.get('participation_lead')!,
    decisionMakerId: accountIds.get('decision_maker')!,
    parentId: accountIds.get('parent_carer')!,
    organisationIds,
  });
  // Last: the reports are built from everything above.
  await seedDemoReports(db, area.id, {
    adminId: adminId!,
    leadId: accountIds.get('participation_lead')!,
    decisionMakerId: accountIds.get('decision_maker')!,
    parentId: accountIds.get('parent_carer')!,
  });
  return true;
}
