/**
 * Survey response pages: One question per page (each type's own template), saving and coming back later with a resume code, and "anything else?".
 * Shared helpers and the stage check are in respond.pages.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm } from '../../lib/form-errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { formValues, parseAnswer } from './answers.ts';
import { CARD_PILES, templatesOf, type CardPile } from './question-types/definition.ts';
import type { CardSortValue } from './question-types/card-sort.ts';
import { questionType, type Question, type QuestionOption } from './question-types.ts';
import { anythingElseForm, resumeForm } from './respond.forms.ts';
import * as respond from './respond.service.ts';
import { RESUME_CODE_COOKIE, RESUME_LIMIT, type ResponsePages } from './respond.pages.ts';

export function questionsRoutes(app: FastifyInstance, pages: ResponsePages): void {
  const { db, publicRoute, limited, alertIfRaised, sayer, areaBase, base, params, returningToCheck, setAccessCookie, common, errorsFrom, questionWords, optionWords, questionUrl, afterQuestion, beforeQuestion, saveAndLeave, surveyOf, stage } = pages;

  // ── Questions ─────────────────────────────────────────────────────────────────────────────

  const questionAt = (request: FastifyRequest, survey: respond.Survey) => {
    const raw = params(request).number ?? '';
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : 0;
    const question = survey.questions[n - 1];
    if (!question) throw new NotFoundError('question');
    return question;
  };

  /** How to show an option's symbol: its alt text, or none when the words beside it already say it. */
  const symbolAlt = (o: QuestionOption, words: string) => {
    const alt = o.altText.trim();
    const same = (a: string) => a.trim().toLowerCase() === alt.toLowerCase();
    return same(words) || same(o.label) || same(o.easyRead) ? '' : alt;
  };

  // ── Card sort, one card at a time ──────────────────────────────────────────────────────────
  // A card sort is a few steps within its question, each a plain page and form (no JavaScript):
  // ?card=N shows card N with one button per pile and "Skip this card"; each press saves the
  // piles so far and goes to the next card; ?card=piles shows the piles, "tell us why" and Next.

  const PILE_SYMBOLS: Record<CardPile, string> = { like: '1F44D', unsure: '1F914', dislike: '1F44E' };

  const savedPiles = (survey: respond.Survey, question: Question): CardSortValue | null => {
    const saved = survey.answers.get(question.id)?.value;
    return saved ? (questionType('card_sort').answer.read(saved) as CardSortValue | null) : null;
  };

  /** Which step of a card sort: a card (its index), or the piles. */
  const sortStep = (request: FastifyRequest, survey: respond.Survey, question: Question): { kind: 'card'; index: number } | { kind: 'piles' } => {
    const raw = String((request.query as Record<string, unknown>)?.card ?? '');
    const n = /^\d{1,3}$/.test(raw) ? Number(raw) : 0;
    if (n >= 1 && n <= question.options.length) return { kind: 'card', index: n - 1 };
    if (raw === 'piles' || survey.answers.has(question.id) || returningToCheck(request) || question.options.length === 0) return { kind: 'piles' };
    return { kind: 'card', index: 0 };
  };

  /** `sent`: the piles of a form sent back with a problem (its hidden fields), shown instead of the saved ones. */
  const sortModel = (request: FastifyRequest, survey: respond.Survey, question: Question, step: ReturnType<typeof sortStep>, sent?: Record<string, unknown>) => {
    const say = sayer(request, survey.activity.childrenMode);
    const words = optionWords(survey.activity.childrenMode);
    const url = questionUrl(request, survey, question);
    const back = returningToCheck(request) ? '&return=check' : '';
    const piles: Record<string, string> = sent
      ? Object.fromEntries(question.options.map((o) => [o.id, sent[`pile-${o.id}`]]).filter((e): e is [string, CardPile] => (CARD_PILES as readonly unknown[]).includes(e[1])))
      : (savedPiles(survey, question)?.piles ?? {});
    const card = (o: QuestionOption, i: number) => ({ id: o.id, text: words(o), symbol: o.symbol, alt: o.symbol ? symbolAlt(o, words(o)) : '', href: `${url}?card=${i + 1}${back}` });
    const cards = question.options.map(card);
    return {
      kind: step.kind,
      index: step.kind === 'card' ? step.index + 1 : 0,
      count: question.options.length,
      card: step.kind === 'card' ? cards[step.index] : null,
      piles: CARD_PILES.map((pile) => ({ value: pile, symbol: PILE_SYMBOLS[pile], words: say(`piles.${pile}`), cards: cards.filter((c) => piles[c.id] === pile) })),
      unsorted: cards.filter((c) => !piles[c.id]),
      firstCard: `${url}?card=1${back}`,
    };
  };

  const renderQuestion = (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, question: Question, extra: Record<string, unknown> = {}, status = 200) => {
    const easy = survey.activity.childrenMode;
    const words = optionWords(easy);
    // Counted over every question, shown or not, so the total never changes half-way when an
    // answer brings in a conditional question; the number matches the question's address.
    const position = survey.questions.indexOf(question) + 1;
    const heading = questionWords(survey, question);
    const saved = survey.answers.get(question.id);
    const view = questionType(question.type).view;
    return reply.page(
      'surveys/views/respond/question.njk',
      {
        ...common(request, survey),
        title: heading,
        backLink: returningToCheck(request) ? `${base(request, survey.response.id)}/check` : beforeQuestion(request, survey, question),
        progress: { current: position, total: survey.questions.length },
        question: {
          type: question.type,
          heading,
          // In children's mode the lead's own wording stays available to a grown-up helping (a
          // supported response), folded away; a child on their own does not need it on every page.
          fullText: easy && survey.response.mode === 'supported' && question.easyRead && question.easyRead !== question.text ? question.text : '',
          hint: question.hint,
          required: question.required,
          // What the type's template needs (question-types/), and how its options sit.
          ...view?.model?.(question),
          template: templatesOf(questionType(question.type)).answer,
          inline: view?.inline ?? false,
          symbolSize: view?.symbolSize?.(easy) ?? (easy ? 64 : 40),
          options: question.options.map((o) => ({ id: o.id, text: words(o), symbol: o.symbol, alt: o.symbol ? symbolAlt(o, words(o)) : '' })),
          // Picture cards sit two a row on a phone; long words or options without symbols read better one a row.
          wideCards: question.options.some((o) => words(o).length > 22 || !o.symbol),
        },
        sort: question.type === 'card_sort' ? sortModel(request, survey, question, status === 200 ? sortStep(request, survey, question) : { kind: 'piles' }, status === 200 ? undefined : (extra.values as Record<string, unknown> | undefined)) : null,
        declined: Boolean(saved?.declined),
        values: formValues(question, saved),
        action: `${questionUrl(request, survey, question)}${returningToCheck(request) ? '?return=check' : ''}`,
        errors: {},
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/responses/:responseId/questions/:number', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    const question = questionAt(request, survey);
    // A question hidden by an earlier answer is skipped.
    if (!survey.visible.includes(question)) return reply.redirect(afterQuestion(request, survey, question), 303);
    return renderQuestion(request, reply, survey, question);
  });

  app.post('/a/:area/responses/:responseId/questions/:number', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    const question = questionAt(request, survey);
    if (!survey.visible.includes(question)) return reply.redirect(afterQuestion(request, survey, question), 303);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (question.type === 'card_sort' && typeof body.pile === 'string' && body.action !== 'decline' && body.action !== 'save') return placeCard(request, reply, survey, question, body);
    const parsed = parseAnswer(question, body);
    if (body.action === 'save') {
      // Keep what is there if it is a good answer; an unfinished one is simply not saved.
      if (parsed.kind === 'answer' && parsed.value) alertIfRaised(request, await respond.saveAnswer(db, request.area!.id, survey, question, { value: parsed.value, declined: false }));
      return saveAndLeave(request, reply, survey);
    }
    if (parsed.kind === 'invalid') {
      const { errors, errorSummary } = errorsFrom(sayer(request, survey.activity.childrenMode), parsed.errors);
      return renderQuestion(request, reply, survey, question, { errors, errorSummary, values: body, declined: false }, 422);
    }
    const answer = parsed.kind === 'declined' ? { value: null, declined: true } : parsed.value ? { value: parsed.value, declined: false } : null;
    alertIfRaised(request, await respond.saveAnswer(db, request.area!.id, survey, question, answer));
    return reply.redirect(returningToCheck(request) ? `${base(request, survey.response.id)}/check` : afterQuestion(request, survey, question), 303);
  });

  /** A card of a card sort put on a pile (or skipped): saved at once, then the next card or the piles. */
  const placeCard = async (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, question: Question, body: Record<string, unknown>) => {
    const url = questionUrl(request, survey, question);
    const back = returningToCheck(request) ? 'return=check' : '';
    const index = question.options.findIndex((o) => o.id === body.card);
    const pile = body.pile as string;
    // A tampered or stale form (a card since removed): back to the piles, nothing changed.
    if (index < 0 || !(pile === 'skip' || (CARD_PILES as readonly string[]).includes(pile))) return reply.redirect(`${url}?card=piles${back ? `&${back}` : ''}`, 303);
    const current = savedPiles(survey, question);
    const piles: Record<string, CardPile> = { ...current?.piles };
    const id = question.options[index]!.id;
    if (pile === 'skip') delete piles[id];
    else piles[id] = pile as CardPile;
    const comment = current?.comment;
    const value: CardSortValue | null = Object.keys(piles).length > 0 || comment ? { kind: 'card_sort', piles, ...(comment ? { comment } : {}) } : null;
    alertIfRaised(request, await respond.saveAnswer(db, request.area!.id, survey, question, value ? { value, declined: false } : null));
    const next = index + 1 < question.options.length ? `card=${index + 2}` : 'card=piles';
    return reply.redirect(`${url}?${next}${back ? `&${back}` : ''}`, 303);
  };

  // ── Save and come back later ──────────────────────────────────────────────────────────────


  app.get('/a/:area/responses/:responseId/save', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    const cookie = request.cookies[RESUME_CODE_COOKIE];
    const unsigned = cookie ? request.unsignCookie(cookie) : undefined;
    const say = sayer(request, survey.activity.childrenMode);
    return reply.page('surveys/views/respond/saved.njk', {
      ...common(request, survey),
      title: say('saved.title'),
      code: unsigned?.valid ? unsigned.value : null,
      signedIn: Boolean(request.actor),
      startLink: `${areaBase(request)}/surveys/${survey.activity.id}`,
      resumeLink: `${areaBase(request)}/surveys/resume`,
      continueLink: `${base(request, survey.response.id)}/continue`,
    });
  });

  app.post('/a/:area/responses/:responseId/save', stage('answering'), async (request, reply) => saveAndLeave(request, reply, surveyOf(request)));

  const renderResume = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const say = sayer(request, false);
    return reply.page('surveys/views/respond/resume.njk', { title: say('resume.title'), s: say, values: {}, ...extra }, status);
  };

  app.get('/a/:area/surveys/resume', publicRoute, (request, reply) => renderResume(request, reply));

  app.post('/a/:area/surveys/resume', limited(RESUME_LIMIT), async (request, reply) => {
    const say = sayer(request, false);
    const form = parseForm(resumeForm, request.body, say);
    if (!form.ok) return renderResume(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const token = newToken();
    const responseId = await respond.resumeWithCode(db, request.area!.id, form.data.code, hashToken(token));
    if (!responseId) {
      const text = say('errors.resumeCodeNotFound');
      return renderResume(request, reply, { ...errorState([{ field: 'code', text }]), values: { code: form.data.code } }, 422);
    }
    setAccessCookie(request, reply, responseId, token);
    return reply.redirect(`${base(request, responseId)}/continue`, 303);
  });

  // ── Anything else ─────────────────────────────────────────────────────────────────────────

  const renderAnythingElse = (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, extra: Record<string, unknown> = {}, status = 200) => {
    const say = sayer(request, survey.activity.childrenMode);
    const b = base(request, survey.response.id);
    return reply.page(
      'surveys/views/respond/anything-else.njk',
      {
        ...common(request, survey),
        title: say('anythingElse.title'),
        backLink: returningToCheck(request) ? `${b}/check` : beforeQuestion(request, survey, undefined),
        action: `${b}/anything-else${returningToCheck(request) ? '?return=check' : ''}`,
        values: { anythingElse: survey.response.anythingElse },
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/responses/:responseId/anything-else', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    return renderAnythingElse(request, reply, survey);
  });

  app.post('/a/:area/responses/:responseId/anything-else', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(anythingElseForm, body, sayer(request, survey.activity.childrenMode));
    if (!form.ok) return renderAnythingElse(request, reply, survey, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    alertIfRaised(request, await respond.saveAnythingElse(db, request.area!.id, survey, form.data.anythingElse));
    if (body.action === 'save') return saveAndLeave(request, reply, survey);
    const b = base(request, survey.response.id);
    return reply.redirect(returningToCheck(request) ? `${b}/check` : `${b}/about-you`, 303);
  });
}
