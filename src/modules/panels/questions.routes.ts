/**
 * Panels (issue 16), part: questions written by young people (`…/questions`) and the bank of past
 * questions (`…/questions/bank`). Members of the panel and staff who may manage it; everyone else is
 * sent to the members' sign-in page. Plain forms that post and redirect: no JavaScript needed, and
 * the symbol search is a button that shows results on the same form, keeping what was typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { z } from 'zod';
import { parseForm } from '../../lib/form-errors.ts';
import { findSymbol, searchSymbols } from '../../lib/symbols.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { memberBase } from './core.ts';
import * as questions from './questions.service.ts';

const MEMBER = { config: { access: 'public' as const } };
type Params = { area: string; panelId: string; panelQuestionId?: string };

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
export const questionForm = z.object({
  text: z.preprocess(trimmed, z.string().min(1, 'panels.questions.errors.text.missing').max(500, 'panels.questions.errors.text.long')),
  goodAnswer: z.preprocess(trimmed, z.string().max(1000, 'panels.questions.errors.goodAnswer.long')),
  symbol: z.preprocess((v) => (typeof v === 'string' && findSymbol(v) && !v.includes(':') ? v : null), z.string().nullable()),
});
const statusForm = z.object({ status: z.enum(['draft', 'chosen', 'dropped']) });
const moveForm = z.object({ direction: z.enum(['up', 'down']) });

export default async function questionsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  // An id in the address that cannot be one is simply "not found", never a database error.
  app.addHook('preValidation', async (request) => {
    for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) if (name.endsWith('Id') && !isId(value)) throw new NotFoundError(name);
  });
  const p = (request: FastifyRequest) => request.params as Params;
  const base = (request: FastifyRequest) => `${memberBase(request.area!.slug)}/${p(request).panelId}/questions`;

  const viewerOr = async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = await questions.questionViewer(db, request, request.area!.id, p(request).panelId);
    if (!viewer) return { done: reply.redirect(`${memberBase(request.area!.slug)}/sign-in`, 303) };
    return { viewer };
  };

  const render = async (request: FastifyRequest, reply: FastifyReply, viewer: questions.QuestionViewer, extra: Record<string, unknown> = {}, status = 200) => {
    const list = await questions.listQuestions(db, request.area!.id, viewer);
    const values = (extra.values as Record<string, unknown> | undefined) ?? {};
    const query = typeof values.symbolSearch === 'string' ? values.symbolSearch.trim().slice(0, 100) : '';
    return reply.page(
      'panels/views/questions/page.njk',
      {
        title: request.t('panels.questions.title'),
        panel: viewer.panel,
        staff: viewer.staff,
        chosen: list.filter((q) => q.status === 'chosen'),
        drafts: list.filter((q) => q.status === 'draft'),
        dropped: list.filter((q) => q.status === 'dropped'),
        base: base(request),
        home: viewer.member ? `${memberBase(request.area!.slug)}/${viewer.panel.id}/me` : `${memberBase(request.area!.slug)}/${viewer.panel.id}`,
        symbolResults: query ? searchSymbols(query, 12) : [],
        symbolQuery: query,
        ...extra,
        values,
      },
      status,
    );
  };

  app.get('/a/:area/panels/:panelId/questions', MEMBER, async (request, reply) => {
    const v = await viewerOr(request, reply);
    if ('done' in v) return v.done;
    return render(request, reply, v.viewer);
  });

  app.post('/a/:area/panels/:panelId/questions', MEMBER, async (request, reply) => {
    const v = await viewerOr(request, reply);
    if ('done' in v) return v.done;
    const body = (request.body ?? {}) as Record<string, unknown>;
    // "Find a picture": show the results on the same form, with everything typed kept.
    if (body.action === 'search') return render(request, reply, v.viewer, { values: body, searched: true });
    const form = parseForm(questionForm, body, request.t);
    if (!form.ok) return render(request, reply, v.viewer, { errors: form.errors, errorSummary: form.summary, values: body }, 422);
    const added = await questions.addQuestion(db, request.area!.id, v.viewer.member?.id ?? null, v.viewer.panel.id, form.data);
    if (added.raised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, request.area!.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
    return reply.flash(request.t(added.held ? 'panels.questions.held' : 'panels.questions.added')).redirect(`${base(request)}#drafts`, 303);
  });

  app.post('/a/:area/panels/:panelId/questions/:panelQuestionId/status', MEMBER, async (request, reply) => {
    const v = await viewerOr(request, reply);
    if ('done' in v) return v.done;
    const form = statusForm.safeParse(request.body ?? {});
    if (!form.success) return reply.redirect(base(request), 303);
    await questions.chooseQuestion(db, request.area!.id, v.viewer.panel.id, p(request).panelQuestionId!, form.data.status);
    return reply.flash(request.t(`panels.questions.statusDone.${form.data.status}`)).redirect(base(request), 303);
  });

  app.post('/a/:area/panels/:panelId/questions/:panelQuestionId/move', MEMBER, async (request, reply) => {
    const v = await viewerOr(request, reply);
    if ('done' in v) return v.done;
    const form = moveForm.safeParse(request.body ?? {});
    if (!form.success) return reply.redirect(base(request), 303);
    await questions.moveQuestion(db, request.area!.id, v.viewer.panel.id, p(request).panelQuestionId!, form.data.direction);
    return reply.flash(request.t('panels.questions.moved')).redirect(`${base(request)}#chosen`, 303);
  });

  app.get('/a/:area/panels/:panelId/questions/bank', MEMBER, async (request, reply) => {
    const v = await viewerOr(request, reply);
    if ('done' in v) return v.done;
    const bank = await questions.questionBank(db, request.area!.id, v.viewer.panel);
    return reply.page('panels/views/questions/bank.njk', { title: request.t('panels.questions.bank.title'), panel: v.viewer.panel, bank, base: base(request) });
  });

  app.post('/a/:area/panels/:panelId/questions/bank/:panelQuestionId/use', MEMBER, async (request, reply) => {
    const v = await viewerOr(request, reply);
    if ('done' in v) return v.done;
    await questions.useBankQuestion(db, request.area!.id, v.viewer.member?.id ?? null, v.viewer.panel, p(request).panelQuestionId!);
    return reply.flash(request.t('panels.questions.bank.used')).redirect(`${base(request)}#drafts`, 303);
  });
}
