/**
 * The one authorisation module: can(actor, action, resource). Routes declare the action they need
 * (config.access) and plugins/auth.ts asks here before any handler runs. Services may ask again.
 *
 * Anything not listed is refused: the role × route × area test walks every route against this table.
 */
export const ROLES = [
  'young_person',
  'parent_carer',
  'supporter',
  'practitioner',
  'participation_lead',
  'decision_maker',
  'area_admin',
  // A designated safeguarding lead: reads and decides safeguarding concerns, and nothing else of
  // people's views (issue 9).
  'safeguarding_lead',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['practitioner', 'participation_lead', 'decision_maker', 'area_admin', 'safeguarding_lead'];

export type Actor = {
  accountId: string;
  email: string;
  displayName: string;
  isOperator: boolean;
  /** Roles in every area the account belongs to, by area id. */
  rolesByArea: ReadonlyMap<string, readonly Role[]>;
  /** Member organisations in every area (practitioners act for their own organisation only). */
  organisationsByArea?: ReadonlyMap<string, readonly string[]>;
};

const AREA_ACTIONS = {
  'area.manage': STAFF_ROLES,
  'organisation.manage': ['area_admin'],
  'member.manage': ['area_admin'],
  'charter.edit': ['area_admin'],
  'charter.record_signature': ['area_admin', 'participation_lead'],
  'forum.manage': ['area_admin', 'participation_lead'],
  'audit.view': ['area_admin'],
  // The area's own rules: how soon feedback is due, how much notice activities give.
  'area.settings': ['area_admin'],
  // The area's own pictures (issue 12): photos to use as symbols. Whoever builds surveys may add them.
  'picture.manage': ['area_admin', 'participation_lead', 'practitioner'],
  // Activities and surveys (issue 3).
  'activity.view': STAFF_ROLES,
  'activity.create': ['participation_lead', 'practitioner'],
  'activity.manage': ['participation_lead', 'practitioner'],
  // Views are read by those who act on them; area admins run the area but do not read views (DESIGN §2).
  'contribution.read': ['participation_lead', 'practitioner', 'decision_maker'],
  'contribution.review': ['participation_lead', 'practitioner'],
  'contribution.view_original': ['participation_lead'],
  'response.export': ['participation_lead', 'practitioner'],
  'response.export_personal': ['participation_lead'],
  'term_dates.manage': ['area_admin'],
  'redaction_terms.manage': ['area_admin', 'participation_lead'],
  // You said, we did (issue 4). Leads group views into themes; decision makers answer them with leads
  // (Lundy's audience); publishing and the printed letters (which carry receipt codes) are the lead's.
  'theme.view': ['participation_lead', 'decision_maker'],
  'theme.manage': ['participation_lead'],
  'feedback.respond': ['participation_lead', 'decision_maker'],
  'feedback.publish': ['participation_lead'],
  'feedback.letters': ['participation_lead'],
  // Closure rate, time to feedback and what is overdue: counts only, for everyone who runs the area.
  'feedback.figures': STAFF_ROLES,
  // How the area sends email and text messages (holds the area's Notify key or SMTP password).
  'notifications.manage': ['area_admin'],
  // Safeguarding (issue 9). Only designated safeguarding leads read a concern: the child's words and
  // the decision. Anyone who reads views may raise one by hand. Area admins see counts only (so they
  // can chase an unreviewed concern, or an area with nobody to alert) and choose who the leads are.
  'safeguarding.review': ['safeguarding_lead'],
  'safeguarding.raise': ['participation_lead', 'practitioner', 'decision_maker'],
  'safeguarding.figures': ['area_admin', 'safeguarding_lead'],
  'safeguarding.settings': ['area_admin', 'safeguarding_lead'],
  // Data rights (UK GDPR): finding, exporting and erasing one person's data; the retention schedule.
  'privacy.subject_access': ['area_admin'],
  'privacy.erasure': ['area_admin'],
  'privacy.retention': ['area_admin'],
  // Evaluation (issue 13): counts and ratings about activities, never anyone's words.
  'evaluation.view': ['participation_lead', 'practitioner', 'decision_maker', 'area_admin'],
  // Rating an activity (planned and achieved level, the Lundy checklist, what changed): its own staff.
  'evaluation.rate': ['participation_lead', 'practitioner'],
  // The area's frameworks: which ladder, local wording, the participants' scale, the impact questions.
  'evaluation.settings': ['area_admin', 'participation_lead'],
  // ── evaluation: ladders ──
  // ── evaluation: ratings ──
  // ── evaluation: lundy ──
  // ── evaluation: charter-assessment ──
  // Recording the rating a forum agreed about an organisation against the charter (the forum's members need no account).
  'evaluation.charter_forum': ['participation_lead', 'area_admin'],
  // ── evaluation: impact ──
  // The participant impact check on a person's own page: for the children, young people and parent carers themselves.
  'evaluation.own_impact_check': ['young_person', 'parent_carer'],
  // ── evaluation: representation ──
  'population.manage': ['area_admin', 'participation_lead'],
  // Reports (issue 14). Staff who run the area read every report in any state; leads make and edit
  // them; a board's decision makers (or an area admin) approve; leads publish what was approved.
  'report.view': ['participation_lead', 'practitioner', 'decision_maker', 'area_admin'],
  'report.manage': ['participation_lead', 'area_admin'],
  'report.approve': ['decision_maker', 'area_admin'],
  // Writing a part of a report given to you (a forum's own section): the service checks the part is
  // yours; a parent carer or a young person needs no other right.
  'report.write': ['young_person', 'parent_carer', 'supporter', 'participation_lead', 'practitioner', 'decision_maker', 'area_admin'],
  // ── reports: core ──
  // ── reports: document ──
  // ── reports: formats ──
  // Live sessions (issue 15). Staff who run activities prepare and run sessions for their own
  // organisation's activities (leads for every one), and moderate what is written in them; decision
  // makers read the results. Participants need no account: they join with the session's code.
  'live.run': ['participation_lead', 'practitioner'],
  'live.view': ['participation_lead', 'practitioner', 'decision_maker'],
  // ── live: sessions ──
  // ── live: participate ──
  // ── live: board ──
  // ── live: moderation ──
  // ── live: stream ──
  // Panels and young inspectors (issue 16). Staff who run activities set up panels and inspection
  // programmes for their own organisation's activities (leads for every one): members, candidates,
  // the rubric, decisions, visits, reports. Decision makers read moderation views, results and reports.
  // Members themselves (young people with a code, parent carers and staff with an account) take part
  // through their membership (panels core: currentMember), not a role: those routes are public.
  'panel.manage': ['participation_lead', 'practitioner'],
  'panel.view': ['participation_lead', 'practitioner', 'decision_maker'],
  'inspection.manage': ['participation_lead', 'practitioner'],
  'inspection.view': ['participation_lead', 'practitioner', 'decision_maker'],
  // ── panels: setup and members ──
  // ── panels: questions and scoring ──
  // ── panels: grants ──
  // ── inspections: programmes and visits ──
  // ── inspections: reports ──
  // A young person's own way in (issue 17 §1). Staff and supporters who work with young people set up
  // their sign-in (a code and a picture password chosen together) and send a set-up link to a parent
  // carer. Young people and parent carers reach their own pages through who they are (accounts core
  // actingFor), not a role.
  'young.manage': ['participation_lead', 'practitioner', 'supporter'],
  // ── young: way in ──
  // Recognition (issue 17 §2). Those who run activities record who came, send thanks and propose
  // rewards for their own organisation's activities; leads approve rewards, hold budgets and set rules;
  // decision makers read the figures (no names).
  'recognition.manage': ['participation_lead', 'practitioner'],
  'recognition.approve': ['participation_lead'],
  'recognition.view': ['participation_lead', 'practitioner', 'decision_maker'],
  // ── recognition: rewards ──
  // ── recognition: thanks ──
  // Individual co-production (issue 17 §3). Staff keep volunteers' and support workers' profiles (the
  // DBS check date among them) and arrange introductions. A profile is seen only by whom it is shared
  // with (profiles core profileAccess), never through a role.
  'volunteer.manage': ['participation_lead', 'practitioner'],
  // ── profiles: about me ──
  // ── profiles: volunteers ──
} as const satisfies Record<string, readonly Role[]>;

const INSTALLATION_ACTIONS = ['installation.manage_areas', 'installation.view_outbox'] as const;

export type AreaAction = keyof typeof AREA_ACTIONS;

/**
 * Actions a practitioner may take only on their own organisation's activities. Leads act for the
 * whole partnership. The route gate (plugins/auth.ts) asks with anyOrganisation; a service that has
 * loaded the activity asks again with its organisationId.
 */
const ORGANISATION_SCOPED: ReadonlySet<AreaAction> = new Set(['activity.manage', 'evaluation.rate', 'contribution.read', 'contribution.review', 'response.export', 'safeguarding.raise', 'live.run', 'live.view', 'panel.manage', 'panel.view', 'inspection.manage', 'inspection.view', 'recognition.manage']);
const ORGANISATION_BOUND_ROLES: readonly Role[] = ['practitioner'];

export type Resource = {
  areaId?: string;
  /** The organisation that owns the thing acted on (null: the partnership as a whole). */
  organisationId?: string | null;
  /** Only for the route gate: "could this person do this to something in the area?" */
  anyOrganisation?: boolean;
};
export type InstallationAction = (typeof INSTALLATION_ACTIONS)[number];
export type Action = AreaAction | InstallationAction | 'account.view';

export function isAreaAction(action: Action): action is AreaAction {
  return action in AREA_ACTIONS;
}

/** Roles that may perform an area action (for tests and for showing what a role can do). */
export function rolesFor(action: AreaAction): readonly Role[] {
  return AREA_ACTIONS[action];
}

export function rolesIn(actor: Actor | null, areaId: string | undefined): readonly Role[] {
  if (!actor || !areaId) return [];
  return actor.rolesByArea.get(areaId) ?? [];
}

export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  if (action === 'account.view') return true;
  if (isAreaAction(action)) {
    // Operators run the installation; they get no area powers and so read no personal data.
    const allowed: readonly Role[] = AREA_ACTIONS[action];
    return rolesIn(actor, resource.areaId).some((role) => {
      if (!allowed.includes(role)) return false;
      if (!ORGANISATION_SCOPED.has(action) || !ORGANISATION_BOUND_ROLES.includes(role) || resource.anyOrganisation) return true;
      const own = actor.organisationsByArea?.get(resource.areaId!) ?? [];
      return typeof resource.organisationId === 'string' && own.includes(resource.organisationId);
    });
  }
  return actor.isOperator && (INSTALLATION_ACTIONS as readonly string[]).includes(action);
}
