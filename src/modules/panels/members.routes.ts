/**
 * Panels (issue 16), part: members. Staff (panel.manage): members and their checklist, young people's
 * personal codes (shown once, on a printable card), candidates, time given. Members (public, checked
 * here): signing in with a code, "My panels", and the member home with their own checklist (taking
 * part, conflicts, ground rules) and what to do next. Plain forms that post and redirect: everything
 * works without JavaScript and by keyboard; members' pages are easy read with symbols.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { AGE_BANDS, getActivity, GROUND_RULES, londonParts } from '../activities/activities.service.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { candidateName, checklistGaps, currentMember, currentMemberships, findPanel, MEMBER_COOKIE, MEMBER_SESSION_DAYS, memberBase, memberCookiePath, memberToken, parseMemberCode, UNDER_16_BANDS, type PanelMember } from './core.ts';
import { withArea } from '../../db/db.ts';
import { candidateForm, checklistForm, codeForm, conflictForm, NAME_MAX, newMemberForm, timeForm, WHO } from './members.forms.ts';
import * as members from './members.service.ts';
import { checklistText, panelUrls, param, when } from './setup.routes.ts';
import * as setup from './setup.service.ts';

const K = 'panels.members.';
const manage = { config: { access: { action: 'panel.manage' as const } } };
const publicRoute = { config: { access: 'public' as const } };

/** Guessing personal codes: only wrong codes count, per address, in PostgreSQL (every instance shares it). */
export const CODE_FAILURES = { max: 30, windowMs: 10 * 60_000 };

/** OpenMoji symbols on the members' pages. */
const SYMBOLS = { key: '1F511', training: '1F4DA', consent: '1F44D', parent: '1F46A', conflict: '1F91D', rules: '1F4DC', questions: '2753', score: '2B50', happened: '1F4E3', inspect: '1F50D', done: '2705', todo: '23F3' };
const RULE_SYMBOLS: Record<string, string> = { confidentiality: '1F910', respect: '1F91D', ok_not_to_answer: '1F64A', ok_to_leave: '1F6AA' };

/** "3 hours 30 minutes", in the reader's language. */
export function durationText(request: FastifyRequest, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [];
  if (h) parts.push(request.t(`${K}time.hours`, { count: h }));
  if (m || !h) parts.push(request.t(`${K}time.minutes`, { count: m }));
  return parts.join(' ');
}

const cookieOptions = (request: FastifyRequest) => ({ path: memberCookiePath(request.area!.slug), httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https', signed: true });

export default async function membersRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const failures = app.failureLimit('panel-member-code', CODE_FAILURES.windowMs);

  const load = (request: FastifyRequest) => setup.authorisedPanel(db, request.actor, request.area!.id, param(request, 'panelId'), 'panel.manage');
  const urls = (request: FastifyRequest) => panelUrls(request.area!.slug, param(request, 'panelId'));
  const signInUrl = (request: FastifyRequest) => `${memberBase(request.area!.slug)}/sign-in`;

  // ── Members (staff) ─────────────────────────────────────────────────────────────────────────

  app.get('/a/:area/panels/:panelId/members', manage, async (request, reply) => {
    const { panel } = await load(request);
    const list = await members.membersOf(db, request.area!.id, panel.id);
    const u = urls(request);
    return reply.page('panels/views/members/list.njk', {
      title: request.t(`${K}list.title`),
      panel,
      members: list.map((m) => ({ name: m.displayName, kind: request.t(`panels.setup.memberKinds.${m.kind}`), checklist: checklistText(request, m), seesNames: m.seesNames, href: u.member(m.id), byCode: !m.accountId })),
      urls: u,
      backLink: u.panel,
    });
  });

  const whoItems = (request: FastifyRequest, chosen: unknown) => WHO.map((w) => ({ value: w, text: request.t(`${K}new.who.${w}`), hint: { text: request.t(`${K}new.whoHint.${w}`) }, checked: w === chosen }));
  const ageItems = (request: FastifyRequest, chosen: unknown) => [{ value: '', text: request.t(`${K}new.ageChoose`) }, ...AGE_BANDS.map((b) => ({ value: b, text: request.t(`activities.options.ageBands.${b}`), selected: b === chosen }))];

  const renderNew = (request: FastifyRequest, reply: FastifyReply, panel: { title: string }, values: Record<string, unknown>, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('panels/views/members/new.njk', { title: request.t(`${K}new.title`), panel, values, errors: {}, whoItems: whoItems(request, values.who), ageItems: ageItems(request, values.ageBand), nameMax: NAME_MAX, action: urls(request).newMember, backLink: urls(request).members, ...extra }, status);

  /** The card with the code: shown once, never again (only its hash is kept). */
  const renderCard = (request: FastifyRequest, reply: FastifyReply, panel: { title: string }, name: string, code: string, reissued = false) => {
    reply.header('cache-control', 'no-store');
    return reply.page('panels/views/members/card.njk', { title: request.t(`${K}card.title`, { name }), panel, name, code, reissued, keySymbol: SYMBOLS.key, signInAddress: `${app.config.baseUrl.replace(/\/$/, '')}${signInUrl(request)}`, urls: urls(request) });
  };

  app.get('/a/:area/panels/:panelId/members/new', manage, async (request, reply) => {
    const { panel } = await load(request);
    return renderNew(request, reply, panel, {});
  });

  app.post('/a/:area/panels/:panelId/members/new', manage, async (request, reply) => {
    const { panel } = await load(request);
    const form = parseForm(newMemberForm, request.body, request.t, { who: 'who' });
    if (!form.ok) return renderNew(request, reply, panel, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    const input = form.data;
    const actorId = request.actor!.accountId;
    if (input.who === 'young_person' || input.who === 'parent_code') {
      const { code } = await members.addYoungMember(db, request.area!.id, actorId, panel.id, { kind: input.who === 'young_person' ? 'young_person' : 'parent_carer', displayName: input.displayName, ageBand: input.who === 'young_person' ? input.ageBand : null });
      return renderCard(request, reply, panel, input.displayName, code);
    }
    try {
      const id = await members.addAccountMember(db, request.area!.id, actorId, panel.id, { kind: input.who === 'staff' ? 'staff' : 'parent_carer', email: input.email });
      return reply.flash(request.t(`${K}new.added`)).redirect(urls(request).member(id), 303);
    } catch (error) {
      const key = error instanceof members.NotAreaMemberError ? 'notAreaMember' : error instanceof members.AlreadyOnPanelError ? 'alreadyOnPanel' : undefined;
      if (!key) throw error;
      const failed = formError('email', request.t(`${K}errors.${key}`), (request.body ?? {}) as Record<string, unknown>);
      return renderNew(request, reply, panel, failed.values, { errors: failed.errors, errorSummary: failed.summary }, 422);
    }
  });

  const dateValues = (prefix: string, at: Date | null) => {
    const p = at ? londonParts(at) : undefined;
    return { [`${prefix}Day`]: p ? String(p.day) : '', [`${prefix}Month`]: p ? String(p.month) : '', [`${prefix}Year`]: p ? String(p.year) : '' };
  };

  const renderMember = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, extra: Record<string, unknown> = {}, status = 200) => {
    const { panel } = await load(request);
    const member = await members.memberOf(db, request.area!.id, panel.id, param(request, 'memberId'));
    const under16 = member.kind === 'young_person' && (member.ageBand === null || UNDER_16_BANDS.has(member.ageBand));
    const u = urls(request);
    return reply.page('panels/views/members/member.njk', {
      title: member.displayName,
      panel,
      member: {
        ...member,
        kindText: request.t(`panels.setup.memberKinds.${member.kind}`),
        checklist: checklistText(request, member),
        byCode: !member.accountId,
      },
      under16,
      summaryRows: [
        ...(member.kind === 'young_person' ? [{ key: { text: request.t(`${K}member.age`) }, value: { text: member.ageBand ? request.t(`activities.options.ageBands.${member.ageBand}`) : '' } }] : []),
        { key: { text: request.t(`${K}member.consent`) }, value: { text: member.consentAt ? request.t(`${K}member.doneOn`, { date: when(request, member.consentAt, 'date') }) : request.t(`${K}member.notYet`) } },
        { key: { text: request.t(`${K}member.conflict`) }, value: { text: member.conflict === null ? request.t(`${K}member.notYet`) : member.conflict === 'none' ? request.t(`${K}member.conflictNone`) : member.conflict } },
        { key: { text: request.t(`${K}member.rules`) }, value: { text: member.rulesAgreedAt ? request.t(`${K}member.doneOn`, { date: when(request, member.rulesAgreedAt, 'date') }) : request.t(`${K}member.notYet`) } },
      ],
      values: values ?? {
        training: member.trainingDoneAt ? 'yes' : '',
        ...dateValues('training', member.trainingDoneAt),
        parental: member.parentalConsentAt ? 'yes' : '',
        ...dateValues('parental', member.parentalConsentAt),
        parentalNote: member.parentalConsentNote,
        seesNames: member.seesNames ? 'yes' : 'no',
        conflict: '',
      },
      errors: {},
      action: u.member(member.id),
      removeAction: `${u.member(member.id)}/remove`,
      codeAction: `${u.member(member.id)}/code`,
      backLink: u.members,
      ...extra,
    }, status);
  };

  app.get('/a/:area/panels/:panelId/members/:memberId', manage, (request, reply) => renderMember(request, reply));

  app.post('/a/:area/panels/:panelId/members/:memberId', manage, async (request, reply) => {
    const { panel } = await load(request);
    const form = parseForm(checklistForm, request.body, request.t, { seesNames: 'seesNames' });
    if (!form.ok) return renderMember(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    await members.recordChecklist(db, request.area!.id, request.actor!.accountId, panel.id, param(request, 'memberId'), form.data);
    return reply.flash(request.t(`${K}member.saved`)).redirect(urls(request).member(param(request, 'memberId')), 303);
  });

  app.post('/a/:area/panels/:panelId/members/:memberId/remove', manage, async (request, reply) => {
    const { panel } = await load(request);
    await members.removeMember(db, request.area!.id, request.actor!.accountId, panel.id, param(request, 'memberId'));
    return reply.flash(request.t(`${K}member.removed`)).redirect(urls(request).members, 303);
  });

  app.post('/a/:area/panels/:panelId/members/:memberId/code', manage, async (request, reply) => {
    const { panel } = await load(request);
    const member = await members.memberOf(db, request.area!.id, panel.id, param(request, 'memberId'));
    const code = await members.reissueCode(db, request.area!.id, request.actor!.accountId, panel.id, member.id);
    return renderCard(request, reply, panel, member.displayName, code, true);
  });

  // ── Candidates (interview panels; a grant round's come from applications) ───────────────────────

  const renderCandidates = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, status = 200) => {
    const { panel } = await load(request);
    const list = await members.candidatesOf(db, request.area!.id, panel.id);
    const u = urls(request);
    return reply.page('panels/views/members/candidates.njk', {
      title: request.t(`${K}candidates.title`),
      panel,
      candidates: list.map((c) => ({ label: c.label, name: candidateName(null, c), withdrawn: Boolean(c.withdrawnAt), href: u.candidate(c.id) })),
      canAdd: panel.kind === 'interview',
      values,
      errors: {},
      action: u.newCandidate,
      backLink: u.panel,
      ...extra,
    }, status);
  };

  app.get('/a/:area/panels/:panelId/candidates', manage, (request, reply) => renderCandidates(request, reply));
  app.get('/a/:area/panels/:panelId/candidates/new', manage, (request, reply) => renderCandidates(request, reply));

  app.post('/a/:area/panels/:panelId/candidates/new', manage, async (request, reply) => {
    const { panel } = await load(request);
    if (panel.kind !== 'interview') throw new NotFoundError('candidates by hand');
    const form = parseForm(candidateForm, request.body, request.t);
    if (!form.ok) return renderCandidates(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    await members.addCandidate(db, request.area!.id, request.actor!.accountId, panel.id, form.data.name, request.t(`${K}candidates.labelWord`));
    return reply.flash(request.t(`${K}candidates.added`)).redirect(urls(request).candidates, 303);
  });

  const renderCandidate = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, extra: Record<string, unknown> = {}, status = 200) => {
    const { panel } = await load(request);
    const candidate = await members.candidateOf(db, request.area!.id, panel.id, param(request, 'candidateId'));
    const u = urls(request);
    return reply.page('panels/views/members/candidate.njk', {
      title: candidate.label,
      panel,
      candidate,
      canRename: panel.kind === 'interview',
      values: values ?? { name: candidate.name },
      errors: {},
      action: u.candidate(candidate.id),
      withdrawAction: `${u.candidate(candidate.id)}/withdraw`,
      backLink: u.candidates,
      ...extra,
    }, status);
  };

  app.get('/a/:area/panels/:panelId/candidates/:candidateId', manage, (request, reply) => renderCandidate(request, reply));

  app.post('/a/:area/panels/:panelId/candidates/:candidateId', manage, async (request, reply) => {
    const { panel } = await load(request);
    if (panel.kind !== 'interview') throw new NotFoundError('candidates by hand');
    const form = parseForm(candidateForm, request.body, request.t);
    if (!form.ok) return renderCandidate(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    await members.renameCandidate(db, request.area!.id, request.actor!.accountId, panel.id, param(request, 'candidateId'), form.data.name);
    return reply.flash(request.t(`${K}candidates.saved`)).redirect(urls(request).candidates, 303);
  });

  app.post('/a/:area/panels/:panelId/candidates/:candidateId/withdraw', manage, async (request, reply) => {
    const { panel } = await load(request);
    const withdrawn = (request.body as Record<string, unknown> | undefined)?.withdrawn !== 'no';
    await members.setWithdrawn(db, request.area!.id, request.actor!.accountId, panel.id, param(request, 'candidateId'), withdrawn);
    return reply.flash(request.t(withdrawn ? `${K}candidates.withdrawn` : `${K}candidates.reinstated`)).redirect(urls(request).candidates, 303);
  });

  // ── Time given ──────────────────────────────────────────────────────────────────────────────

  const renderTime = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, status = 200) => {
    const { panel } = await load(request);
    const list = await members.membersOf(db, request.area!.id, panel.id);
    const totals = await members.timeTotals(db, request.area!.id, list);
    const present = new Set([(values.present as string[] | string | undefined) ?? []].flat());
    return reply.page('panels/views/members/time.njk', {
      title: request.t(`${K}time.title`),
      panel,
      memberItems: list.map((m) => ({ value: m.id, text: m.displayName, checked: present.has(m.id) })),
      whatItems: members.TIME_WHAT.map((w) => ({ value: w, text: request.t(`${K}time.what.${w}`), checked: values.what === w })),
      totals: list.map((m) => ({ name: m.displayName, total: durationText(request, totals.get(m.id) ?? 0) })),
      values,
      errors: {},
      action: urls(request).time,
      backLink: urls(request).panel,
      ...extra,
    }, status);
  };

  app.get('/a/:area/panels/:panelId/time', manage, (request, reply) => renderTime(request, reply));

  app.post('/a/:area/panels/:panelId/time', manage, async (request, reply) => {
    const { panel } = await load(request);
    const form = parseForm(timeForm, request.body, request.t, { metDay: 'metDay', what: 'what', present: 'present' });
    if (!form.ok) return renderTime(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    const added = await members.recordPanelTime(db, request.area!.id, request.actor!.accountId, panel.id, form.data);
    const message = added === 0 ? request.t(`${K}time.nothingNew`) : request.t(`${K}time.recorded`, { count: added, duration: durationText(request, form.data.minutes) });
    return reply.flash(message).redirect(urls(request).time, 303);
  });

  // ── A member's way in (public) ──────────────────────────────────────────────────────────────

  const renderSignIn = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('panels/views/members/sign-in.njk', { title: request.t(`${K}signIn.title`), values: {}, errors: {}, action: signInUrl(request), keySymbol: SYMBOLS.key, ...extra }, status);

  const tooMany = (request: FastifyRequest, reply: FastifyReply) => reply.page('panels/views/members/too-many.njk', { title: request.t(`${K}signIn.tooManyTitle`) }, 429);

  app.get('/a/:area/panels/sign-in', publicRoute, (request, reply) => renderSignIn(request, reply));

  app.post('/a/:area/panels/sign-in', publicRoute, async (request, reply) => {
    if ((await failures.count(request.ip)) >= CODE_FAILURES.max) return tooMany(request, reply);
    const form = parseForm(codeForm, request.body, request.t);
    if (!form.ok) return renderSignIn(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const found = await members.signInWithCode(db, request.area!.id, parseMemberCode(form.data.code)!);
    if (!found) {
      const count = await failures.fail(request.ip);
      if (count > CODE_FAILURES.max) return tooMany(request, reply);
      const failed = formError('code', request.t(`${K}errors.codeNotFound`), { code: form.data.code.slice(0, 40) });
      return renderSignIn(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values, notFound: true }, 404);
    }
    reply.setCookie(MEMBER_COOKIE, found.token, { ...cookieOptions(request), maxAge: MEMBER_SESSION_DAYS * 86_400 });
    return reply.redirect(`${memberBase(request.area!.slug)}/mine`, 303);
  });

  app.post('/a/:area/panels/sign-out', publicRoute, async (request, reply) => {
    const token = memberToken(request);
    if (token) await members.signOut(db, request.area!.id, token);
    reply.clearCookie(MEMBER_COOKIE, cookieOptions(request));
    return reply.flash(request.t(`${K}signIn.signedOut`)).redirect(signInUrl(request), 303);
  });

  app.get('/a/:area/panels/mine', publicRoute, async (request, reply) => {
    const mine = await withArea(db, request.area!.id, (tx) => currentMemberships(tx, request, request.area!.id));
    const panels = await members.panelsOfMembers(db, request.area!.id, mine.map((m) => m.panelId));
    return reply.page('panels/views/members/mine.njk', {
      title: request.t(`${K}mine.title`),
      panels: panels.map((p) => ({ title: p.title, href: panelUrls(request.area!.slug, p.id).me, kind: request.t(`panels.setup.kinds.${p.kind}`) })),
      signInUrl: signInUrl(request),
      signOutAction: `${memberBase(request.area!.slug)}/sign-out`,
      byCode: Boolean(memberToken(request)),
    });
  });

  // ── The member home ─────────────────────────────────────────────────────────────────────────

  /** The member and their panel; undefined for anyone who is not on it (they get the sign-in page). */
  const asMember = async (request: FastifyRequest) => {
    const panelId = param(request, 'panelId');
    return withArea(db, request.area!.id, async (tx) => {
      const member = await currentMember(tx, request, request.area!.id, panelId);
      if (!member) return undefined;
      const panel = await findPanel(tx, request.area!.id, panelId);
      return panel ? { member, panel } : undefined;
    });
  };

  const renderHome = async (request: FastifyRequest, reply: FastifyReply, found: { member: PanelMember; panel: NonNullable<Awaited<ReturnType<typeof findPanel>>> }, extra: Record<string, unknown> = {}, status = 200) => {
    const { member, panel } = found;
    const activity = await getActivity(db, request.area!.id, panel.activityId);
    const chosen = activity.groundRules.length ? GROUND_RULES.filter((r) => activity.groundRules.includes(r)) : GROUND_RULES;
    const gaps = checklistGaps(member);
    const u = urls(request);
    const under16 = member.kind === 'young_person' && (member.ageBand === null || UNDER_16_BANDS.has(member.ageBand));
    const steps = panel.kind === 'inspection'
      ? [{ href: u.inspections, text: request.t(`${K}home.next.inspect`), symbol: SYMBOLS.inspect }]
      : [
          { href: u.questions, text: request.t(`${K}home.next.questions`), symbol: SYMBOLS.questions },
          ...(gaps.length === 0 ? [{ href: u.score, text: request.t(`${K}home.next.score`), symbol: SYMBOLS.score }] : []),
          { href: u.whatHappened, text: request.t(`${K}home.next.happened`), symbol: SYMBOLS.happened },
        ];
    return reply.page('panels/views/members/home.njk', {
      title: panel.title,
      panel: { ...panel, kindText: request.t(`panels.setup.kinds.${panel.kind}`) },
      member,
      ready: gaps.length === 0,
      gaps,
      under16,
      symbols: SYMBOLS,
      rules: chosen.map((r) => ({ symbol: RULE_SYMBOLS[r], title: request.t(`activities.options.groundRules.${r}`), words: request.t(`activities.options.groundRuleWording.${r}`) })),
      conflictText: member.conflict && member.conflict !== 'none' ? member.conflict : '',
      steps,
      actions: { consent: `${u.me}/consent`, conflict: `${u.me}/conflict`, rules: `${u.me}/rules` },
      values: {},
      errors: {},
      mineUrl: `${memberBase(request.area!.slug)}/mine`,
      signOutAction: `${memberBase(request.area!.slug)}/sign-out`,
      byCode: !member.accountId,
      ...extra,
    }, status);
  };

  const notMember = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(signInUrl(request), 303);

  app.get('/a/:area/panels/:panelId/me', publicRoute, async (request, reply) => {
    const found = await asMember(request);
    if (!found) return notMember(request, reply);
    return renderHome(request, reply, found);
  });

  app.post('/a/:area/panels/:panelId/me/consent', publicRoute, async (request, reply) => {
    const found = await asMember(request);
    if (!found) return notMember(request, reply);
    await members.memberConsents(db, request.area!.id, found.member);
    return reply.redirect(`${urls(request).me}#conflict`, 303);
  });

  app.post('/a/:area/panels/:panelId/me/rules', publicRoute, async (request, reply) => {
    const found = await asMember(request);
    if (!found) return notMember(request, reply);
    await members.memberAgreesRules(db, request.area!.id, found.member);
    return reply.redirect(`${urls(request).me}#next`, 303);
  });

  app.post('/a/:area/panels/:panelId/me/conflict', publicRoute, async (request, reply) => {
    const found = await asMember(request);
    if (!found) return notMember(request, reply);
    const form = parseForm(conflictForm, request.body, request.t, { knows: 'knows' });
    if (!form.ok) return renderHome(request, reply, found, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    const outcome = await members.memberDeclaresConflict(db, request.area!.id, found.member, found.panel.activityId, form.data);
    if (outcome.concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, request.area!.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
    return reply.redirect(`${urls(request).me}#rules`, 303);
  });

}
