/**
 * Taking part in a live session (issue 15), with no account: type the code at /join (or scan the QR
 * code to /join/:joinCode), agree the ground rules, answer whatever the facilitator shows, and at the
 * end keep a code and choose how to hear what happened. Every page works without JavaScript (forms
 * that post and redirect) and by keyboard alone; pages are easy read with symbols.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorState, formError, parseForm } from '../../lib/form-errors.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { newToken } from '../../lib/tokens.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { GROUND_RULES } from '../activities/activities.service.ts';
import { PARTICIPANT_COOKIE, PARTICIPANT_LIMIT, participantBase, participantToken, readSettings, type LiveInteraction, type LiveParticipant } from './core.ts';
import { hearBackForm, joinCodeForm, joinForm, NICKNAME_MAX, parseAnswer, postForm, QUESTION_MAX, TEXT_MAX, voteForm, WORD_MAX } from './participate.forms.ts';
import * as participate from './participate.service.ts';

/**
 * Guessing join codes. A code is 6 characters from 31 (codes.ts): 31^6 = 887,503,681 codes. Only
 * wrong codes count, per address, 30 in 10 minutes, in PostgreSQL (so every instance shares the
 * count): a room of 200 typing the right code from one school's address is never refused. With as
 * many as 1,000 sessions open at once across the installation, one guess finds one with a chance of
 * 1,000 / 887,503,681 ≈ 1 in 890,000; at the limit an address makes 4,320 guesses a day, so about 1
 * chance in 200 a day of landing in some session, where it could only answer like anyone in the room
 * (nobody's name or unscreened words are ever shown to participants).
 */
export const JOIN_FAILURES = { max: 30, windowMs: 10 * 60_000 };

/**
 * The code pages replace the installation-wide 600 a minute per address: a hall of 500 joining from
 * one address makes about 1,000 requests here in a minute. Guessing is held by JOIN_FAILURES.
 */
const JOIN_LIMIT = { max: 3000, timeWindow: '1 minute', hook: 'preHandler' as const, groupId: 'live-join', keyGenerator: (request: FastifyRequest) => request.ip };

const joinRoute = { config: { access: 'public' as const, rateLimit: JOIN_LIMIT } };
const participantRoute = { config: { access: 'public' as const, rateLimit: PARTICIPANT_LIMIT } };

/** A participant's cookie lasts the day of the session and a little after (the end page and hearing back). */
const COOKIE_MAX_AGE = 60 * 60 * 24 * 2;

/** Symbols beside the ground rules (OpenMoji), in the activities module's order and words. */
const RULE_SYMBOLS: Record<string, string> = { confidentiality: '1F910', respect: '1F91D', ok_not_to_answer: '1F64A', ok_to_leave: '1F6AA' };
const SCALE_FACES = ['1F61E', '1F641', '1F610', '1F642', '1F604'];
const STAR = '2B50';
const ORDINALS = 8;

type Params = { area: string; sessionId: string; interactionId?: string; postId?: string; joinCode?: string };

const newClientKey = () => randomBytes(18).toString('base64url');

export default async function participateRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const failures = app.failureLimit('live-join-code', JOIN_FAILURES.windowMs);
  const say = (request: FastifyRequest) => (key: string, params?: Record<string, unknown>) => request.t(`live.participate.${key}`, params);

  // Our own limits: say plainly what to do (not the general "too many requests" page).
  app.setErrorHandler(async (error, request, reply) => {
    if ((error as { statusCode?: number }).statusCode === 429 && (request.routeOptions.config as { rateLimit?: unknown }).rateLimit) {
      return reply.page('live/views/participate/too-many.njk', { title: request.t('live.participate.tooMany.title'), s: say(request), slow: true }, 429);
    }
    throw error;
  });

  const base = (request: FastifyRequest) => participantBase(request.area!.slug, (request.params as Params).sessionId);
  const liveJs = app.assetUrl('live.js');
  /**
   * With JavaScript, the stream part's live.js follows the facilitator (data-live-follow: the page
   * goes to what is current, unless the person is typing) and refreshes the results region; only
   * for a browser that joined (the participants' stream needs their cookie).
   */
  const live = (request: FastifyRequest, view: participate.SessionView) =>
    view.participant && view.session.status !== 'ended' ? { liveJs, eventsUrl: `${base(request)}/events`, liveSeq: view.session.eventSeq, followUrl: `${base(request)}/now` } : {};
  const alertIfRaised = (request: FastifyRequest, outcome: { concernRaised: boolean }) => {
    if (outcome.concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, request.area!.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
  };

  // ── Typing the code ────────────────────────────────────────────────────────────────────────

  const renderCode = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('live/views/participate/code.njk', { title: request.t('live.participate.code.title'), s: say(request), values: {}, ...extra }, status);

  const tooManyCodes = (request: FastifyRequest, reply: FastifyReply) =>
    reply.page('live/views/participate/too-many.njk', { title: request.t('live.participate.tooMany.title'), s: say(request), codes: true }, 429);

  /** One answer for a code that is wrong, ended, or another area's ended session. */
  const wrongCode = async (request: FastifyRequest, reply: FastifyReply, typed: string) => {
    const count = await failures.fail(request.ip);
    if (count > JOIN_FAILURES.max) return tooManyCodes(request, reply);
    const failed = formError('code', request.t('live.participate.errors.code.notFound'), { code: typed.slice(0, 40) });
    return renderCode(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values, notFound: true }, 404);
  };

  const openCode = async (request: FastifyRequest, reply: FastifyReply, typed: unknown) => {
    if ((await failures.count(request.ip)) >= JOIN_FAILURES.max) return tooManyCodes(request, reply);
    const form = parseForm(joinCodeForm, { code: typed }, request.t);
    if (!form.ok) return renderCode(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const found = await participate.openJoinCode(db, form.data.code);
    if (!found) return wrongCode(request, reply, String(typed));
    return reply.redirect(participantBase(found.areaSlug, found.sessionId), 303);
  };

  app.get('/join', joinRoute, (request, reply) => renderCode(request, reply));
  app.post('/join', joinRoute, (request, reply) => openCode(request, reply, (request.body as Record<string, unknown> | undefined)?.code));
  app.get('/join/:joinCode', joinRoute, (request, reply) => openCode(request, reply, (request.params as Params).joinCode));

  // ── Joining: ground rules, a name if you like, yourself or a group ────────────────────────────

  const loadView = async (request: FastifyRequest) => {
    const view = await participate.findSessionView(db, request.area!.id, (request.params as Params).sessionId, participantToken(request));
    if (!view) return undefined;
    return view;
  };

  const renderJoin = (request: FastifyRequest, reply: FastifyReply, view: participate.SessionView, extra: Record<string, unknown> = {}, status = 200) => {
    const s = say(request);
    const rules = GROUND_RULES.filter((r) => view.groundRules.includes(r)).map((r) => ({ key: r, symbol: RULE_SYMBOLS[r], title: request.t(`activities.options.groundRules.${r}`), words: request.t(`activities.options.groundRuleWording.${r}`) }));
    return reply.page(
      'live/views/participate/join.njk',
      {
        title: view.session.title,
        s,
        session: view.session,
        activityTitle: view.activityTitle,
        rules,
        hasNotToAnswer: view.groundRules.includes('ok_not_to_answer'),
        action: base(request),
        nicknameMax: NICKNAME_MAX,
        groupSizes: [2, 3, 4, 5, 6, 7, 8, 9, 10],
        values: { joinKey: newClientKey() },
        ...extra,
      },
      status,
    );
  };

  const renderWaiting = (request: FastifyRequest, reply: FastifyReply, view: participate.SessionView, kind: 'notStarted' | 'nextQuestion') =>
    reply.page('live/views/participate/waiting.njk', { ...live(request, view), title: request.t(`live.participate.waiting.${kind}.title`), s: say(request), kind, session: view.session, nowUrl: view.participant ? `${base(request)}/now` : base(request), endUrl: `${base(request)}/end`, joined: Boolean(view.participant) });

  app.get('/a/:area/live/:sessionId', participantRoute, async (request, reply) => {
    const view = await loadView(request);
    if (!view) throw new NotFoundError('live session');
    if (view.session.status === 'ended') return reply.redirect(`${base(request)}/end`, 303);
    // People join while the room settles, before the facilitator starts (the big screen says "Join
    // now!"); they then wait for the first question.
    if (view.participant) return reply.redirect(`${base(request)}/now`, 303);
    return renderJoin(request, reply, view);
  });

  app.post('/a/:area/live/:sessionId', participantRoute, async (request, reply) => {
    const view = await loadView(request);
    if (!view) throw new NotFoundError('live session');
    if (view.session.status === 'ended') return reply.redirect(`${base(request)}/end`, 303);
    if (view.participant) return reply.redirect(`${base(request)}/now`, 303);
    const form = parseForm(joinForm, request.body, request.t, { who: 'who', agree: 'agree' });
    if (!form.ok) {
      const values = { ...form.values, joinKey: typeof form.values.joinKey === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(form.values.joinKey) ? form.values.joinKey : newClientKey() };
      return renderJoin(request, reply, view, { errors: form.errors, errorSummary: form.summary, values }, 422);
    }
    // The form's own key is the participant's token, so the same form sent twice joins once; a
    // browser that lost it (an old page) gets a new one.
    const token = form.data.joinKey || newToken();
    await participate.joinSession(db, request.area!.id, view.session, { token, nickname: form.data.nickname, groupSize: form.data.groupSize, language: request.lang });
    reply.setCookie(PARTICIPANT_COOKIE, token, { path: base(request), httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', signed: true, maxAge: COOKIE_MAX_AGE });
    return reply.redirect(`${base(request)}/now`, 303);
  });

  // ── What is on now ─────────────────────────────────────────────────────────────────────────

  /** The session and this browser's participant, or where to send the browser instead. */
  type Loaded = { view: participate.SessionView; participant: LiveParticipant; done?: undefined } | { done: FastifyReply };
  const participantOnly = async (request: FastifyRequest, reply: FastifyReply): Promise<Loaded> => {
    const view = await loadView(request);
    if (!view) throw new NotFoundError('live session');
    if (view.session.status === 'ended') return { done: reply.redirect(`${base(request)}/end`, 303) };
    // Not joined from this browser (a link passed on, a cleared cookie): the join page, here.
    if (!view.participant) return { done: renderJoin(request, reply, view) };
    if (view.session.status === 'draft') return { done: renderWaiting(request, reply, view, 'notStarted') };
    return { view, participant: view.participant };
  };

  app.get('/a/:area/live/:sessionId/now', participantRoute, async (request, reply) => {
    const loaded = await participantOnly(request, reply);
    if (loaded.done) return loaded.done;
    const current = loaded.view.session.currentInteractionId;
    if (!current) return renderWaiting(request, reply, loaded.view, 'nextQuestion');
    return reply.redirect(`${base(request)}/i/${current}`, 303);
  });

  // ── Answering ──────────────────────────────────────────────────────────────────────────────

  const optionCards = (options: { id: string; label: string; symbol: string | null }[]) => options.map((o) => ({ value: o.id, text: o.label, symbol: o.symbol }));

  /** The answer page; `loaded` when the route has just read it (a refused answer reads it again: its state changed). */
  const renderAnswer = async (request: FastifyRequest, reply: FastifyReply, view: participate.SessionView, participant: LiveParticipant, extra: Record<string, unknown> = {}, status = 200, loaded?: participate.AnswerPage) => {
    const params = request.params as Params;
    const page = loaded ?? (await participate.answerPage(db, request.area!.id, view.session, participant, params.interactionId ?? ''));
    if (!page) throw new NotFoundError('live session');
    const s = say(request);
    const i = page.interaction;
    const current = view.session.currentInteractionId === i.id;
    const b = base(request);
    const model: Record<string, unknown> = {
      ...live(request, view),
      title: i.prompt,
      s,
      session: view.session,
      interaction: i,
      position: page.position,
      total: page.total,
      current,
      // 'ready' and not on the screen yet: nothing to answer.
      notYet: i.state === 'ready',
      answer: page.answer,
      ownPosts: page.ownPosts,
      questions: page.questions,
      tally: page.tally,
      action: `${b}/i/${i.id}`,
      askAction: `${b}/i/${i.id}/questions`,
      voteBase: `${b}/i/${i.id}/questions`,
      nowUrl: `${b}/now`,
      endUrl: `${b}/end`,
      clientKey: newClientKey(),
      changing: (request.query as Record<string, unknown>).change === '1',
      groupSize: participant.groupSize,
      wordMax: WORD_MAX,
      textMax: TEXT_MAX,
      questionMax: QUESTION_MAX,
      values: {},
      ...kindModel(i, page.answer?.value, s),
      ...extra,
    };
    return reply.page('live/views/participate/answer.njk', model, status);
  };

  /** The cards, faces, words or places the page offers for this kind, and the chosen ones. */
  const kindModel = (i: LiveInteraction, stored: unknown, s: ReturnType<typeof say>) => {
    switch (i.kind) {
      case 'choice': {
        const settings = readSettings('choice', i.settings);
        const chosen = (stored as { options?: string[] } | undefined)?.options ?? [];
        return { multiple: settings.multiple, cards: optionCards(settings.options).map((c) => ({ ...c, checked: chosen.includes(c.value) })), chosenWords: settings.options.filter((o) => chosen.includes(o.id)).map((o) => o.label) };
      }
      case 'scale': {
        const settings = readSettings('scale', i.settings);
        const value = (stored as { value?: number } | undefined)?.value;
        const cards = [1, 2, 3, 4, 5].map((n) => ({
          value: String(n),
          // The facilitator's own words for the ends, where given ("Not safe" … "Very safe").
          text: n === 1 && settings.lowLabel ? `1: ${settings.lowLabel}` : n === 5 && settings.highLabel ? `5: ${settings.highLabel}` : s(`scale.words.${n}`, { n }),
          symbol: settings.style === 'faces' ? SCALE_FACES[n - 1] : settings.style === 'stars' ? STAR : null,
          stars: settings.style === 'stars' ? n : 0,
          number: settings.style === 'numbers' ? n : null,
          checked: value === n,
        }));
        return { scaleStyle: settings.style, cards, chosenWords: value ? [cards[value - 1]!.text] : [] };
      }
      case 'word_cloud': {
        const settings = readSettings('word_cloud', i.settings);
        const words = (stored as { words?: string[] } | undefined)?.words ?? [];
        return { maxWords: settings.maxWords, wordFields: Array.from({ length: settings.maxWords }, (_, n) => ({ name: `word${n + 1}`, value: words[n] ?? '' })) };
      }
      case 'ranking': {
        const settings = readSettings('ranking', i.settings);
        const order = (stored as { order?: string[] } | undefined)?.order ?? [];
        const places = Array.from({ length: Math.min(settings.options.length, ORDINALS) }, (_, n) => ({ value: String(n + 1), text: s(`ranking.place.${n + 1}`) }));
        return {
          places,
          rankOptions: settings.options.map((o) => ({ id: o.id, label: o.label, symbol: o.symbol, place: order.indexOf(o.id) + 1 })),
          chosenWords: order.map((id) => settings.options.find((o) => o.id === id)?.label ?? '').filter(Boolean),
          optionLabels: Object.fromEntries(settings.options.map((o) => [o.id, o.label])),
        };
      }
      default:
        return {};
    }
  };

  const loadInteraction = (request: FastifyRequest) => (request.params as Params).interactionId ?? '';

  app.get('/a/:area/live/:sessionId/i/:interactionId', participantRoute, async (request, reply) => {
    if (!isId(loadInteraction(request))) throw new NotFoundError('live session');
    const loaded = await participantOnly(request, reply);
    if (loaded.done) return loaded.done;
    // A board is a page of its own (the board part's): a child following the facilitator lands on
    // it, not on a page with a button to it.
    const page = await participate.answerPage(db, request.area!.id, loaded.view.session, loaded.participant, loadInteraction(request));
    if (!page) throw new NotFoundError('live session');
    if (page.interaction.kind === 'board') return reply.redirect(`${base(request)}/board/${page.interaction.id}`, 303);
    return renderAnswer(request, reply, loaded.view, loaded.participant, {}, 200, page);
  });

  /** "This question is not open": shown kindly, with the answer as it was kept. */
  const notOpen = (request: FastifyRequest, reply: FastifyReply, view: participate.SessionView, participant: LiveParticipant) =>
    renderAnswer(request, reply, view, participant, { refused: true }, 409);

  app.post('/a/:area/live/:sessionId/i/:interactionId', participantRoute, async (request, reply) => {
    if (!isId(loadInteraction(request))) throw new NotFoundError('live session');
    const loaded = await participantOnly(request, reply);
    if (loaded.done) return loaded.done;
    const { view, participant } = loaded;
    const page = await participate.answerPage(db, request.area!.id, view.session, participant, loadInteraction(request));
    if (!page) throw new NotFoundError('live session');
    const i = page.interaction;
    try {
      if (i.kind === 'open_text') {
        const form = parseForm(postForm(TEXT_MAX, 'text'), request.body, request.t);
        if (!form.ok) return renderAnswer(request, reply, view, participant, { errors: form.errors, errorSummary: form.summary, values: form.values, changing: true }, 422, page);
        alertIfRaised(request, await participate.addPost(db, request.area!.id, view.session, participant, i, { kind: 'text', text: form.data.text, clientKey: form.data.clientKey }));
        return reply.redirect(`${base(request)}/i/${i.id}#your-answers`, 303);
      }
      if (i.kind === 'qanda' || i.kind === 'board') return reply.redirect(`${base(request)}/i/${i.id}`, 303);
      const parsed = parseAnswer(i, request.body);
      if (!parsed.ok) {
        const state = errorState(parsed.problems.map((p) => ({ field: p.field, text: request.t(p.key, p.params) })), { option: 'option', value: 'value' });
        return renderAnswer(request, reply, view, participant, { ...state, values: parsed.values, changing: true }, 422, page);
      }
      alertIfRaised(request, await participate.saveAnswer(db, request.area!.id, view.session, participant, i, parsed));
      return reply.redirect(`${base(request)}/i/${i.id}#answered`, 303);
    } catch (error) {
      if (error instanceof participate.NotOpenError) return notOpen(request, reply, view, participant);
      throw error;
    }
  });

  app.post('/a/:area/live/:sessionId/i/:interactionId/questions', participantRoute, async (request, reply) => {
    if (!isId(loadInteraction(request))) throw new NotFoundError('live session');
    const loaded = await participantOnly(request, reply);
    if (loaded.done) return loaded.done;
    const { view, participant } = loaded;
    const page = await participate.answerPage(db, request.area!.id, view.session, participant, loadInteraction(request));
    if (!page || page.interaction.kind !== 'qanda') throw new NotFoundError('live session');
    const form = parseForm(postForm(QUESTION_MAX, 'question'), request.body, request.t);
    if (!form.ok) return renderAnswer(request, reply, view, participant, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422, page);
    try {
      alertIfRaised(request, await participate.addPost(db, request.area!.id, view.session, participant, page.interaction, { kind: 'question', text: form.data.text, clientKey: form.data.clientKey }));
    } catch (error) {
      if (error instanceof participate.NotOpenError) return notOpen(request, reply, view, participant);
      throw error;
    }
    return reply.redirect(`${base(request)}/i/${page.interaction.id}#your-answers`, 303);
  });

  app.post('/a/:area/live/:sessionId/i/:interactionId/questions/:postId/vote', participantRoute, async (request, reply) => {
    const params = request.params as Params;
    if (!isId(params.interactionId) || !isId(params.postId)) throw new NotFoundError('live session');
    const loaded = await participantOnly(request, reply);
    if (loaded.done) return loaded.done;
    const { view, participant } = loaded;
    const page = await participate.answerPage(db, request.area!.id, view.session, participant, params.interactionId);
    if (!page || page.interaction.kind !== 'qanda') throw new NotFoundError('live session');
    const form = parseForm(voteForm, request.body, request.t);
    if (!form.ok) return reply.redirect(`${base(request)}/i/${page.interaction.id}`, 303);
    try {
      const found = await participate.voteOnQuestion(db, request.area!.id, view.session, participant, page.interaction, params.postId, form.data.vote === 'add');
      if (!found) throw new NotFoundError('live session');
    } catch (error) {
      if (error instanceof participate.NotOpenError) return notOpen(request, reply, view, participant);
      throw error;
    }
    return reply.redirect(`${base(request)}/i/${page.interaction.id}#question-${params.postId}`, 303);
  });

  // ── The end: your code, hearing back ────────────────────────────────────────────────────────

  const renderEnd = async (request: FastifyRequest, reply: FastifyReply, view: participate.SessionView, extra: Record<string, unknown> = {}, status = 200) => {
    const participant = view.participant;
    const mine = participant ? await participate.endPage(db, request.area!.id, participant) : undefined;
    const contact = mine?.contact;
    return reply.page(
      'live/views/participate/end.njk',
      {
        // No live.js here: someone who said they've finished is not taken back when the facilitator moves on.
        title: request.t(view.session.status === 'ended' ? 'live.participate.end.titleEnded' : 'live.participate.end.title'),
        s: say(request),
        session: view.session,
        ended: view.session.status === 'ended',
        joined: Boolean(participant),
        receiptCode: mine?.receiptCode,
        contact,
        myViewsLink: `/a/${request.area!.slug}/my-views`,
        nowUrl: `${base(request)}/now`,
        action: `${base(request)}/end/hear-back`,
        nextPersonAction: `${base(request)}/end/next-person`,
        values: {
          channel: contact && contact.channel !== 'supporter' && contact.channel !== 'letter' ? contact.channel : '',
          email: contact?.channel === 'email' ? contact.address : '',
          mobile: contact?.channel === 'sms' ? contact.address : '',
          format: contact?.format ?? 'easy_read',
        },
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/live/:sessionId/end', participantRoute, async (request, reply) => {
    const view = await loadView(request);
    if (!view) throw new NotFoundError('live session');
    return renderEnd(request, reply, view);
  });

  // A shared phone or tablet: once someone has their code, the next person joins as themselves.
  app.post('/a/:area/live/:sessionId/end/next-person', participantRoute, async (request, reply) => {
    const view = await loadView(request);
    if (!view) throw new NotFoundError('live session');
    reply.clearCookie(PARTICIPANT_COOKIE, { path: base(request), httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', signed: true });
    return reply.redirect(base(request), 303);
  });

  app.post('/a/:area/live/:sessionId/end/hear-back', participantRoute, async (request, reply) => {
    const view = await loadView(request);
    if (!view) throw new NotFoundError('live session');
    if (!view.participant) return reply.redirect(`${base(request)}/end`, 303);
    const form = parseForm(hearBackForm, request.body, request.t, { channel: 'channel', format: 'format' });
    if (!form.ok) return renderEnd(request, reply, view, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await participate.chooseHearBack(db, request.area!.id, view.participant, { channel: form.data.channel, address: form.data.address, format: form.data.format, language: request.lang });
    return reply.flash(request.t(`live.participate.end.saved.${form.data.channel}`)).redirect(`${base(request)}/end#hear-back`, 303);
  });
}
