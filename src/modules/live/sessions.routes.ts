/**
 * Live sessions (issue 15), the staff side: an activity's sessions, starting a new one, and preparing
 * its interactions (add, edit, symbols, move, duplicate, delete). Plain forms that post and redirect:
 * all of it works without JavaScript and by keyboard. The console and the big screen are in
 * console.routes.ts and present.routes.ts, registered from here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveInteractionKind } from '../../db/database.ts';
import { can } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { findSymbol, searchSymbols, symbolSrc } from '../../lib/symbols.ts';
import { COLOURS, INTERACTION_KINDS, type LiveInteraction } from './core.ts';
import {
  blankDraft,
  checkDraft,
  draftFields,
  draftFromBody,
  draftFromInteraction,
  hasOptions,
  isKind,
  MAX_COLUMNS,
  MAX_OPTIONS,
  kindForm,
  knownSymbol,
  newSessionForm,
  symbolTarget,
  withExtraRow,
  withSymbol,
  type Draft,
  type Problem,
} from './sessions.forms.ts';
import * as sessions from './sessions.service.ts';
import consoleRoutes from './console.routes.ts';
import presentRoutes from './present.routes.ts';

const K = 'live.sessions.';
const run = { config: { access: { action: 'live.run' as const } } };
const view = { config: { access: { action: 'live.view' as const } } };

type Params = { activityId?: string; sessionId?: string; interactionId?: string; kind?: string };

export function param(request: FastifyRequest, name: keyof Params): string {
  const value = (request.params as Params)[name];
  if (!isId(value)) throw new NotFoundError(name);
  return value;
}

/** The staff addresses of a session's pages. */
export function sessionUrls(request: FastifyRequest, activityId: string, sessionId = '') {
  const activity = `/a/${request.area!.slug}/activities/${activityId}`;
  const list = `${activity}/live`;
  const session = `${list}/${sessionId}`;
  return {
    activity,
    list,
    session,
    newInteraction: `${session}/interactions/new`,
    interaction: (id: string) => `${session}/interactions/${id}`,
    console: `${session}/console`,
    present: `${session}/present`,
    results: `${session}/results`,
    board: (id: string) => `${session}/board/${id}`,
    moderation: `${session}/moderation`,
    contributions: `${activity}/contributions`,
  };
}

/** "Friday 5 December 2026, 2:15pm" in London, in the reader's language. */
export function when(request: FastifyRequest, at: Date): string {
  return new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' }).format(at);
}

export const kindName = (request: FastifyRequest, kind: LiveInteractionKind) => request.t(`${K}kinds.${kind}.name`);

/** The interaction in a sentence for lists: its kind, its settings in words. */
export function summary(request: FastifyRequest, i: Pick<LiveInteraction, 'kind' | 'settings'>): string {
  const s = i.settings as Record<string, unknown>;
  switch (i.kind) {
    case 'choice':
    case 'ranking':
      return ((s.options as { label: string }[]) ?? []).map((o) => o.label).join(' · ');
    case 'word_cloud':
      return request.t(`${K}summary.maxWords`, { count: Number(s.maxWords ?? 3) });
    case 'scale':
      return request.t(`${K}summary.scale.${String(s.style ?? 'faces')}`);
    case 'board':
      return ((s.columns as { title: string }[]) ?? []).map((c) => c.title).join(' · ');
    default:
      return '';
  }
}

export default async function sessionsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  // ── An activity's sessions, and a new one ───────────────────────────────────────────────────

  const renderList = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const activity = await sessions.authorisedActivity(db, request.actor, request.area!.id, param(request, 'activityId'), 'live.view');
    const canRun = can(request.actor, 'live.run', { areaId: request.area!.id, organisationId: activity.organisationId });
    const u = sessionUrls(request, activity.id);
    const list = await sessions.sessionsOf(db, request.area!.id, activity.id);
    return reply.page('live/views/sessions/list.njk', {
      title: request.t(`${K}list.title`),
      activity,
      sessions: list.map((s) => ({
        title: s.title,
        status: request.t(`${K}status.${s.status}`),
        statusKey: s.status,
        code: s.joinCode,
        created: when(request, s.createdAt),
        prepareHref: sessionUrls(request, activity.id, s.id).session,
        consoleHref: sessionUrls(request, activity.id, s.id).console,
        resultsHref: sessionUrls(request, activity.id, s.id).results,
      })),
      canRun,
      action: u.list,
      values: { title: '', moderation: 'approve' },
      errors: {},
      backLink: u.activity,
      ...extra,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/live', view, async (request, reply) => renderList(request, reply));

  app.post('/a/:area/activities/:activityId/live', run, async (request, reply) => {
    const activity = await sessions.authorisedActivity(db, request.actor, request.area!.id, param(request, 'activityId'), 'live.run');
    const form = parseForm(newSessionForm, request.body, request.t, { moderation: 'moderation' });
    if (!form.ok) return renderList(request, reply, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    const id = await sessions.createSession(db, request.actor!.accountId, request.area!.id, activity.id, form.data);
    return reply.flash(request.t(`${K}list.created`)).redirect(sessionUrls(request, activity.id, id).session, 303);
  });

  // ── Preparing: the sequence ─────────────────────────────────────────────────────────────────

  const load = (request: FastifyRequest, action: 'live.run' | 'live.view' = 'live.run') =>
    sessions.loadSession(db, request.actor, request.area!.id, param(request, 'activityId'), param(request, 'sessionId'), action);

  app.get('/a/:area/activities/:activityId/live/:sessionId', run, async (request, reply) => {
    const { activity, session, interactions } = await load(request);
    const u = sessionUrls(request, activity.id, session.id);
    return reply.page('live/views/sessions/prepare.njk', {
      title: session.title,
      activity,
      session: { ...session, status: request.t(`${K}status.${session.status}`), moderation: request.t(`${K}moderation.${session.moderation}`) },
      interactions: interactions.map((i, n) => ({
        id: i.id,
        number: n + 1,
        kindName: kindName(request, i.kind),
        prompt: i.prompt,
        symbol: i.symbol ? symbolSrc(i.symbol) : '',
        summary: summary(request, i),
        options: hasOptions(i.kind) ? ((i.settings as { options: { label: string; symbol: string | null }[] }).options ?? []).map((o) => ({ label: o.label, symbol: o.symbol ? symbolSrc(o.symbol) : '' })) : [],
        resultsHidden: i.resultsHidden,
        state: request.t(`${K}state.${i.state}`),
        href: u.interaction(i.id),
        canMoveUp: n > 0,
        canMoveDown: n < interactions.length - 1,
      })),
      urls: u,
      backLink: u.list,
    });
  });

  // ── Adding: the kind first ──────────────────────────────────────────────────────────────────

  const kinds = (request: FastifyRequest, chosen = '') =>
    INTERACTION_KINDS.map((kind) => ({ value: kind, text: kindName(request, kind), hint: { text: request.t(`${K}kinds.${kind}.hint`) }, checked: kind === chosen }));

  app.get('/a/:area/activities/:activityId/live/:sessionId/interactions/new', run, async (request, reply) => {
    const { activity, session } = await load(request);
    const kind = (request.query as Record<string, unknown>).kind;
    const u = sessionUrls(request, activity.id, session.id);
    if (isKind(kind)) return renderForm(request, reply, { activity, session, draft: blankDraft(kind), action: u.newInteraction, version: '' });
    return reply.page('live/views/sessions/kinds.njk', { title: request.t(`${K}kinds.title`), activity, session, kinds: kinds(request), action: `${u.newInteraction}/kind`, errors: {}, backLink: u.session });
  });

  app.post('/a/:area/activities/:activityId/live/:sessionId/interactions/new/kind', run, async (request, reply) => {
    const { activity, session } = await load(request);
    const u = sessionUrls(request, activity.id, session.id);
    const form = parseForm(kindForm, request.body, request.t, { kind: 'kind' });
    if (!form.ok) return reply.page('live/views/sessions/kinds.njk', { title: request.t(`${K}kinds.title`), activity, session, kinds: kinds(request), action: `${u.newInteraction}/kind`, errors: form.errors, errorSummary: form.summary, backLink: u.session }, 422);
    return reply.redirect(`${u.newInteraction}?kind=${form.data.kind}`, 303);
  });

  // ── The interaction's form (new and edit share it) ──────────────────────────────────────────

  type FormContext = { activity: sessions.Loaded['activity']; session: sessions.Loaded['session']; draft: Draft; action: string; version: string; interaction?: LiveInteraction };

  const colourItems = (request: FastifyRequest, chosen: string) => COLOURS.map((c) => ({ value: c, text: request.t(`${K}colours.${c}`), selected: c === chosen }));

  function renderForm(request: FastifyRequest, reply: FastifyReply, ctx: FormContext, extra: Record<string, unknown> = {}, status = 200) {
    const u = sessionUrls(request, ctx.activity.id, ctx.session.id);
    const d = ctx.draft;
    const symbolName = (hex: string) => (hex && knownSymbol(hex) ? findSymbol(hex)!.name : '');
    return reply.page('live/views/sessions/interaction.njk', {
      title: ctx.interaction ? request.t(`${K}form.editTitle`, { kind: kindName(request, d.kind) }) : request.t(`${K}form.newTitle`, { kind: kindName(request, d.kind) }),
      activity: ctx.activity,
      session: ctx.session,
      kind: d.kind,
      kindHint: request.t(`${K}kinds.${d.kind}.hint`),
      draft: d,
      promptSymbol: { hex: d.symbol, name: symbolName(d.symbol), src: d.symbol && knownSymbol(d.symbol) ? symbolSrc(d.symbol) : '' },
      options: d.options.map((o) => ({ ...o, symbolName: symbolName(o.symbol), src: o.symbol && knownSymbol(o.symbol) ? symbolSrc(o.symbol) : '' })),
      columns: d.columns.map((c) => ({ ...c, colours: colourItems(request, c.colour) })),
      maxOptions: MAX_OPTIONS,
      maxColumns: MAX_COLUMNS,
      action: ctx.action,
      version: ctx.version,
      cancelHref: u.session,
      errors: {},
      backLink: u.session,
      ...extra,
    }, status);
  }

  const problemsToErrors = (request: FastifyRequest, problems: Problem[]) => errorState(problems.map((p) => ({ field: p.field, text: request.t(p.key, p.params) })));

  function renderPicker(request: FastifyRequest, reply: FastifyReply, ctx: FormContext, target: string, query: string, errors: Record<string, string> = {}, status = 200) {
    const results = query.trim().length >= 2 ? searchSymbols(query).filter((s) => knownSymbol(s.hexcode)) : [];
    const rowWords = target === 'prompt' ? request.t(`${K}picker.forPrompt`) : request.t(`${K}picker.forOption`, { n: target.slice('option-'.length) });
    return reply.page('live/views/sessions/symbol.njk', {
      title: request.t(`${K}picker.title`),
      caption: rowWords,
      activity: ctx.activity,
      action: ctx.action,
      target,
      query,
      results,
      carried: [['kind', ctx.draft.kind], ...draftFields(ctx.draft, ctx.version)],
      errors,
      ...(Object.keys(errors).length ? errorState(errors) : {}),
    }, status);
  }

  /**
   * One handler for both forms' posts: save, or a step of choosing a symbol (the draft travels
   * through the picker in hidden fields and comes back unsaved).
   */
  async function handleForm(request: FastifyRequest, reply: FastifyReply, ctx: FormContext, save: (checked: Extract<ReturnType<typeof checkDraft>, { ok: true }>) => Promise<string>) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = typeof body.action === 'string' ? body.action : 'save';
    const draft = ctx.draft;
    if (action.startsWith('symbol:')) {
      const target = symbolTarget(action.slice('symbol:'.length));
      if (!target) return renderForm(request, reply, ctx);
      const row = target === 'prompt' ? null : draft.options.find((o) => `option-${o.n}` === target);
      return renderPicker(request, reply, ctx, target, row?.label.trim() ?? '');
    }
    if (action.startsWith('unsymbol:')) {
      const target = symbolTarget(action.slice('unsymbol:'.length));
      return renderForm(request, reply, { ...ctx, draft: target ? withSymbol(draft, target, '') : draft }, { autofocus: `symbol-${target}` });
    }
    if (action === 'search' || action === 'pick') {
      const target = symbolTarget(typeof body.symbolFor === 'string' ? body.symbolFor : '');
      if (!target) return renderForm(request, reply, ctx);
      const query = typeof body.q === 'string' ? body.q.slice(0, 100) : '';
      if (action === 'search') {
        if (query.trim().length < 2) return renderPicker(request, reply, ctx, target, query, { q: request.t(`${K}errors.searchShort`) }, 422);
        return renderPicker(request, reply, ctx, target, query);
      }
      const chosen = typeof body.chosenSymbol === 'string' ? body.chosenSymbol : '';
      if (!knownSymbol(chosen)) return renderPicker(request, reply, ctx, target, query, { chosenSymbol: request.t(`${K}errors.symbolMissing`) }, 422);
      return renderForm(request, reply, { ...ctx, draft: withSymbol(draft, target, chosen) }, { notSaved: true, autofocus: `symbol-${target}` });
    }
    if (action === 'cancelSymbol') return renderForm(request, reply, ctx, { autofocus: `symbol-${symbolTarget(typeof body.symbolFor === 'string' ? body.symbolFor : '') ?? 'prompt'}` });
    if (action === 'addOption' || action === 'addColumn') {
      const wider = withExtraRow(draft, action === 'addOption' ? 'option' : 'column');
      const n = action === 'addOption' ? wider.options.length : wider.columns.length;
      return renderForm(request, reply, { ...ctx, draft: wider }, { autofocus: action === 'addOption' ? `option-${n}-label` : `column-${n}-title` });
    }
    const checked = checkDraft(draft);
    if (!checked.ok) return renderForm(request, reply, ctx, problemsToErrors(request, checked.problems), 422);
    try {
      const id = await save(checked);
      return reply.flash(request.t(`${K}form.saved`)).redirect(`${sessionUrls(request, ctx.activity.id, ctx.session.id).session}#interaction-${id}`, 303);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return renderForm(request, reply, ctx, errorState([{ field: 'prompt', text: request.t(`${K}errors.stale`) }]), 409);
    }
  }

  app.post('/a/:area/activities/:activityId/live/:sessionId/interactions/new', run, async (request, reply) => {
    const { activity, session } = await load(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!isKind(body.kind)) return reply.redirect(sessionUrls(request, activity.id, session.id).newInteraction, 303);
    const ctx: FormContext = { activity, session, draft: draftFromBody(body.kind, body), action: sessionUrls(request, activity.id, session.id).newInteraction, version: '' };
    return handleForm(request, reply, ctx, (c) => sessions.addInteraction(db, request.area!.id, session.id, { kind: body.kind as LiveInteractionKind, prompt: c.prompt, symbol: c.symbol, settings: c.settings, resultsHidden: c.resultsHidden }));
  });

  const findInteraction = (loaded: sessions.Loaded, request: FastifyRequest) => {
    const id = param(request, 'interactionId');
    const interaction = loaded.interactions.find((i) => i.id === id);
    if (!interaction) throw new NotFoundError('interaction');
    return interaction;
  };

  app.get('/a/:area/activities/:activityId/live/:sessionId/interactions/:interactionId', run, async (request, reply) => {
    const loaded = await load(request);
    const interaction = findInteraction(loaded, request);
    const u = sessionUrls(request, loaded.activity.id, loaded.session.id);
    return renderForm(request, reply, { ...loaded, interaction, draft: draftFromInteraction(interaction), action: u.interaction(interaction.id), version: String(interaction.version) });
  });

  app.post('/a/:area/activities/:activityId/live/:sessionId/interactions/:interactionId', run, async (request, reply) => {
    const loaded = await load(request);
    const interaction = findInteraction(loaded, request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const version = typeof body.version === 'string' && /^\d{1,9}$/.test(body.version) ? body.version : String(interaction.version);
    const ctx: FormContext = { ...loaded, interaction, draft: draftFromBody(interaction.kind, body), action: sessionUrls(request, loaded.activity.id, loaded.session.id).interaction(interaction.id), version };
    return handleForm(request, reply, ctx, async (c) => {
      await sessions.saveInteraction(db, request.area!.id, loaded.session.id, interaction.id, Number(version), { prompt: c.prompt, symbol: c.symbol, settings: c.settings, resultsHidden: c.resultsHidden });
      return interaction.id;
    });
  });

  // ── Move, duplicate, delete ─────────────────────────────────────────────────────────────────

  app.post('/a/:area/activities/:activityId/live/:sessionId/interactions/:interactionId/move', run, async (request, reply) => {
    const loaded = await load(request);
    const interaction = findInteraction(loaded, request);
    const direction = (request.body as Record<string, unknown> | undefined)?.direction === 'up' ? 'up' : 'down';
    await sessions.moveInteraction(db, request.area!.id, loaded.session.id, interaction.id, direction);
    const position = loaded.interactions.findIndex((i) => i.id === interaction.id) + (direction === 'up' ? 0 : 2);
    return reply
      .flash(request.t(`${K}prepare.moved`, { prompt: interaction.prompt, n: Math.max(1, Math.min(position, loaded.interactions.length)) }))
      .redirect(`${sessionUrls(request, loaded.activity.id, loaded.session.id).session}#interaction-${interaction.id}`, 303);
  });

  app.post('/a/:area/activities/:activityId/live/:sessionId/interactions/:interactionId/duplicate', run, async (request, reply) => {
    const loaded = await load(request);
    const interaction = findInteraction(loaded, request);
    const id = await sessions.duplicateInteraction(db, request.area!.id, loaded.session.id, interaction.id);
    return reply.flash(request.t(`${K}prepare.duplicated`)).redirect(`${sessionUrls(request, loaded.activity.id, loaded.session.id).session}#interaction-${id}`, 303);
  });

  app.get('/a/:area/activities/:activityId/live/:sessionId/interactions/:interactionId/delete', run, async (request, reply) => {
    const loaded = await load(request);
    const interaction = findInteraction(loaded, request);
    const u = sessionUrls(request, loaded.activity.id, loaded.session.id);
    return reply.page('live/views/sessions/delete.njk', {
      title: request.t(`${K}delete.title`),
      activity: loaded.activity,
      prompt: interaction.prompt,
      answers: await sessions.answersFor(db, request.area!.id, interaction.id),
      action: `${u.interaction(interaction.id)}/delete`,
      cancelHref: u.session,
      backLink: u.session,
    });
  });

  app.post('/a/:area/activities/:activityId/live/:sessionId/interactions/:interactionId/delete', run, async (request, reply) => {
    const loaded = await load(request);
    const interaction = findInteraction(loaded, request);
    await sessions.deleteInteraction(db, request.actor!.accountId, request.area!.id, loaded.session.id, interaction.id);
    return reply.flash(request.t(`${K}delete.done`, { prompt: interaction.prompt })).redirect(sessionUrls(request, loaded.activity.id, loaded.session.id).session, 303);
  });

  await app.register(consoleRoutes);
  await app.register(presentRoutes);
}
