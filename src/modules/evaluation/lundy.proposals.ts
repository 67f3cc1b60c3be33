/**
 * Chorus' proposed answers to the Lundy checklist, worked out from its own records (issue 13 §2).
 * Pure: the service reads the records (one query per source for any number of activities) and
 * passes them in. A person confirms or overrides each proposal; nothing here is stored by itself.
 *
 * Each rule returns an answer (or null when the records say nothing either way), a reason (a message
 * key under evaluation.lundy.reasons.<proposer>.<reason>, with its figures) and the pages holding the
 * evidence, so the person can check it before agreeing.
 *
 * The thresholds are Chorus' own, written down here so a lead can see why a proposal is what it is:
 * - space: the planning checks as they stand now (planning-checks.ts) and adjustment requests;
 * - voice: the formats the activity offered (children's mode = symbols and read aloud, an easy read
 *   purpose, interpreters and signers, answers given with a supporter, online and in person);
 * - audience: who decided each response to a theme holding the activity's views (a board or a named
 *   decision maker), and whether it was published;
 * - influence: published responses, "we can't, because" reasons, closure rate (80% or more is "yes")
 *   and time to feedback against the area's own promise (feedback weeks).
 */
import type { LundyFeedbackRow } from '../feedback/figures.service.ts';
import type { SpaceEvidence } from '../activities/activities.service.ts';
import type { LundyAnswer, Proposer } from './data/lundy.ts';

export type EvidenceLink = { key: string; href: string; params?: Record<string, string | number> };

export type Proposal = {
  answer: LundyAnswer | null;
  reason: string;
  params: Record<string, string | number>;
  links: EvidenceLink[];
};

export type ActivityEvidence = {
  areaSlug: string;
  space: SpaceEvidence;
  responses: { submitted: number; supported: number };
  feedback: LundyFeedbackRow | undefined;
};

/** A closure rate at or above this share proposes "yes" (Chorus' own threshold). */
export const GOOD_CLOSURE = 0.8;
/** A survey open for at least this many days gave people enough time (Chorus' own threshold). */
export const SURVEY_DAYS = 14;

const DAY = 86_400_000;

const proposal = (answer: LundyAnswer | null, reason: string, params: Proposal['params'] = {}, links: EvidenceLink[] = []): Proposal => ({ answer, reason, params, links });

function urls(e: ActivityEvidence) {
  const activity = `/a/${e.areaSlug}/activities/${e.space.activity.id}`;
  return {
    checks: { key: 'planningChecks', href: `${activity}#checklist` },
    edit: { key: 'activityDetails', href: `${activity}/edit` },
    adjustments: { key: 'adjustments', href: `${activity}/adjustments` },
    results: { key: 'results', href: `${activity}/results` },
    contributions: { key: 'contributions', href: `${activity}/contributions` },
    themes: { key: 'themes', href: `/a/${e.areaSlug}/manage/themes` },
    figures: { key: 'feedbackFigures', href: `/a/${e.areaSlug}/manage/feedback` },
    published: { key: 'publicFeedback', href: `${activity}/you-said-we-did` },
    theme: (themeId: string, title: string): EvidenceLink => ({ key: 'theme', href: `/a/${e.areaSlug}/manage/themes/${themeId}/response`, params: { title } }),
  };
}

const isClosed = (e: ActivityEvidence) => e.space.activity.status === 'closed' || e.space.activity.status === 'feedback_given';
const check = (e: ActivityEvidence, key: string) => e.space.checks.find((c) => c.key === key)!;
const isSurvey = (e: ActivityEvidence) => e.space.activity.type === 'survey';

function spaceEarly(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const notice = check(e, 'notice');
  const stage = e.space.activity.stage;
  if (notice.result === 'ok') return proposal('yes', 'notice_ok', { days: notice.params.count!, min: notice.params.min! }, [u.checks]);
  if (notice.result === 'warning') {
    if (notice.reason === 'short') return proposal('no', 'notice_short', { days: notice.params.count!, min: notice.params.min! }, [u.checks]);
    if (notice.reason === 'passed') return proposal('no', 'notice_passed', { min: e.space.minNoticeDays }, [u.checks]);
    return proposal(null, 'no_date', {}, [u.edit]);
  }
  // Untimed (a survey): how early in the work people were asked.
  return proposal(stage === 'design' ? 'yes' : 'partly', `stage_${stage}`, {}, [u.edit]);
}

function spaceSafe(e: ActivityEvidence): Proposal {
  const u = urls(e);
  if (isSurvey(e)) return proposal('yes', 'survey', {}, [u.edit]);
  const rules = e.space.activity.groundRules;
  if (rules.includes('confidentiality') && rules.includes('respect')) return proposal('yes', 'ground_rules', { rules: rules.join(',') }, [u.checks]);
  if (rules.length > 0) return proposal('partly', 'some_ground_rules', { rules: rules.join(',') }, [u.checks]);
  return proposal('no', 'no_ground_rules', {}, [u.checks]);
}

const INCLUSION_CHECKS = ['school_hours', 'school_run', 'school_holidays', 'bank_holidays', 'venue_access', 'adjustments'] as const;

function spaceInclusive(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const warnings = INCLUSION_CHECKS.filter((k) => check(e, k).result === 'warning');
  const { open, notPossible, arranged } = e.space.requests;
  const params = { warnings: warnings.length, arranged, open, notPossible };
  const links = [u.checks, ...(open + arranged + notPossible > 0 ? [u.adjustments] : [])];
  if (warnings.includes('adjustments') || notPossible > 0) return proposal('no', notPossible > 0 ? 'requests_refused' : 'no_adjustments', params, links);
  if (warnings.length > 0 || open > 0) return proposal('partly', warnings.length > 0 ? 'warnings' : 'requests_open', params, links);
  return proposal('yes', 'all_met', params, links);
}

function spaceVenue(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const venue = check(e, 'venue_access');
  const { notPossible } = e.space.requests;
  if (venue.result === 'not_applicable') return proposal('not_applicable', venue.reason === 'online' ? 'online' : 'no_venue', {}, [u.checks]);
  if (venue.result === 'warning') return proposal('no', 'missing', {}, [u.checks]);
  if (notPossible > 0) return proposal('partly', 'requests_refused', { notPossible }, [u.checks, u.adjustments]);
  if (venue.reason === 'recorded_none') return proposal('partly', 'recorded_none', {}, [u.checks]);
  return proposal('yes', 'recorded', { venueAccess: e.space.activity.venueAccess.join(',') }, [u.checks]);
}

/** The ways to take part an activity offered: online, in person, a survey, with a supporter. */
function waysToTakePart(e: ActivityEvidence): string[] {
  const a = e.space.activity;
  const ways: string[] = [];
  if (a.type === 'survey') ways.push('survey');
  if (a.venueKind === 'in_person' || a.venueKind === 'hybrid') ways.push('in_person');
  if (a.venueKind === 'online' || a.venueKind === 'hybrid') ways.push('online');
  if (e.responses.supported > 0) ways.push('supported');
  return ways;
}

function spaceWays(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const ways = waysToTakePart(e);
  const links = [u.edit, ...(e.responses.supported > 0 ? [u.results] : [])];
  if (ways.length >= 2) return proposal('yes', 'several', { ways: ways.join(',') }, links);
  if (ways.length === 1) return proposal('partly', 'one', { ways: ways.join(',') }, links);
  return proposal('no', 'none', {}, links);
}

function spaceCommunication(e: ActivityEvidence): Proposal {
  const u = urls(e);
  // The survey's end asks each person how they want to hear back; a sign-up asks what would help.
  if (isSurvey(e)) return proposal('yes', 'survey_hear_back', {}, [u.results]);
  if (e.space.activity.type === 'individual_planning') return proposal(null, 'individual', {}, [u.edit]);
  return proposal('yes', 'signup_asks', { requests: e.space.requests.open + e.space.requests.arranged + e.space.requests.notPossible }, [u.adjustments]);
}

function voiceInformation(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const a = e.space.activity;
  const easyRead = a.easyReadPurpose.trim() !== '';
  const shared = isSurvey(e) || a.questionsShared;
  if (easyRead && shared) return proposal('yes', isSurvey(e) ? 'survey_easy_read' : 'shared_easy_read', {}, [u.edit, u.checks]);
  if (easyRead || shared) return proposal('partly', easyRead ? 'easy_read_only' : isSurvey(e) ? 'survey_no_easy_read' : 'shared_only', {}, [u.edit, u.checks]);
  return proposal('no', 'neither', {}, [u.edit, u.checks]);
}

function voiceOptional(e: ActivityEvidence): Proposal {
  const u = urls(e);
  if (isSurvey(e)) return proposal('yes', 'survey', {}, [u.edit]);
  const rules = e.space.activity.groundRules;
  const notAnswer = rules.includes('ok_not_to_answer');
  const leave = rules.includes('ok_to_leave');
  if (notAnswer && leave) return proposal('yes', 'both', {}, [u.checks]);
  if (notAnswer || leave) return proposal('partly', 'one', {}, [u.checks]);
  return proposal('no', 'none', {}, [u.checks]);
}

const FORMAT_ADJUSTMENTS = ['symbols', 'easy_read', 'makaton_signer', 'bsl_interpreter', 'interpreter'] as const;

/** The formats offered, by key (evaluation.lundy.formats.<key>). */
export function formatsOffered(e: ActivityEvidence): string[] {
  const a = e.space.activity;
  const formats = new Set<string>();
  if (a.childrenMode) {
    formats.add('symbols');
    // Read aloud is offered on the answering pages in children's mode (surveys).
    if (isSurvey(e)) formats.add('read_aloud');
  }
  if (a.easyReadPurpose.trim() !== '') formats.add('easy_read');
  for (const x of FORMAT_ADJUSTMENTS) if (a.adjustmentsOffered.includes(x)) formats.add(x);
  if (e.responses.supported > 0) formats.add('supported');
  if (a.venueKind === 'hybrid') formats.add('hybrid');
  return [...formats];
}

function voiceFormats(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const formats = formatsOffered(e);
  const links = [u.edit, ...(e.responses.supported > 0 ? [u.results] : [])];
  const params = { formats: formats.join(',') };
  if (formats.length >= 3) return proposal('yes', 'several', params, links);
  if (formats.length >= 1) return proposal('partly', 'few', params, links);
  return proposal('no', 'none', params, links);
}

function voiceTime(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const a = e.space.activity;
  if (isSurvey(e)) {
    if (!a.startsAt || !a.endsAt) return proposal(null, 'survey_no_dates', {}, [u.edit]);
    const days = Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / DAY);
    return proposal(days >= SURVEY_DAYS ? 'yes' : 'partly', days >= SURVEY_DAYS ? 'survey_long' : 'survey_short', { days, min: SURVEY_DAYS }, [u.edit]);
  }
  return spaceEarly(e).answer === null ? proposal(null, 'no_date', {}, [u.edit]) : { ...spaceEarly(e), reason: `notice_${check(e, 'notice').reason}` };
}

function audienceProcess(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const f = e.feedback;
  if (!f || f.visible === 0) return proposal(null, 'no_views', {}, [u.contributions]);
  const themed = f.visible - f.unthemed;
  const params = { visible: f.visible, themed, themes: f.themes.length };
  if (f.unthemed === 0) return proposal('yes', 'all_themed', params, [u.contributions, u.themes]);
  if (themed > 0) return proposal('partly', 'some_themed', params, [u.contributions, u.themes]);
  return proposal('no', 'none_themed', params, [u.contributions]);
}

const named = (t: LundyFeedbackRow['themes'][number]) => Boolean(t.boardName) || t.decidedByRole.trim() !== '';
const themeLinks = (e: ActivityEvidence, themes: LundyFeedbackRow['themes']) => themes.slice(0, 5).map((t) => urls(e).theme(t.themeId, t.title));

function audienceToldWho(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const f = e.feedback;
  const published = (f?.themes ?? []).filter((t) => t.published);
  if (published.length === 0) return proposal(isClosed(e) && (f?.visible ?? 0) > 0 ? 'no' : null, isClosed(e) ? 'none_published' : 'not_closed', {}, [u.figures]);
  const withName = published.filter(named);
  const params = { published: published.length, named: withName.length };
  const links = [u.published, ...themeLinks(e, published)];
  if (withName.length === published.length) return proposal('yes', 'all_named', params, links);
  return proposal(withName.length > 0 ? 'partly' : 'no', withName.length > 0 ? 'some_named' : 'none_named', params, links);
}

function audiencePower(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const responded = (e.feedback?.themes ?? []).filter((t) => t.stage !== null);
  if (responded.length === 0) return proposal(isClosed(e) && (e.feedback?.visible ?? 0) > 0 ? 'no' : null, isClosed(e) ? 'no_responses' : 'not_closed', {}, [u.themes]);
  const withName = responded.filter(named);
  const boards = [...new Set(responded.map((t) => t.boardName).filter((b): b is string => Boolean(b)))];
  const params = { responses: responded.length, named: withName.length, boards: boards.join(', ') || '-' };
  const links = themeLinks(e, responded);
  if (withName.length === responded.length) return proposal('yes', 'all_named', params, links);
  return proposal(withName.length > 0 ? 'partly' : 'no', withName.length > 0 ? 'some_named' : 'none_named', params, links);
}

function influenceConsidered(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const themes = e.feedback?.themes ?? [];
  if (themes.length === 0) return proposal(null, 'no_themes', {}, [u.themes]);
  const decided = themes.filter((t) => t.status !== null && t.status !== 'deciding');
  const params = { themes: themes.length, decided: decided.length };
  const links = themeLinks(e, themes);
  if (decided.length === themes.length) return proposal('yes', 'all_decided', params, links);
  if (decided.length > 0) return proposal('partly', 'some_decided', params, links);
  return proposal(isClosed(e) ? 'no' : null, 'none_decided', params, links);
}

function influenceProcedures(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const f = e.feedback;
  if (!f || f.visible === 0) return proposal(null, 'no_views', {}, [u.figures]);
  const percent = Math.round((f.answered / f.visible) * 100);
  const params = { answered: f.answered, visible: f.visible, percent, weeks: f.feedbackWeeks };
  if (f.daysOverdue !== null) return proposal('no', 'overdue', { ...params, days: f.daysOverdue }, [u.figures]);
  if (f.answered / f.visible >= GOOD_CLOSURE) return proposal('yes', 'closure_good', params, [u.figures]);
  if (f.answered > 0) return proposal('partly', 'closure_some', params, [u.figures]);
  return proposal(isClosed(e) ? 'no' : null, 'closure_none', params, [u.figures]);
}

function influenceFeedback(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const f = e.feedback;
  const published = (f?.themes ?? []).filter((t) => t.published);
  const cannot = published.filter((t) => t.status === 'cannot');
  const cannotExplained = cannot.filter((t) => t.hasReason).length;
  const weeks = f?.feedbackWeeks ?? 12;
  const params = { published: published.length, cannot: cannot.length, explained: cannotExplained, weeks, days: f?.daysToFeedback ?? 0 };
  const links = [u.published, u.figures];
  if (published.length === 0) {
    if (f?.daysOverdue !== null && f?.daysOverdue !== undefined) return proposal('no', 'overdue', { ...params, days: f.daysOverdue }, links);
    return proposal(isClosed(e) && (f?.visible ?? 0) > 0 ? 'no' : null, isClosed(e) ? 'none_published' : 'not_closed', params, [u.figures]);
  }
  if (cannotExplained < cannot.length) return proposal('partly', 'cannot_unexplained', params, links);
  if (f?.daysToFeedback !== null && f?.daysToFeedback !== undefined && f.daysToFeedback > weeks * 7) return proposal('partly', 'late', params, links);
  return proposal('yes', cannot.length > 0 ? 'in_time_with_cannot' : 'in_time', params, links);
}

function influenceChanged(e: ActivityEvidence): Proposal {
  const u = urls(e);
  const themes = e.feedback?.themes ?? [];
  const changedPublished = themes.filter((t) => t.published && t.hasChange && t.status !== 'cannot' && t.status !== 'deciding');
  const changedDraft = themes.filter((t) => !t.published && t.hasChange && t.status !== 'cannot' && t.status !== 'deciding');
  const params = { published: changedPublished.length, drafts: changedDraft.length };
  if (changedPublished.length > 0) return proposal('yes', 'published', params, [u.published, ...themeLinks(e, changedPublished)]);
  if (changedDraft.length > 0) return proposal('partly', 'drafts', params, themeLinks(e, changedDraft));
  return proposal(isClosed(e) && themes.length > 0 ? 'no' : null, 'none', params, [u.themes]);
}

const RULES: Record<Proposer, (e: ActivityEvidence) => Proposal> = {
  space_early: spaceEarly,
  space_safe: spaceSafe,
  space_inclusive: spaceInclusive,
  space_venue: spaceVenue,
  space_ways: spaceWays,
  space_communication: spaceCommunication,
  voice_information: voiceInformation,
  voice_optional: voiceOptional,
  voice_formats: voiceFormats,
  voice_time: voiceTime,
  audience_process: audienceProcess,
  audience_told_who: audienceToldWho,
  audience_power: audiencePower,
  influence_considered: influenceConsidered,
  influence_procedures: influenceProcedures,
  influence_feedback: influenceFeedback,
  influence_changed: influenceChanged,
};

/** Chorus' proposal for one checklist question, or none when no record bears on it. */
export function propose(proposer: Proposer | null, evidence: ActivityEvidence): Proposal | null {
  return proposer ? RULES[proposer](evidence) : null;
}
