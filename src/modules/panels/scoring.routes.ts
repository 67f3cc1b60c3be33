/**
 * Panels (issue 16), part: scoring. Staff: the rubric (`…/criteria`), moderation (`…/moderation`),
 * the decision (`…/decision`). Members (public routes, membership checked in the service): the
 * candidates to score (`…/score`), one scoresheet (`…/score/:candidateId`), and what happened
 * (`…/what-happened`). Every member page names candidates through candidateName only, works without
 * JavaScript (plain forms that post and redirect) and by keyboard alone.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { errorState, parseForm } from '../../lib/form-errors.ts';
import { findSymbol } from '../../lib/symbols.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { checklistGaps, memberBase, type PanelMember } from './core.ts';
import { criterionForm, debriefForm, decisionForm, moveForm, outcomeForm, readScores, scaleForm, COMMENT_MAX } from './scoring.forms.ts';
import { oneDecimal } from './scoring.results.ts';
import { parsePounds, pounds } from '../../lib/money.ts';
import * as scoring from './scoring.service.ts';

const MANAGE = { config: { access: { action: 'panel.manage' as const } } };
const VIEW = { config: { access: { action: 'panel.view' as const } } };
const MEMBER = { config: { access: 'public' as const } };

type Params = { area: string; panelId: string; candidateId?: string; criterionId?: string };

/** The faces (OpenMoji) for 1–5, saddest first; stars repeat one star. */
export const FACES = ['1F61F', '1F641', '1F610', '1F642', '1F604'];
export const STAR = '2B50';

export default async function scoringRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  // An id in the address that cannot be one is simply "not found", never a database error.
  app.addHook('preValidation', async (request) => {
    for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) if (name.endsWith('Id') && !isId(value)) throw new NotFoundError(name);
  });
  const p = (request: FastifyRequest) => request.params as Params;
  const panelUrl = (request: FastifyRequest) => `${memberBase(request.area!.slug)}/${p(request).panelId}`;
  const scale = (request: FastifyRequest, kind: 'faces' | 'stars') =>
    [1, 2, 3, 4, 5].map((n) => ({ value: String(n), text: request.t(`panels.scoring.scale.${n}`), symbol: kind === 'faces' ? FACES[n - 1] : STAR, stars: kind === 'stars' ? n : 0 }));

  const refusedMessage = (request: FastifyRequest, error: scoring.ScoringRefused) => {
    const params = { ...error.params } as Record<string, unknown>;
    if (typeof params.total === 'number') params.total = pounds(params.total);
    if (typeof params.pot === 'number') params.pot = pounds(params.pot);
    return request.t(`panels.scoring.refused.${error.reason}`, params);
  };

  // ── The rubric (staff) ─────────────────────────────────────────────────────────────────────────

  const renderCriteria = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const { criteria, locked } = await scoring.rubric(db, request.area!.id, panel.id);
    return reply.page(
      'panels/views/scoring/criteria.njk',
      {
        title: request.t('panels.scoring.criteria.title'),
        panel,
        criteria,
        locked,
        base: panelUrl(request),
        scaleItems: scale(request, panel.scale),
        values: { weight: '1' },
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/panels/:panelId/criteria', MANAGE, (request, reply) => renderCriteria(request, reply));

  /** Runs a rubric change; a refusal (scores already sent) is said on the page, with what was typed kept. */
  const rubricChange = async (request: FastifyRequest, reply: FastifyReply, change: () => Promise<unknown>, done: string, values: Record<string, unknown> = {}) => {
    try {
      await change();
      return reply.flash(request.t(done)).redirect(`${panelUrl(request)}/criteria`, 303);
    } catch (error) {
      if (!(error instanceof scoring.ScoringRefused)) throw error;
      const { errors, errorSummary } = errorState([{ field: 'title', text: refusedMessage(request, error) }]);
      return renderCriteria(request, reply, { errors, errorSummary, values, refused: true }, 409);
    }
  };

  app.post('/a/:area/panels/:panelId/criteria', MANAGE, async (request, reply) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const form = parseForm(criterionForm, request.body, request.t);
    if (!form.ok) return renderCriteria(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const symbol = form.data.symbol && findSymbol(form.data.symbol) ? form.data.symbol : null;
    return rubricChange(request, reply, () => scoring.addCriterion(db, request.area!.id, request.actor!.accountId, panel.id, { ...form.data, symbol }), 'panels.scoring.criteria.added', request.body as Record<string, unknown>);
  });

  /** One criterion's own page: change its words, symbol and weight (until anyone has sent scores). */
  const renderCriterion = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const { criteria, locked } = await scoring.rubric(db, request.area!.id, panel.id);
    const criterion = criteria.find((c) => c.id === p(request).criterionId);
    if (!criterion) throw new NotFoundError('criterion');
    return reply.page(
      'panels/views/scoring/criterion.njk',
      { title: request.t('panels.scoring.criteria.change', { title: criterion.title }), panel, criterion, locked, base: panelUrl(request), values: { title: criterion.title, description: criterion.description, symbol: criterion.symbol ?? '', weight: String(criterion.weight) }, ...extra },
      status,
    );
  };

  app.get('/a/:area/panels/:panelId/criteria/:criterionId', MANAGE, (request, reply) => renderCriterion(request, reply));

  app.post('/a/:area/panels/:panelId/criteria/:criterionId', MANAGE, async (request, reply) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const form = parseForm(criterionForm, request.body, request.t);
    if (!form.ok) return renderCriterion(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const symbol = form.data.symbol && findSymbol(form.data.symbol) ? form.data.symbol : null;
    try {
      await scoring.updateCriterion(db, request.area!.id, request.actor!.accountId, panel.id, p(request).criterionId!, { ...form.data, symbol });
    } catch (error) {
      if (!(error instanceof scoring.ScoringRefused)) throw error;
      const { errors, errorSummary } = errorState([{ field: 'title', text: refusedMessage(request, error) }]);
      return renderCriterion(request, reply, { errors, errorSummary, values: request.body as Record<string, unknown> }, 409);
    }
    return reply.flash(request.t('panels.scoring.criteria.saved')).redirect(`${panelUrl(request)}/criteria`, 303);
  });

  app.post('/a/:area/panels/:panelId/criteria/:criterionId/remove', MANAGE, async (request, reply) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    return rubricChange(request, reply, () => scoring.removeCriterion(db, request.area!.id, request.actor!.accountId, panel.id, p(request).criterionId!), 'panels.scoring.criteria.removed');
  });

  app.post('/a/:area/panels/:panelId/criteria/:criterionId/move', MANAGE, async (request, reply) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const form = moveForm.safeParse(request.body ?? {});
    if (!form.success) return reply.redirect(`${panelUrl(request)}/criteria`, 303);
    return rubricChange(request, reply, () => scoring.moveCriterion(db, request.area!.id, panel.id, p(request).criterionId!, form.data.direction), 'panels.scoring.criteria.moved');
  });

  app.post('/a/:area/panels/:panelId/criteria/scale', MANAGE, async (request, reply) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const form = scaleForm.safeParse(request.body ?? {});
    if (!form.success) return reply.redirect(`${panelUrl(request)}/criteria`, 303);
    return rubricChange(request, reply, () => scoring.setScale(db, request.area!.id, request.actor!.accountId, panel.id, form.data.scale), 'panels.scoring.criteria.scaleSaved');
  });

  app.post('/a/:area/panels/:panelId/criteria/start-scoring', MANAGE, async (request, reply) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    try {
      await scoring.startScoring(db, request.area!.id, request.actor!.accountId, panel.id);
      return reply.flash(request.t('panels.scoring.criteria.started')).redirect(`${panelUrl(request)}/criteria`, 303);
    } catch (error) {
      if (!(error instanceof scoring.ScoringRefused)) throw error;
      return reply.flash(refusedMessage(request, error)).redirect(`${panelUrl(request)}/criteria`, 303);
    }
  });

  // ── Scoring (members) ──────────────────────────────────────────────────────────────────────────

  /** This request's membership, or where to send it: the sign-in page (not a member), member home (checklist gaps). */
  const memberOnly = async (request: FastifyRequest, reply: FastifyReply, needReady: boolean): Promise<{ member: PanelMember; panel: Awaited<ReturnType<typeof scoring.memberOf>> & object } | { done: FastifyReply }> => {
    const found = await scoring.memberOf(db, request, request.area!.id, p(request).panelId);
    if (!found) return { done: reply.redirect(`${memberBase(request.area!.slug)}/sign-in`, 303) };
    if (needReady && checklistGaps(found.member).length) return { done: reply.redirect(`${panelUrl(request)}/me`, 303) };
    return { member: found.member, panel: found };
  };

  app.get('/a/:area/panels/:panelId/score', MEMBER, async (request, reply) => {
    const m = await memberOnly(request, reply, true);
    if ('done' in m) return m.done;
    const candidates = await scoring.scoringList(db, request.area!.id, m.member);
    return reply.page('panels/views/scoring/list.njk', { title: request.t('panels.scoring.list.title'), panel: m.panel.panel, candidates, base: panelUrl(request), memberHome: `${panelUrl(request)}/me` });
  });

  const renderSheet = async (request: FastifyRequest, reply: FastifyReply, member: PanelMember, panel: { scale: 'faces' | 'stars'; status: string; title: string }, extra: Record<string, unknown> = {}, status = 200) => {
    const sheet = await scoring.scoreSheet(db, request.area!.id, member, p(request).candidateId ?? '');
    const values = (extra.values as Record<string, unknown> | undefined) ?? { ...Object.fromEntries(Object.entries(sheet.scores).map(([k, v]) => [`score-${k}`, String(v)])), comment: sheet.comment };
    return reply.page(
      'panels/views/scoring/score.njk',
      {
        title: request.t('panels.scoring.sheet.title', { name: sheet.candidate.shownAs }),
        sheet,
        panel,
        scaleItems: scale(request, panel.scale),
        action: `${panelUrl(request)}/score/${sheet.candidate.id}`,
        listUrl: `${panelUrl(request)}/score`,
        commentMax: COMMENT_MAX,
        amount: typeof sheet.application?.amountPence === "number" ? pounds(sheet.application.amountPence) : null,
        ...extra,
        values,
      },
      status,
    );
  };

  app.get('/a/:area/panels/:panelId/score/:candidateId', MEMBER, async (request, reply) => {
    const m = await memberOnly(request, reply, true);
    if ('done' in m) return m.done;
    return renderSheet(request, reply, m.member, m.panel.panel);
  });

  app.post('/a/:area/panels/:panelId/score/:candidateId', MEMBER, async (request, reply) => {
    const m = await memberOnly(request, reply, true);
    if ('done' in m) return m.done;
    const sheet = await scoring.scoreSheet(db, request.area!.id, m.member, p(request).candidateId ?? '');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = readScores(body, sheet.criteria.map((c) => c.id));
    const values = { ...Object.fromEntries(Object.entries(input.scores).map(([k, v]) => [`score-${k}`, String(v)])), comment: input.comment };
    const refuse = (error: scoring.ScoringRefused) => {
      const { errors, errorSummary } = errorState([{ field: 'form', text: refusedMessage(request, error) }]);
      return renderSheet(request, reply, m.member, m.panel.panel, { errors, errorSummary, values }, 409);
    };
    try {
      if (body.confirm === 'yes') {
        await scoring.sendScores(db, request.area!.id, m.member, sheet.candidate.id, input);
        return reply.flash(request.t('panels.scoring.sheet.sentDone', { name: sheet.candidate.shownAs })).redirect(`${panelUrl(request)}/score`, 303);
      }
      await scoring.saveScores(db, request.area!.id, m.member, sheet.candidate.id, input);
    } catch (error) {
      if (error instanceof scoring.ScoringRefused) return refuse(error);
      throw error;
    }
    if (input.action === 'save') return reply.flash(request.t('panels.scoring.sheet.savedDone', { name: sheet.candidate.shownAs })).redirect(`${panelUrl(request)}/score`, 303);
    // "Send my scores": every criterion needs a score; what was chosen is already saved.
    const missing = sheet.criteria.filter((c) => input.scores[c.id] === undefined);
    if (missing.length) {
      const { errors, errorSummary } = errorState(missing.map((c) => ({ field: `score-${c.id}`, text: request.t('panels.scoring.errors.score.missing', { criterion: c.title }) })));
      return renderSheet(request, reply, m.member, m.panel.panel, { errors, errorSummary, values }, 422);
    }
    const words = (n: number) => request.t(`panels.scoring.scale.${n}`);
    return reply.page('panels/views/scoring/confirm.njk', {
      title: request.t('panels.scoring.confirm.title', { name: sheet.candidate.shownAs }),
      candidate: sheet.candidate,
      chosen: sheet.criteria.map((c) => ({ title: c.title, score: input.scores[c.id], words: words(input.scores[c.id]!) })),
      comment: input.comment,
      values,
      action: `${panelUrl(request)}/score/${sheet.candidate.id}`,
      backUrl: `${panelUrl(request)}/score/${sheet.candidate.id}`,
    });
  });

  // ── Moderation (staff) ─────────────────────────────────────────────────────────────────────────

  app.get('/a/:area/panels/:panelId/moderation', VIEW, async (request, reply) => {
    const view = await scoring.moderation(db, request.actor!, request.area!.id, p(request).panelId);
    return reply.page('panels/views/scoring/moderation.njk', {
      title: request.t('panels.scoring.moderation.title'),
      m: view,
      youthWeight: view.panel.youthWeight,
      adultWeight: 100 - view.panel.youthWeight,
      d: oneDecimal,
      base: panelUrl(request),
    });
  });

  // ── The decision (staff) ───────────────────────────────────────────────────────────────────────

  const renderDecision = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const view = await scoring.moderation(db, request.actor!, request.area!.id, p(request).panelId);
    const awarded = await scoring.awardsTotal(db, request.area!.id, view.panel.id);
    return reply.page(
      'panels/views/scoring/decision.njk',
      {
        title: request.t('panels.scoring.decision.title'),
        m: view,
        d: oneDecimal,
        pounds,
        outcomes: scoring.outcomesFor(view.panel),
        awarded: view.panel.kind === 'grant' ? pounds(awarded) : null,
        left: view.panel.kind === 'grant' ? pounds(Math.max(0, (view.panel.potPence ?? 0) - awarded)) : null,
        pot: view.panel.kind === 'grant' ? pounds(view.panel.potPence ?? 0) : null,
        base: panelUrl(request),
        youthWeight: view.panel.youthWeight,
        adultWeight: 100 - view.panel.youthWeight,
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/panels/:panelId/decision', MANAGE, (request, reply) => renderDecision(request, reply));

  app.post('/a/:area/panels/:panelId/decision/:candidateId', MANAGE, async (request, reply) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const candidateId = p(request).candidateId!;
    const form = parseForm(outcomeForm, request.body, request.t);
    const failed = (errors: Record<string, string>, summary: Array<{ text: string; href: string }>, values: Record<string, unknown>, status: number) =>
      renderDecision(request, reply, { errors: { [candidateId]: errors }, errorSummary: summary.map((s) => ({ ...s, href: `#${s.href.slice(1)}-${candidateId}` })), values: { [candidateId]: values } }, status);
    if (!form.ok) return failed(form.errors, form.summary, form.values, 422);
    let awardPence: number | null = null;
    if (panel.kind === 'grant' && form.data.outcome !== 'not_funded') {
      const parsed = parsePounds(form.data.award);
      if (parsed === undefined) {
        const e = errorState([{ field: 'award', text: request.t('panels.scoring.errors.award.invalid') }]);
        return failed(e.errors, e.errorSummary, request.body as Record<string, unknown>, 422);
      }
      awardPence = parsed;
    }
    try {
      await scoring.recordOutcome(db, request.area!.id, request.actor!.accountId, panel.id, candidateId, { outcome: form.data.outcome, reason: form.data.reason, feedback: form.data.feedback, awardPence });
    } catch (error) {
      if (!(error instanceof scoring.ScoringRefused)) throw error;
      const e = errorState([{ field: error.reason === 'overPot' ? 'award' : 'outcome', text: refusedMessage(request, error) }]);
      return failed(e.errors, e.errorSummary, request.body as Record<string, unknown>, 409);
    }
    return reply.flash(request.t('panels.scoring.decision.outcomeSaved')).redirect(`${panelUrl(request)}/decision#candidate-${candidateId}`, 303);
  });

  app.post('/a/:area/panels/:panelId/decision', MANAGE, async (request, reply) => {
    const { panel } = await scoring.authorisedPanel(db, request.actor, request.area!.id, p(request).panelId, 'panel.manage');
    const form = parseForm(decisionForm, request.body, request.t);
    if (!form.ok) return renderDecision(request, reply, { summaryErrors: form.errors, errorSummary: form.summary, summaryValues: form.values }, 422);
    try {
      await scoring.recordDecision(db, request.area!.id, request.actor!.accountId, panel.id, form.data.summary);
    } catch (error) {
      if (!(error instanceof scoring.ScoringRefused)) throw error;
      const e = errorState([{ field: 'summary', text: refusedMessage(request, error) }]);
      return renderDecision(request, reply, { summaryErrors: e.errors, errorSummary: e.errorSummary, summaryValues: request.body as Record<string, unknown> }, 409);
    }
    return reply.flash(request.t('panels.scoring.decision.recorded')).redirect(`${panelUrl(request)}/decision`, 303);
  });

  // ── What happened (members) ────────────────────────────────────────────────────────────────────

  const renderWhatHappened = async (request: FastifyRequest, reply: FastifyReply, member: PanelMember, extra: Record<string, unknown> = {}, status = 200) => {
    const view = await scoring.whatHappened(db, request.area!.id, member);
    return reply.page(
      'panels/views/scoring/what-happened.njk',
      { title: request.t('panels.scoring.whatHappened.title'), w: view, d: oneDecimal, youthWeight: view.panel.youthWeight, action: `${panelUrl(request)}/what-happened`, memberHome: `${panelUrl(request)}/me`, values: {}, ...extra },
      status,
    );
  };

  app.get('/a/:area/panels/:panelId/what-happened', MEMBER, async (request, reply) => {
    const m = await memberOnly(request, reply, false);
    if ('done' in m) return m.done;
    return renderWhatHappened(request, reply, m.member);
  });

  app.post('/a/:area/panels/:panelId/what-happened', MEMBER, async (request, reply) => {
    const m = await memberOnly(request, reply, false);
    if ('done' in m) return m.done;
    const form = parseForm(debriefForm, request.body, request.t);
    if (!form.ok) return renderWhatHappened(request, reply, m.member, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const { concernRaised } = await scoring.addDebrief(db, request.area!.id, m.member, form.data.text, request.t('panels.scoring.debrief.label'));
    if (concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, request.area!.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
    return reply.flash(request.t('panels.scoring.debrief.thanks')).redirect(`${panelUrl(request)}/what-happened`, 303);
  });
}
