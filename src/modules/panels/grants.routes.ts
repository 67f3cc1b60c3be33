/**
 * Panels (issue 16 §1), part: grants ("Dragon's Den"). Staff keep a round's application questions,
 * see the applications and the pot, and send the outcomes. Providers apply on public pages: they
 * sign in by a link sent to their email address (no password), save and come back, check their
 * answers and send. Plain forms that post and redirect: every page works without JavaScript.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PanelOutcome } from '../../db/database.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type FormProblem } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { checkApplyValues, questionForm, readApplyBody, signInForm, type ApplyValues } from './grants.forms.ts';
import * as grants from './grants.service.ts';
import { sendQueuedNow } from '../notifications/queued-messages.service.ts';
import { pounds } from '../../lib/money.ts';

const K = 'panels.grants.';
const manage = { config: { access: { action: 'panel.manage' as const } } };
const publicRoute = { config: { access: 'public' as const } };

/**
 * Asking for sign-in links, counted in PostgreSQL (every instance shares the count): 10 an hour
 * from one address, 5 an hour for one email address (so nobody can flood someone's inbox), and 30
 * wrong or used links an hour from one address. The page says the same whatever the address.
 */
export const LINK_LIMITS = { perAddress: 10, perEmail: 5, wrongLinks: 30, windowMs: 60 * 60_000 };

type Params = { area: string; panelId?: string; grantQuestionId?: string; roundId?: string; token?: string };

function param(request: FastifyRequest, name: 'panelId' | 'grantQuestionId' | 'roundId'): string {
  const value = (request.params as Params)[name];
  if (!isId(value)) throw new NotFoundError(name);
  return value;
}

/** "Thursday 24 December 2026 at 5:00pm" in London, in the reader's language. */
function closing(request: FastifyRequest, at: Date | null): string {
  if (!at) return '';
  const date = new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'full', timeZone: 'Europe/London' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' }).format(at).replace(' ', '').toLowerCase();
  return request.t(`${K}closesAt`, { date, time });
}

function daysLeft(request: FastifyRequest, at: Date | null): string {
  if (!at) return '';
  const days = Math.ceil((at.getTime() - Date.now()) / 86_400_000);
  if (days <= 0) return '';
  return days === 1 ? request.t(`${K}lastDay`) : request.t(`${K}daysLeft`, { count: days });
}

export default async function grantsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const perAddress = app.failureLimit('grant-link-address', LINK_LIMITS.windowMs);
  const perEmail = app.failureLimit('grant-link-email', LINK_LIMITS.windowMs);
  const wrongLinks = app.failureLimit('grant-link-wrong', LINK_LIMITS.windowMs);
  const t = (request: FastifyRequest) => (key: string, params?: Record<string, unknown>) => request.t(`${K}${key}`, params);
  const outcomeName = (request: FastifyRequest, outcome: PanelOutcome) => request.t(`${K}outcomes.${outcome}`);

  // ── Staff: the round ─────────────────────────────────────────────────────────────────────────

  const roundUrl = (request: FastifyRequest, panelId: string) => `/a/${request.area!.slug}/panels/${panelId}/round`;

  const renderRound = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const round = await grants.authorisedRound(db, request.actor, request.area!.id, param(request, 'roundId'));
    const o = await grants.roundOverview(db, request.area!.id, round);
    const base = roundUrl(request, round.id);
    return reply.page(
      'panels/views/grants/round-staff.njk',
      {
        title: t(request)('staff.title'),
        s: t(request),
        round,
        closes: closing(request, round.closesAt),
        open: grants.isOpen(round),
        questions: o.questions.map((q, i) => ({ ...q, number: i + 1, editHref: `${base}/questions/${q.id}`, removeAction: `${base}/questions/${q.id}/remove`, moveAction: `${base}/questions/${q.id}/move`, first: i === 0, last: i === o.questions.length - 1 })),
        locked: o.locked,
        drafts: o.drafts,
        sent: o.sent.map((a) => ({ label: a.label, name: a.name, amount: pounds(a.amountPence), outcome: a.outcome ? outcomeName(request, a.outcome) : '', award: a.awardPence !== null && a.decidedAt ? pounds(a.awardPence) : '', told: Boolean(a.feedbackSentAt) })),
        pot: { total: pounds(o.pot.totalPence), awarded: pounds(o.pot.awardedPence), left: o.pot.leftPence < 0 ? `-${pounds(-o.pot.leftPence)}` : pounds(o.pot.leftPence), over: o.pot.leftPence < 0 },
        decided: round.status === 'decided',
        outcomesToSend: o.outcomesToSend,
        addAction: `${base}/questions`,
        outcomesAction: `${base}/outcomes`,
        panelHref: `/a/${request.area!.slug}/panels/${round.id}`,
        publicHref: `${grants.grantsBase(request.area!.slug)}/${round.id}`,
        values: { maxWords: '300' },
        errors: {},
        backLink: `/a/${request.area!.slug}/panels/${round.id}`,
        ...extra,
      },
      status,
    );
  };

  const lockedPage = (request: FastifyRequest, reply: FastifyReply) => {
    reply.flash(t(request)('staff.lockedFlash'));
    return reply.redirect(roundUrl(request, param(request, 'roundId')), 303);
  };

  app.get('/a/:area/panels/:roundId/round', manage, (request, reply) => renderRound(request, reply));

  app.post('/a/:area/panels/:roundId/round/questions', manage, async (request, reply) => {
    const round = await grants.authorisedRound(db, request.actor, request.area!.id, param(request, 'roundId'));
    const form = parseForm(questionForm, request.body, request.t);
    if (!form.ok) return renderRound(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    try {
      await grants.addGrantQuestion(db, request.area!.id, request.actor!.accountId, round.id, form.data);
    } catch (error) {
      if (error instanceof grants.QuestionsLockedError) return lockedPage(request, reply);
      throw error;
    }
    reply.flash(t(request)('staff.added'));
    return reply.redirect(`${roundUrl(request, round.id)}#questions`, 303);
  });

  const renderQuestion = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const round = await grants.authorisedRound(db, request.actor, request.area!.id, param(request, 'roundId'));
    const question = await grants.findGrantQuestion(db, request.area!.id, round.id, param(request, 'grantQuestionId'));
    if (!question) throw new NotFoundError('grant question');
    return reply.page(
      'panels/views/grants/question-edit.njk',
      { title: t(request)('staff.editTitle'), s: t(request), round, action: `${roundUrl(request, round.id)}/questions/${question.id}`, values: { text: question.text, hint: question.hint, maxWords: String(question.maxWords) }, errors: {}, backLink: roundUrl(request, round.id), ...extra },
      status,
    );
  };

  app.get('/a/:area/panels/:roundId/round/questions/:grantQuestionId', manage, (request, reply) => renderQuestion(request, reply));

  app.post('/a/:area/panels/:roundId/round/questions/:grantQuestionId', manage, async (request, reply) => {
    const round = await grants.authorisedRound(db, request.actor, request.area!.id, param(request, 'roundId'));
    const form = parseForm(questionForm, request.body, request.t);
    if (!form.ok) return renderQuestion(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    try {
      await grants.editGrantQuestion(db, request.area!.id, request.actor!.accountId, round.id, param(request, 'grantQuestionId'), form.data);
    } catch (error) {
      if (error instanceof grants.QuestionsLockedError) return lockedPage(request, reply);
      throw error;
    }
    reply.flash(t(request)('staff.changed'));
    return reply.redirect(`${roundUrl(request, round.id)}#questions`, 303);
  });

  app.post('/a/:area/panels/:roundId/round/questions/:grantQuestionId/remove', manage, async (request, reply) => {
    const round = await grants.authorisedRound(db, request.actor, request.area!.id, param(request, 'roundId'));
    try {
      await grants.removeGrantQuestion(db, request.area!.id, request.actor!.accountId, round.id, param(request, 'grantQuestionId'));
    } catch (error) {
      if (error instanceof grants.QuestionsLockedError) return lockedPage(request, reply);
      throw error;
    }
    reply.flash(t(request)('staff.removed'));
    return reply.redirect(`${roundUrl(request, round.id)}#questions`, 303);
  });

  app.post('/a/:area/panels/:roundId/round/questions/:grantQuestionId/move', manage, async (request, reply) => {
    const round = await grants.authorisedRound(db, request.actor, request.area!.id, param(request, 'roundId'));
    const direction = (request.body as Record<string, unknown> | undefined)?.direction === 'up' ? 'up' : 'down';
    try {
      await grants.moveGrantQuestion(db, request.area!.id, request.actor!.accountId, round.id, param(request, 'grantQuestionId'), direction);
    } catch (error) {
      if (error instanceof grants.QuestionsLockedError) return lockedPage(request, reply);
      throw error;
    }
    return reply.redirect(`${roundUrl(request, round.id)}#questions`, 303);
  });

  app.post('/a/:area/panels/:roundId/round/outcomes', manage, async (request, reply) => {
    const round = await grants.authorisedRound(db, request.actor, request.area!.id, param(request, 'roundId'));
    const area = request.area!;
    // The email is in the area's own language default (English); the words are the panel's.
    const e = (key: string, params?: Record<string, unknown>) => request.t(`${K}email.${key}`, params);
    let count: number;
    try {
      count = await grants.sendOutcomes(
        db,
        area.id,
        request.actor!.accountId,
        round.id,
        {
          subject: (title) => e('outcomeSubject', { round: title }),
          body: (p) => e('outcomeBody', p),
          outcome: (o) => outcomeName(request, o),
          noAward: e('noAward'),
          noFeedback: e('noFeedback'),
        },
        { name: area.name, mineUrl: `${app.config.baseUrl}${grants.grantsBase(area.slug)}/mine` },
      );
    } catch (error) {
      if (error instanceof grants.NotDecidedError) {
        reply.flash(t(request)('staff.notDecided'));
        return reply.redirect(roundUrl(request, round.id), 303);
      }
      throw error;
    }
    if (count > 0) await sendQueuedNow(db, app.notifierFor, area, (error) => request.log.error({ err: error }, 'grant outcomes not sent yet; the minute job will try again'));
    reply.flash(count > 0 ? t(request)('staff.outcomesSent', { count }) : t(request)('staff.outcomesNone'));
    return reply.redirect(roundUrl(request, round.id), 303);
  });

  // ── Public: rounds open now, and one round ───────────────────────────────────────────────────

  const base = (request: FastifyRequest) => grants.grantsBase(request.area!.slug);
  const token = (request: FastifyRequest): string | undefined => {
    const raw = request.cookies[grants.GRANT_COOKIE];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value : undefined;
  };
  const applicantOf = (request: FastifyRequest) => grants.currentApplicant(db, request.area!.id, token(request));

  app.get('/a/:area/grants', publicRoute, async (request, reply) => {
    const rounds = await grants.openRounds(db, request.area!.id);
    const applicant = await applicantOf(request);
    return reply.page('panels/views/grants/list.njk', {
      title: t(request)('list.title'),
      s: t(request),
      rounds: rounds.map((r) => ({ title: r.title, purpose: r.purpose, pot: pounds(r.potPence), closes: closing(request, r.closesAt), left: daysLeft(request, r.closesAt), href: `${base(request)}/${r.id}` })),
      signedIn: Boolean(applicant),
      mineHref: `${base(request)}/mine`,
      signInHref: `${base(request)}/sign-in`,
    });
  });

  app.get('/a/:area/grants/:roundId', publicRoute, async (request, reply) => {
    const found = await grants.publicRound(db, request.area!.id, param(request, 'roundId'));
    if (!found) throw new NotFoundError('grant round');
    const applicant = await applicantOf(request);
    const { round, questions } = found;
    return reply.page('panels/views/grants/round.njk', {
      title: round.title,
      s: t(request),
      round,
      pot: pounds(round.potPence),
      closes: closing(request, round.closesAt),
      left: daysLeft(request, round.closesAt),
      open: grants.isOpen(round),
      questions,
      signedIn: Boolean(applicant),
      applyHref: `${base(request)}/${round.id}/apply`,
      signInHref: `${base(request)}/sign-in`,
      backLink: base(request),
    });
  });

  // ── Signing in by a link ───────────────────────────────────────────────────────────────────────

  const renderSignIn = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('panels/views/grants/sign-in.njk', { title: t(request)('signIn.title'), s: t(request), action: `${base(request)}/sign-in`, values: {}, errors: {}, backLink: base(request), ...extra }, status);

  const tooMany = (request: FastifyRequest, reply: FastifyReply) => reply.page('panels/views/grants/too-many.njk', { title: t(request)('tooMany.title'), s: t(request), signInHref: `${base(request)}/sign-in` }, 429);

  app.get('/a/:area/grants/sign-in', publicRoute, (request, reply) => renderSignIn(request, reply));

  app.post('/a/:area/grants/sign-in', publicRoute, async (request, reply) => {
    const form = parseForm(signInForm, request.body, request.t);
    if (!form.ok) return renderSignIn(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const area = request.area!;
    const email = grants.normaliseEmail(form.data.email);
    if ((await perAddress.fail(request.ip)) > LINK_LIMITS.perAddress) return tooMany(request, reply);
    if ((await perEmail.fail(`${area.id}:${email}`)) > LINK_LIMITS.perEmail) return tooMany(request, reply);
    await grants.requestSignInLink(
      db,
      area.id,
      form.data.email,
      (link) => ({ subject: request.t(`${K}email.linkSubject`, { area: area.name }), body: request.t(`${K}email.linkBody`, { link, minutes: grants.LINK_MINUTES, area: area.name }) }),
      (raw) => `${app.config.baseUrl}${base(request)}/sign-in/${raw}`,
    );
    await sendQueuedNow(db, app.notifierFor, area, (error) => request.log.error({ err: error }, 'grant sign-in link not sent yet; the minute job will try again'));
    return reply.redirect(`${base(request)}/sign-in/sent`, 303);
  });

  app.get('/a/:area/grants/sign-in/sent', publicRoute, (request, reply) =>
    reply.page('panels/views/grants/sign-in-sent.njk', { title: t(request)('sent.title'), s: t(request), minutes: grants.LINK_MINUTES, again: `${base(request)}/sign-in` }),
  );

  const linkToken = (request: FastifyRequest) => String((request.params as Params).token ?? '').slice(0, 200);

  const renderLink = (request: FastifyRequest, reply: FastifyReply, usable: boolean, status = 200) =>
    reply.page('panels/views/grants/link.njk', { title: usable ? t(request)('link.title') : t(request)('link.expiredTitle'), s: t(request), usable, action: `${base(request)}/sign-in/${encodeURIComponent(linkToken(request))}`, again: `${base(request)}/sign-in`, minutes: grants.LINK_MINUTES }, status);

  // The link's page only asks to continue: opening it (as a mail scanner does) signs nobody in.
  app.get('/a/:area/grants/sign-in/:token', publicRoute, async (request, reply) => {
    if ((await wrongLinks.count(request.ip)) >= LINK_LIMITS.wrongLinks) return tooMany(request, reply);
    const usable = await grants.linkUsable(db, request.area!.id, linkToken(request));
    return renderLink(request, reply, usable, usable ? 200 : 404);
  });

  app.post('/a/:area/grants/sign-in/:token', publicRoute, async (request, reply) => {
    if ((await wrongLinks.count(request.ip)) >= LINK_LIMITS.wrongLinks) return tooMany(request, reply);
    const session = await grants.useSignInLink(db, request.area!.id, linkToken(request));
    if (!session) {
      await wrongLinks.fail(request.ip);
      return renderLink(request, reply, false, 404);
    }
    reply.setCookie(grants.GRANT_COOKIE, session, { path: base(request), httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', signed: true, maxAge: grants.SESSION_DAYS * 86_400 });
    return reply.redirect(`${base(request)}/mine`, 303);
  });

  app.post('/a/:area/grants/sign-out', publicRoute, async (request, reply) => {
    const current = token(request);
    if (current) await grants.signOut(db, request.area!.id, current);
    reply.clearCookie(grants.GRANT_COOKIE, { path: base(request) });
    reply.flash(t(request)('signedOut'));
    return reply.redirect(base(request), 303);
  });

  // ── My applications ────────────────────────────────────────────────────────────────────────────

  app.get('/a/:area/grants/mine', publicRoute, async (request, reply) => {
    const applicant = await applicantOf(request);
    // Signed out (or the cookie has expired): the sign-in page, here.
    if (!applicant) return renderSignIn(request, reply);
    const list = await grants.myApplications(db, request.area!.id, applicant.id);
    const s = t(request);
    return reply.page('panels/views/grants/mine.njk', {
      title: s('mine.title'),
      s,
      email: applicant.email,
      applications: list.map((a) => ({
        roundTitle: a.roundTitle,
        projectTitle: a.projectTitle,
        amount: a.amountPence === null ? '' : pounds(a.amountPence),
        status: a.outcome ? outcomeName(request, a.outcome.outcome) : s(`status.${a.status === 'draft' && !a.open ? 'closed' : a.status}`),
        statusKey: a.outcome ? 'outcome' : a.status,
        closes: closing(request, a.closesAt),
        open: a.open,
        editHref: a.status === 'draft' && a.open ? `${base(request)}/${a.roundId}/apply` : '',
        award: a.outcome && a.outcome.awardPence ? pounds(a.outcome.awardPence) : '',
        feedback: a.outcome?.feedback ?? '',
      })),
      roundsHref: base(request),
      signOutAction: `${base(request)}/sign-out`,
    });
  });

  // ── Applying ───────────────────────────────────────────────────────────────────────────────────

  type Loaded = { page: grants.ApplyPage; done?: undefined } | { done: FastifyReply };
  const loadApply = async (request: FastifyRequest, reply: FastifyReply): Promise<Loaded> => {
    const roundId = param(request, 'roundId');
    const applicant = await applicantOf(request);
    if (!applicant) {
      const exists = await grants.publicRound(db, request.area!.id, roundId);
      if (!exists) throw new NotFoundError('grant round');
      if (request.method !== 'GET') return { done: reply.redirect(`${base(request)}/sign-in`, 303) };
      return { done: await renderSignIn(request, reply) };
    }
    const page = await grants.applyPage(db, request.area!.id, applicant.id, roundId);
    if (!page) throw new NotFoundError('grant round');
    return { page };
  };

  const valuesOf = (page: grants.ApplyPage): ApplyValues => ({
    organisationName: page.applicant.organisationName,
    contactName: page.applicant.contactName,
    projectTitle: page.application?.projectTitle ?? '',
    amount: page.application?.amountPence ? pounds(page.application.amountPence).replace(/^£/, '') : '',
    answers: Object.fromEntries(page.questions.map((q) => [q.id, page.application?.answers[q.id] ?? ''])),
    version: page.application?.version ?? 0,
  });

  const renderApply = (request: FastifyRequest, reply: FastifyReply, page: grants.ApplyPage, values: ApplyValues, extra: Record<string, unknown> = {}, status = 200) => {
    const errors = (extra.errors as Record<string, string> | undefined) ?? {};
    const s = t(request);
    const sent = page.application !== undefined && page.application.status !== 'draft';
    return reply.page(
      'panels/views/grants/apply.njk',
      {
        title: s('apply.title'),
        s,
        round: page.round,
        closes: closing(request, page.round.closesAt),
        open: page.open,
        sent,
        action: `${base(request)}/${page.round.id}/apply`,
        mineHref: `${base(request)}/mine`,
        roundsHref: base(request),
        values,
        questions: page.questions.map((q, i) => ({ ...q, number: i + 1, field: `answer-${q.id}`, answer: values.answers[q.id] ?? '', words: grants.countWords(values.answers[q.id] ?? ''), error: errors[`answer-${q.id}`] })),
        errors,
        backLink: `${base(request)}/${page.round.id}`,
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/grants/:roundId/apply', publicRoute, async (request, reply) => {
    const loaded = await loadApply(request, reply);
    if (loaded.done) return loaded.done;
    return renderApply(request, reply, loaded.page, valuesOf(loaded.page));
  });

  const gapProblems = (request: FastifyRequest, gaps: grants.Gap[], questions: readonly grants.GrantQuestion[]): FormProblem[] =>
    gaps.map((g) => {
      if (g.field.startsWith('answer-')) {
        const index = questions.findIndex((q) => `answer-${q.id}` === g.field);
        const q = questions[index]!;
        return { field: g.field, text: g.problem === 'missing' ? request.t(`${K}errors.answerMissing`, { number: index + 1 }) : request.t(`${K}errors.tooManyWords`, { number: index + 1, max: q.maxWords, count: 0 }) };
      }
      return { field: g.field, text: request.t(`${K}errors.${g.field}Missing`) };
    });

  app.post('/a/:area/grants/:roundId/apply', publicRoute, async (request, reply) => {
    const loaded = await loadApply(request, reply);
    if (loaded.done) return loaded.done;
    const { page } = loaded;
    const values = readApplyBody(request.body, page.questions);
    const continuing = (request.body as Record<string, unknown> | undefined)?.action === 'continue';
    const checked = checkApplyValues(values, page.questions, request.t);
    const problems = [...checked.problems];
    if (continuing) {
      const seen = new Set(problems.map((p) => p.field));
      problems.push(...gapProblems(request, grants.applicationGaps(checked.draft, page.questions), page.questions).filter((p) => !seen.has(p.field)));
    }
    if (problems.length > 0) {
      const order = ['organisationName', 'contactName', 'projectTitle', 'amount', ...page.questions.map((q) => `answer-${q.id}`)];
      const state = errorState(problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)));
      return renderApply(request, reply, page, values, { errors: state.errors, errorSummary: state.errorSummary }, 422);
    }
    const saved = await grants.saveApplication(db, request.area!.id, page.applicant.id, page.round.id, checked.draft, values.version);
    if (!saved.ok) {
      // Nothing typed is lost: the page comes back with it, saying why it was not saved.
      return renderApply(request, reply, { ...page, open: saved.reason === 'closed' ? false : page.open }, values, { refused: saved.reason }, 409);
    }
    if (continuing) return reply.redirect(`${base(request)}/${page.round.id}/apply/check`, 303);
    reply.flash(t(request)('apply.savedFlash'));
    return reply.redirect(`${base(request)}/mine`, 303);
  });

  const renderCheck = (request: FastifyRequest, reply: FastifyReply, page: grants.ApplyPage, extra: Record<string, unknown> = {}, status = 200) => {
    const s = t(request);
    const v = valuesOf(page);
    const applyHref = `${base(request)}/${page.round.id}/apply`;
    return reply.page(
      'panels/views/grants/check.njk',
      {
        title: s('check.title'),
        s,
        round: page.round,
        open: page.open,
        action: `${applyHref}/check`,
        rows: [
          { key: s('apply.organisationName'), value: v.organisationName, href: `${applyHref}#organisationName` },
          { key: s('apply.contactName'), value: v.contactName, href: `${applyHref}#contactName` },
          { key: s('apply.projectTitle'), value: v.projectTitle, href: `${applyHref}#projectTitle` },
          { key: s('apply.amount'), value: page.application?.amountPence ? pounds(page.application.amountPence) : '', href: `${applyHref}#amount` },
          ...page.questions.map((q) => ({ key: q.text, value: v.answers[q.id] ?? '', href: `${applyHref}#answer-${q.id}` })),
        ],
        backLink: applyHref,
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/grants/:roundId/apply/check', publicRoute, async (request, reply) => {
    const loaded = await loadApply(request, reply);
    if (loaded.done) return loaded.done;
    const { page } = loaded;
    if (!page.application) return reply.redirect(`${base(request)}/${page.round.id}/apply`, 303);
    if (page.application.status !== 'draft') return reply.redirect(`${base(request)}/mine`, 303);
    return renderCheck(request, reply, page);
  });

  app.post('/a/:area/grants/:roundId/apply/check', publicRoute, async (request, reply) => {
    const loaded = await loadApply(request, reply);
    if (loaded.done) return loaded.done;
    const { page } = loaded;
    const result = await grants.sendApplication(db, request.area!.id, page.applicant.id, page.round.id);
    if (!result.ok) {
      if (result.reason === 'none') return reply.redirect(`${base(request)}/${page.round.id}/apply`, 303);
      if (result.reason === 'gaps') {
        reply.flash(t(request)('check.gapsFlash'));
        return reply.redirect(`${base(request)}/${page.round.id}/apply`, 303);
      }
      return renderCheck(request, reply, { ...page, open: false }, { refused: 'closed' }, 409);
    }
    reply.flash(t(request)('check.sentFlash'));
    return reply.redirect(`${base(request)}/mine`, 303);
  });
}
