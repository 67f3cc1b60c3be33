/**
 * Live sessions (issue 15 §2): the sticky-note board's pages. Registered by live.routes.ts.
 *
 * Participants (public, PARTICIPANT_LIMIT, the participant cookie; without it → the join page):
 *   GET  /a/:area/live/:sessionId/board/:interactionId            the board as a list (the real interface)
 *   GET  …/board/:interactionId/fragment                           the list alone, for the canvas script to refresh
 *   POST …/board/:interactionId/notes                              add a note
 *   POST …/board/:interactionId/notes/:postId/move                 move my own note to another column
 *   POST …/board/:interactionId/notes/:postId/dot | /undot         give or take back a dot
 * Staff (live.run; organisation-scoped in the service), under
 * /a/:area/activities/:activityId/live/:sessionId/board/:interactionId:
 *   GET  (tools), /fragment, /screen (the big screen's board)
 *   POST /notes, /notes/:postId/move, /clusters, /clusters/:clusterId, /clusters/:clusterId/remove
 * Exports (live.view): /board.csv, /board.xlsx, /board.svg, /print.
 *
 * Every POST works without JavaScript (303 back to the board, at the note it changed, with a message
 * the page announces) and, for the canvas script, as a fetch asking for JSON (the same rules, the
 * message to announce, no page).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../../lib/form-errors.ts';
import { searchSymbols } from '../../lib/symbols.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { newToken } from '../../lib/tokens.ts';
import { boardCsv, boardFileName, boardSvg, boardXlsx, NOTE_FILL } from './board.export.ts';
import { CLIENT_KEY, clusterForm, moveForm, NOTE_MAX, NOTE_SYMBOLS, noteForm, staffMoveForm } from './board.forms.ts';
import * as board from './board.service.ts';
import { COLOURS, PARTICIPANT_LIMIT, participantBase, participantToken } from './core.ts';

type Params = { area: string; activityId?: string; sessionId: string; interactionId: string; postId?: string; clusterId?: string };
const paramsOf = (request: FastifyRequest) => request.params as Params;
const needs = (action: 'live.run' | 'live.view') => ({ config: { access: { action } } });
const participantRoute = { config: { access: 'public' as const, rateLimit: PARTICIPANT_LIMIT } };
const wantsJson = (request: FastifyRequest) => String(request.headers.accept ?? '').includes('application/json');
/** The form's own key, kept when a page is shown again (so the note is still added once), or a new one. */
const keyOf = (values: Record<string, unknown>) => (typeof values.clientKey === 'string' && CLIENT_KEY.test(values.clientKey) ? values.clientKey : newToken());
const body = (request: FastifyRequest) => (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;

export default async function boardRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const boardJs = app.assetUrl('live-board.js');
  // The stream part's client (live.js): it passes each event on as a `live:event` on document, which
  // live-board.js listens to. Looked up softly: the board works without it (Refresh, or a page that reloads).
  const liveJs = (() => {
    try {
      return app.assetUrl('live.js');
    } catch {
      return undefined;
    }
  })();

  const participantUrl = (request: FastifyRequest) => {
    const p = paramsOf(request);
    return `${participantBase(request.area!.slug, p.sessionId)}/board/${p.interactionId}`;
  };
  const staffUrl = (request: FastifyRequest) => {
    const p = paramsOf(request);
    return `/a/${request.area!.slug}/activities/${p.activityId}/live/${p.sessionId}/board/${p.interactionId}`;
  };
  const staffRef = (request: FastifyRequest) => {
    const p = paramsOf(request);
    return { actor: request.actor!, areaId: request.area!.id, activityId: p.activityId ?? '', sessionId: p.sessionId, interactionId: p.interactionId };
  };

  /** The choices of the note form, in words. */
  const noteChoices = (request: FastifyRequest, settings: { columns: { key: string; title: string }[] }, query: Record<string, unknown>) => {
    const t = request.t;
    const search = typeof query.symbolSearch === 'string' ? query.symbolSearch.trim().slice(0, 60) : '';
    const found = search ? searchSymbols(search, 6) : [];
    const symbols = [...NOTE_SYMBOLS.map((hexcode) => ({ hexcode, name: t(`live.board.symbols.${hexcode}`) })), ...found.filter((f) => !(NOTE_SYMBOLS as readonly string[]).includes(f.hexcode))];
    return {
      symbols,
      symbolSearch: search,
      symbolSearchFound: found.length,
      colours: COLOURS.map((c) => ({ value: c, text: t(`live.board.colour.${c}`) })),
      columnItems: settings.columns.map((c) => ({ value: c.key, text: c.title })),
      noteMax: NOTE_MAX,
    };
  };

  /** What the board pages share: the notes' colours in words, the dots as words. */
  const shared = (request: FastifyRequest) => ({ noteFill: NOTE_FILL, boardJs, liveJs, lang: request.lang });

  // ── Participants ───────────────────────────────────────────────────────────────────────────

  const renderParticipant = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200, fragment = false) => {
    const p = paramsOf(request);
    const data = await board.participantBoard(db, request.area!.id, p.sessionId, p.interactionId, participantToken(request));
    if (!data.participant || !data.view) return reply.redirect(participantBase(request.area!.slug, p.sessionId), 303);
    const query = request.query as Record<string, unknown>;
    const url = participantUrl(request);
    const follow = query.follow === '1';
    const model = {
      ...shared(request),
      title: data.interaction.prompt,
      staff: false,
      boardUrl: url,
      eventsUrl: `${participantBase(request.area!.slug, p.sessionId)}/events`,
      liveSeq: data.session.eventSeq,
      fragmentUrl: `${url}/fragment`,
      prompt: data.interaction.prompt,
      promptSymbol: data.interaction.symbol,
      view: data.view,
      settings: data.settings,
      readOnly: board.readOnlyReason(data),
      follow,
      clientKey: newToken(),
      values: { colour: data.settings.columns[0]?.colour ?? 'yellow', column: data.settings.columns[0]?.key ?? '', ...(typeof query.column === 'string' ? { column: query.column } : {}) },
      ...noteChoices(request, data.settings, (extra.searchSource as Record<string, unknown> | undefined) ?? query),
      ...extra,
    };
    if (fragment) return reply.page('live/views/board/fragment.njk', model, status);
    return reply.page('live/views/board/participant.njk', model, status);
  };

  app.get('/a/:area/live/:sessionId/board/:interactionId', participantRoute, (request, reply) => renderParticipant(request, reply));
  app.get('/a/:area/live/:sessionId/board/:interactionId/fragment', participantRoute, (request, reply) => renderParticipant(request, reply, {}, 200, true));

  /** After a change: JSON for the canvas script, else a message and back to the board (at `anchor`). */
  const done = (request: FastifyRequest, reply: FastifyReply, url: string, message: string, anchor = 'board-status') => {
    if (wantsJson(request)) return reply.code(200).header('Cache-Control', 'no-store').send({ ok: true, message });
    return reply.flash(message).redirect(`${url}#${anchor}`, 303);
  };

  /** A change the board cannot take (locked, no dots left, gone): said kindly, the board shown again. */
  const refused = (request: FastifyRequest, reply: FastifyReply, url: string, error: unknown) => {
    const t = request.t;
    let message: string;
    if (error instanceof board.BoardReadOnlyError) message = t(`live.board.readOnly.${error.reason}`);
    else if (error instanceof board.NoDotsLeftError) message = t('live.board.dot.noneLeft');
    else throw error;
    if (wantsJson(request)) return reply.code(409).send({ ok: false, message });
    return reply.flash(message).redirect(`${url}#board-status`, 303);
  };

  /** Runs a participant's change; a browser that has not joined goes to the join page. */
  const asParticipant = async (request: FastifyRequest, reply: FastifyReply, change: () => Promise<FastifyReply>) => {
    try {
      return await change();
    } catch (error) {
      if (error instanceof board.NotParticipantError) {
        const base = participantBase(request.area!.slug, paramsOf(request).sessionId);
        return wantsJson(request) ? reply.code(403).send({ ok: false, message: request.t('live.board.joinFirst') }) : reply.redirect(base, 303);
      }
      return refused(request, reply, participantUrl(request), error);
    }
  };

  app.post('/a/:area/live/:sessionId/board/:interactionId/notes', participantRoute, (request, reply) =>
    asParticipant(request, reply, async () => {
      const p = paramsOf(request);
      const data = await board.participantBoard(db, request.area!.id, p.sessionId, p.interactionId, participantToken(request));
      if (!data.participant) throw new board.NotParticipantError();
      // "Find pictures" inside the note form: the same page again, with what was typed and the pictures found.
      if (body(request).find) return renderParticipant(request, reply, { values: body(request), searchSource: body(request), clientKey: keyOf(body(request)) });
      const form = parseForm(noteForm(data.settings.columns.map((c) => c.key)), body(request), request.t);
      if (!form.ok) {
        if (wantsJson(request)) return reply.code(422).send({ ok: false, message: form.summary.map((s) => s.text).join(' ') });
        return renderParticipant(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values, clientKey: keyOf(form.values) }, 422);
      }
      const added = await board.addParticipantNote(db, request.area!.id, p.sessionId, p.interactionId, participantToken(request), form.data);
      // A note that may be a disclosure: the safeguarding leads are told now (the minute job retries if this fails).
      if (added.concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, request.area!.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
      const key = added.status === 'shown' ? 'live.board.added.shown' : 'live.board.added.waiting';
      return done(request, reply, participantUrl(request), request.t(key, { column: added.columnTitle }), `column-${form.data.column}`);
    }),
  );

  app.post('/a/:area/live/:sessionId/board/:interactionId/notes/:postId/move', participantRoute, (request, reply) =>
    asParticipant(request, reply, async () => {
      const p = paramsOf(request);
      const data = await board.participantBoard(db, request.area!.id, p.sessionId, p.interactionId, participantToken(request));
      if (!data.participant) throw new board.NotParticipantError();
      const form = parseForm(moveForm(data.settings.columns.map((c) => c.key)), body(request), request.t);
      if (!form.ok) return done(request, reply, participantUrl(request), form.summary[0]!.text, `note-${p.postId}`);
      const moved = await board.moveMyNote(db, request.area!.id, p.sessionId, p.interactionId, participantToken(request), p.postId ?? '', form.data.column);
      return done(request, reply, participantUrl(request), request.t('live.board.moved', { column: moved.columnTitle }), `note-${p.postId}`);
    }),
  );

  for (const [path, give] of [['dot', true], ['undot', false]] as const) {
    app.post(`/a/:area/live/:sessionId/board/:interactionId/notes/:postId/${path}`, participantRoute, (request, reply) =>
      asParticipant(request, reply, async () => {
        const p = paramsOf(request);
        const result = await board.setDot(db, request.area!.id, p.sessionId, p.interactionId, participantToken(request), p.postId ?? '', give);
        const t = request.t;
        const left = t('live.board.dotsLeft', { count: result.dotsLeft });
        const message = `${t(give ? 'live.board.dot.given' : 'live.board.dot.taken')} ${left}`;
        return done(request, reply, participantUrl(request), message, `note-${p.postId}`);
      }),
    );
  }

  // ── Staff ──────────────────────────────────────────────────────────────────────────────────

  const renderStaff = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200, fragment = false) => {
    const p = paramsOf(request);
    const data = await board.staffBoard(db, request.actor, request.area!.id, p.activityId ?? '', p.sessionId, p.interactionId);
    const url = staffUrl(request);
    const query = request.query as Record<string, unknown>;
    const model = {
      ...shared(request),
      title: request.t('live.board.staff.title', { prompt: data.interaction.prompt }),
      staff: true,
      boardUrl: url,
      eventsUrl: `/a/${request.area!.slug}/activities/${p.activityId}/live/${p.sessionId}/events`,
      liveSeq: data.session.eventSeq,
      fragmentUrl: `${url}/fragment`,
      hideBase: `/a/${request.area!.slug}/activities/${p.activityId}/live/${p.sessionId}/moderation/posts`,
      backLink: `/a/${request.area!.slug}/activities/${p.activityId}/live/${p.sessionId}`,
      prompt: data.interaction.prompt,
      promptSymbol: data.interaction.symbol,
      activityTitle: data.activityTitle,
      view: data.view,
      settings: data.settings,
      readOnly: data.interaction.state === 'closed' || data.session.status === 'ended' ? board.readOnlyReason(data) : null,
      clientKey: newToken(),
      values: { colour: data.settings.columns[0]?.colour ?? 'yellow', column: data.settings.columns[0]?.key ?? '' },
      clusterValues: { column: data.settings.columns[0]?.key ?? '' },
      exports: { csv: `${url}/board.csv`, xlsx: `${url}/board.xlsx`, svg: `${url}/board.svg`, print: `${url}/print`, screen: `${url}/screen` },
      ...noteChoices(request, data.settings, (extra.searchSource as Record<string, unknown> | undefined) ?? query),
      ...extra,
    };
    return reply.page(fragment ? 'live/views/board/fragment.njk' : 'live/views/board/staff.njk', model, status);
  };

  const S = '/a/:area/activities/:activityId/live/:sessionId/board/:interactionId';
  app.get(S, needs('live.run'), (request, reply) => renderStaff(request, reply));
  app.get(`${S}/fragment`, needs('live.run'), (request, reply) => renderStaff(request, reply, {}, 200, true));

  const asStaff = async (request: FastifyRequest, reply: FastifyReply, change: () => Promise<FastifyReply>) => {
    try {
      return await change();
    } catch (error) {
      return refused(request, reply, staffUrl(request), error);
    }
  };
  const columnKeysOf = async (request: FastifyRequest) => {
    const p = paramsOf(request);
    const data = await board.staffBoard(db, request.actor, request.area!.id, p.activityId ?? '', p.sessionId, p.interactionId);
    return data.settings.columns;
  };

  app.post(`${S}/notes`, needs('live.run'), (request, reply) =>
    asStaff(request, reply, async () => {
      if (body(request).find) return renderStaff(request, reply, { values: body(request), searchSource: body(request), clientKey: keyOf(body(request)) });
      const columns = await columnKeysOf(request);
      const form = parseForm(noteForm(columns.map((c) => c.key)), body(request), request.t);
      if (!form.ok) {
        if (wantsJson(request)) return reply.code(422).send({ ok: false, message: form.summary.map((s) => s.text).join(' ') });
        return renderStaff(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values, clientKey: keyOf(form.values) }, 422);
      }
      const added = await board.addFacilitatorNote(db, staffRef(request), form.data);
      return done(request, reply, staffUrl(request), request.t('live.board.added.shown', { column: added.columnTitle }), `column-${form.data.column}`);
    }),
  );

  app.post(`${S}/notes/:postId/move`, needs('live.run'), (request, reply) =>
    asStaff(request, reply, async () => {
      const p = paramsOf(request);
      await columnKeysOf(request); // who may run this board is checked before anything else is said
      const form = parseForm(staffMoveForm, body(request), request.t);
      if (!form.ok || (!form.data.place && !form.data.direction)) return done(request, reply, staffUrl(request), request.t('live.board.errors.placeMissing'), `note-${p.postId}`);
      const place = form.data.place ? (form.data.place.startsWith('column:') ? { column: form.data.place.slice(7) } : { cluster: form.data.place.slice(8) }) : undefined;
      const moved = await board.moveNote(db, staffRef(request), p.postId ?? '', { place, direction: form.data.direction || undefined });
      const message = form.data.direction ? request.t(`live.board.movedDirection.${form.data.direction}`) : request.t('live.board.moved', { column: moved.where });
      return done(request, reply, staffUrl(request), message, `note-${p.postId}`);
    }),
  );

  app.post(`${S}/clusters`, needs('live.run'), (request, reply) =>
    asStaff(request, reply, async () => {
      const columns = await columnKeysOf(request);
      const form = parseForm(clusterForm(columns.map((c) => c.key)), body(request), request.t, { title: 'cluster-title', column: 'cluster-column' });
      if (!form.ok) {
        if (wantsJson(request)) return reply.code(422).send({ ok: false, message: form.summary.map((s) => s.text).join(' ') });
        return renderStaff(request, reply, { clusterErrors: form.errors, errorSummary: form.summary, clusterValues: form.values }, 422);
      }
      const id = await board.createCluster(db, staffRef(request), form.data);
      return done(request, reply, staffUrl(request), request.t('live.board.cluster.made', { title: form.data.title }), `cluster-${id}`);
    }),
  );

  app.post(`${S}/clusters/:clusterId`, needs('live.run'), (request, reply) =>
    asStaff(request, reply, async () => {
      const p = paramsOf(request);
      const columns = await columnKeysOf(request);
      const form = parseForm(clusterForm(columns.map((c) => c.key)), body(request), request.t, { title: `cluster-${p.clusterId}-title`, column: `cluster-${p.clusterId}-column` });
      if (!form.ok) {
        if (wantsJson(request)) return reply.code(422).send({ ok: false, message: form.summary.map((s) => s.text).join(' ') });
        return renderStaff(request, reply, { renameErrors: { id: p.clusterId, ...form.errors }, errorSummary: form.summary, renameValues: { id: p.clusterId, ...form.values } }, 422);
      }
      await board.renameCluster(db, staffRef(request), p.clusterId ?? '', form.data);
      return done(request, reply, staffUrl(request), request.t('live.board.cluster.renamed', { title: form.data.title }), `cluster-${p.clusterId}`);
    }),
  );

  app.post(`${S}/clusters/:clusterId/remove`, needs('live.run'), (request, reply) =>
    asStaff(request, reply, async () => {
      const p = paramsOf(request);
      const title = await board.removeCluster(db, staffRef(request), p.clusterId ?? '');
      return done(request, reply, staffUrl(request), request.t('live.board.cluster.removed', { title }));
    }),
  );

  // ── The big screen and exports ─────────────────────────────────────────────────────────────

  const shownOf = (request: FastifyRequest, action: 'live.run' | 'live.view') => {
    const p = paramsOf(request);
    return board.shownBoard(db, request.actor, request.area!.id, p.activityId ?? '', p.sessionId, p.interactionId, action);
  };

  app.get(`${S}/screen`, needs('live.run'), async (request, reply) => {
    const data = await shownOf(request, 'live.run');
    return reply.page('live/views/board/screen.njk', { ...shared(request), title: data.interaction.prompt, prompt: data.interaction.prompt, view: data.view, fragmentUrl: `${staffUrl(request)}/screen`, screen: true, eventsUrl: `/a/${request.area!.slug}/activities/${paramsOf(request).activityId}/live/${paramsOf(request).sessionId}/events`, liveSeq: data.session.eventSeq });
  });

  app.get(`${S}/print`, needs('live.view'), async (request, reply) => {
    const data = await shownOf(request, 'live.view');
    await board.auditBoardExport(db, request.actor!, request.area!.id, data.interaction.id, 'print');
    return reply.page('live/views/board/print.njk', { ...shared(request), title: request.t('live.board.print.title', { prompt: data.interaction.prompt }), prompt: data.interaction.prompt, activityTitle: data.activityTitle, sessionTitle: data.session.title, view: data.view, backLink: staffUrl(request) });
  });

  const download = (reply: FastifyReply, type: string, fileName: string, payload: string | Buffer) =>
    reply.code(200).type(type).header('Content-Disposition', `attachment; filename="${fileName}"`).header('Cache-Control', 'no-store').header('X-Content-Type-Options', 'nosniff').send(payload);

  app.get(`${S}/board.csv`, needs('live.view'), async (request, reply) => {
    const data = await shownOf(request, 'live.view');
    await board.auditBoardExport(db, request.actor!, request.area!.id, data.interaction.id, 'csv');
    return download(reply, 'text/csv; charset=utf-8', boardFileName(data.interaction.prompt, new Date(), 'csv'), boardCsv(data.view, request.t));
  });

  app.get(`${S}/board.xlsx`, needs('live.view'), async (request, reply) => {
    const data = await shownOf(request, 'live.view');
    await board.auditBoardExport(db, request.actor!, request.area!.id, data.interaction.id, 'xlsx');
    return download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', boardFileName(data.interaction.prompt, new Date(), 'xlsx'), await boardXlsx(data.view, request.t, data.interaction.prompt));
  });

  app.get(`${S}/board.svg`, needs('live.view'), async (request, reply) => {
    const data = await shownOf(request, 'live.view');
    await board.auditBoardExport(db, request.actor!, request.area!.id, data.interaction.id, 'svg');
    // An image that could hold script is never shown inline: downloaded, with its own strict policy.
    reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return download(reply, 'image/svg+xml; charset=utf-8', boardFileName(data.interaction.prompt, new Date(), 'svg'), boardSvg(data.view, data.interaction.prompt, request.t));
  });
}
