/**
 * The question builder for leads and practitioners: the list of an activity's questions, adding a
 * question (type first, then its form), changing, moving and deleting, and picking symbols for
 * options. Plain HTML forms throughout: it all works without JavaScript and by keyboard.
 *
 * The route gate checks the role; loadBuilder() checks the organisation (getManagedActivity).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorState, type ErrorSummaryItem, type FieldErrors } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import {
  addRow,
  blankDraft,
  checkDraft,
  checkWording,
  DATES_FIELD_IDS,
  chosenSymbol,
  chosenType,
  draftFromBody,
  draftFromQuestion,
  field,
  formAction,
  hasOptionRows,
  maxOptions,
  rowNoun,
  searchQuery,
  surveyDatesForm,
  wordingFromBody,
  type Draft,
  type Problem,
} from './builder.forms.ts';
import { createQuestion, deleteQuestion, fingerprint, loadBuilder, moveQuestion, MoveBlockedError, QuestionsLockedError, rewordQuestion, saveQuestion, type Builder } from './builder.service.ts';
import { templatesOf } from './question-types/definition.ts';
import { isQuestionType, questionType, questionTypes, type Question, type QuestionType } from './question-types.ts';
import { findSymbol, searchSymbols } from '../../lib/symbols.ts';
import * as pictures from '../areas/pictures.service.ts';
import { clockText, dayText, londonParts, setSurveyDates } from '../activities/activities.service.ts';
import { formValues } from './answers.ts';

const manage = { config: { access: { action: 'activity.manage' as const } } };
const K = 'surveys.builder.';

type Params = { activityId?: string; questionId?: string; type?: string };

function idParam(request: FastifyRequest, name: 'activityId' | 'questionId'): string {
  const value = (request.params as Params)[name];
  if (!isId(value)) throw new NotFoundError(name);
  return value;
}

/** The builder's problems (catalogue keys) in words, as the GOV.UK error pattern shows them. */
const errorsFrom = (problems: Problem[], t: FastifyRequest['t']): ErrorState => errorState(problems.map((p) => ({ field: p.field, text: t(p.key, p.params) })));

/** A card sort's piles as the answering pages show them (respond-questions.routes.ts). */
const PREVIEW_PILES = [
  { value: 'like', symbol: '1F44D' },
  { value: 'unsure', symbol: '1F914' },
  { value: 'dislike', symbol: '1F44E' },
] as const;

const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export default async function builderRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  const urls = (request: FastifyRequest, activityId: string) => {
    const area = `/a/${request.area!.slug}`;
    const list = `${area}/activities/${activityId}/questions`;
    return { activity: `${area}/activities/${activityId}`, list, preview: `${area}/surveys/${activityId}`, question: (id: string) => `${list}/${id}` };
  };

  const load = (request: FastifyRequest) => loadBuilder(db, request.actor, request.area!.id, idParam(request, 'activityId'));

  const findQuestion = (builder: Builder, request: FastifyRequest): Question => {
    const id = idParam(request, 'questionId');
    const question = builder.questions.find((q) => q.id === id);
    if (!question) throw new NotFoundError('question');
    return question;
  };

  const typeName = (request: FastifyRequest, type: QuestionType) => request.t(`${K}types.${type}.name`);

  // ── The list ──────────────────────────────────────────────────────────────────────────────────

  /** The question's settings in words ("3 faces"), as its type puts them. */
  const settingsText = (request: FastifyRequest, q: Question): string | null => questionType(q.type).builder.summary?.(q, request.t) ?? null;

  const conditionText = (request: FastifyRequest, builder: Builder, q: Question): string => {
    if (!q.showIf) return request.t(`${K}list.shownAlways`);
    const target = builder.questions.find((other) => other.id === q.showIf!.questionId);
    const option = target?.options.find((o) => o.id === q.showIf!.optionId);
    if (!target || !option) return request.t(`${K}list.shownAlways`);
    return request.t(`${K}list.shownIf`, { number: target.position, option: option.label });
  };

  const renderList = (request: FastifyRequest, reply: FastifyReply, builder: Builder, extra: Record<string, unknown> = {}, status = 200) => {
    const u = urls(request, builder.activity.id);
    const questions = builder.questions.map((q, i) => ({
      id: q.id,
      number: q.position,
      typeName: typeName(request, q.type),
      text: q.text,
      easyRead: q.easyRead,
      hint: q.hint,
      required: q.required,
      settingsText: settingsText(request, q),
      optionsHeading: hasOptionRows(q.type) ? request.t(`${K}list.${rowNoun(q.type)}`) : null,
      options: q.options,
      condition: conditionText(request, builder, q),
      canMoveUp: i > 0,
      canMoveDown: i < builder.questions.length - 1,
      editHref: u.question(q.id),
      deleteHref: `${u.question(q.id)}/delete`,
      moveHref: `${u.question(q.id)}/move`,
    }));
    return reply.page('surveys/views/builder/list.njk', {
      title: request.t(`${K}list.title`),
      activity: builder.activity,
      locked: builder.locked,
      questions,
      base: u.list,
      previewHref: u.preview,
      previewQuestionsHref: `${u.list}/preview/1`,
      datesHref: builder.activity.type === 'survey' ? `${u.list}/dates` : '',
      opens: builder.activity.startsAt ? moment(request, builder.activity.startsAt) : '',
      closes: builder.activity.endsAt ? moment(request, builder.activity.endsAt) : '',
      backLink: u.activity,
      ...extra,
    }, status);
  };

  const renderLocked = (request: FastifyRequest, reply: FastifyReply, builder: Builder) =>
    reply.page('surveys/views/builder/locked.njk', { title: request.t(`${K}locked.title`), activity: builder.activity, listHref: urls(request, builder.activity.id).list, backLink: urls(request, builder.activity.id).list }, 409);

  app.get('/a/:area/activities/:activityId/questions', manage, async (request, reply) => renderList(request, reply, await load(request)));

  // ── When the survey is open ───────────────────────────────────────────────────────────────────

  /** "Friday 12 December 2026 at 5pm", in London, in the reader's language. */
  const moment = (request: FastifyRequest, at: Date) => request.t(`${K}dates.moment`, { day: dayText(at, request.lang), time: clockText(at, request.lang, request.t) });

  /** The form's boxes from a saved survey (London wall-clock times). */
  const datesValues = (activity: Builder['activity']): Record<string, string> => {
    const values: Record<string, string> = {};
    for (const [prefix, at] of [['opens', activity.startsAt], ['closes', activity.endsAt]] as const) {
      if (!at) continue;
      const parts = londonParts(at);
      values[`${prefix}-day`] = String(parts.day);
      values[`${prefix}-month`] = String(parts.month);
      values[`${prefix}-year`] = String(parts.year);
      values[`${prefix}Time`] = parts.time;
    }
    return values;
  };

  const renderDates = (request: FastifyRequest, reply: FastifyReply, builder: Builder, extra: Record<string, unknown> = {}, status = 200) => {
    const u = urls(request, builder.activity.id);
    return reply.page('surveys/views/builder/dates.njk', {
      title: request.t(`${K}dates.title`),
      activity: builder.activity,
      action: `${u.list}/dates`,
      cancelHref: u.list,
      backLink: u.list,
      version: builder.activity.version,
      values: datesValues(builder.activity),
      errors: {},
      ...extra,
    }, status);
  };

  /** Only a survey opens and closes by itself: other activities have a date and times on their own form, where this sends them. */
  const toOwnForm = (request: FastifyRequest, reply: FastifyReply, builder: Builder) => reply.redirect(`${urls(request, builder.activity.id).activity}/edit`, 303);

  app.get('/a/:area/activities/:activityId/questions/dates', manage, async (request, reply) => {
    const builder = await load(request);
    return builder.activity.type === 'survey' ? renderDates(request, reply, builder) : toOwnForm(request, reply, builder);
  });

  app.post('/a/:area/activities/:activityId/questions/dates', manage, async (request, reply) => {
    const builder = await load(request);
    if (builder.activity.type !== 'survey') return toOwnForm(request, reply, builder);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(surveyDatesForm(new Date()), body, request.t, DATES_FIELD_IDS);
    const typed = Object.fromEntries(['opens-day', 'opens-month', 'opens-year', 'opensTime', 'closes-day', 'closes-month', 'closes-year', 'closesTime'].map((k) => [k, typeof body[k] === 'string' ? body[k] : '']));
    const version = /^\d{1,9}$/.test(String(body.version ?? '')) ? Number(body.version) : builder.activity.version;
    if (!form.ok) return renderDates(request, reply, builder, { values: typed, version, errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await setSurveyDates(db, request.actor!, request.area!.id, builder.activity.id, version, form.data.opensAt, form.data.closesAt);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const text = request.t(`${K}errors.dates.conflict`);
      const fresh = await load(request);
      return renderDates(request, reply, fresh, { values: typed, ...errorState([{ field: 'opens', text }], DATES_FIELD_IDS) }, 409);
    }
    const flash = request.t(`${K}dates.saved`, { opens: moment(request, form.data.opensAt), closes: moment(request, form.data.closesAt) });
    return reply.flash(flash).redirect(urls(request, builder.activity.id).list, 303);
  });

  // ── Preview: each question as a child sees it, one at a time; nothing is saved ───────────────

  /** The survey's own words: the easy-read variant in children's mode, as the answering pages choose them. */
  const sayer = (request: FastifyRequest, easy: boolean) => (key: string, params?: Record<string, unknown>) => {
    const full = `surveys.respond.${key}`;
    if (easy) {
      const simple = request.t(`${full}Easy`, params);
      if (simple !== `${full}Easy`) return simple;
    }
    return request.t(full, params);
  };

  app.get('/a/:area/activities/:activityId/questions/preview', manage, async (request, reply) => {
    const builder = await load(request);
    return reply.redirect(`${urls(request, builder.activity.id).list}/preview/1`, 303);
  });

  app.get('/a/:area/activities/:activityId/questions/preview/:number', manage, async (request, reply) => {
    const builder = await load(request);
    const u = urls(request, builder.activity.id);
    const raw = (request.params as Record<string, string>).number ?? '';
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : 0;
    const q = builder.questions[n - 1];
    // No such question (any more): back to the list of the questions there are.
    if (!q) return reply.redirect(u.list, 303);
    const easy = builder.activity.childrenMode;
    const view = questionType(q.type).view;
    const words = (o: Question['options'][number]) => (easy && o.easyRead ? o.easyRead : o.label);
    const heading = easy && q.easyRead ? q.easyRead : q.text;
    const cards = q.options.map((o) => ({ id: o.id, text: words(o), symbol: o.symbol, alt: '', href: '' }));
    const say = sayer(request, easy);
    return reply.page('surveys/views/builder/preview.njk', {
      title: request.t(`${K}preview.title`, { heading }),
      activity: builder.activity,
      childrenMode: easy,
      s: say,
      // The lead's own wording, when people answering see the easy-read words instead.
      fullWording: heading !== q.text ? q.text : '',
      progress: { current: n, total: builder.questions.length },
      condition: q.showIf ? conditionText(request, builder, q) : '',
      question: {
        type: q.type,
        heading,
        hint: q.hint,
        required: q.required,
        ...view?.model?.(q),
        template: templatesOf(questionType(q.type)).answer,
        inline: view?.inline ?? false,
        symbolSize: view?.symbolSize?.(easy) ?? (easy ? 64 : 40),
        options: q.options.map((o) => ({ id: o.id, text: words(o), symbol: o.symbol, alt: o.symbol && o.altText.trim().toLowerCase() !== words(o).trim().toLowerCase() ? o.altText : '' })),
        wideCards: q.options.some((o) => words(o).length > 22 || !o.symbol),
      },
      // A card sort shows one card at a time: the preview shows its first card, with the piles empty.
      sort: q.type === 'card_sort' && cards.length
        ? {
            kind: 'card',
            index: 1,
            count: cards.length,
            card: cards[0],
            piles: PREVIEW_PILES.map((p) => ({ value: p.value, symbol: p.symbol, words: say(`piles.${p.value}`), cards: [] })),
            unsorted: cards,
            firstCard: '',
          }
        : null,
      cardCount: q.type === 'card_sort' ? cards.length : 0,
      values: formValues(q, undefined),
      errors: {},
      previousHref: n > 1 ? `${u.list}/preview/${n - 1}` : '',
      nextHref: n < builder.questions.length ? `${u.list}/preview/${n + 1}` : '',
      listHref: u.list,
      backLink: u.list,
    });
  });

  // ── Choosing the type ─────────────────────────────────────────────────────────────────────────

  const renderTypes = (request: FastifyRequest, reply: FastifyReply, builder: Builder, extra: Record<string, unknown> = {}, status = 200) => {
    const u = urls(request, builder.activity.id);
    return reply.page('surveys/views/builder/types.njk', {
      title: request.t(`${K}types.title`),
      activity: builder.activity,
      types: questionTypes().map(({ name }) => ({ value: name, name: typeName(request, name), hint: request.t(`${K}types.${name}.hint`) })),
      action: `${u.list}/new`,
      cancelHref: u.list,
      backLink: u.list,
      values: {},
      ...extra,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/questions/new', manage, async (request, reply) => {
    const builder = await load(request);
    if (builder.locked) return renderLocked(request, reply, builder);
    return renderTypes(request, reply, builder);
  });

  app.post('/a/:area/activities/:activityId/questions/new', manage, async (request, reply) => {
    const builder = await load(request);
    if (builder.locked) return renderLocked(request, reply, builder);
    const type = chosenType(request.body);
    if (!type) {
      const text = request.t(`${K}errors.type.missing`);
      return renderTypes(request, reply, builder, { ...errorState([{ field: 'type', text }]) }, 422);
    }
    return reply.redirect(`${urls(request, builder.activity.id).list}/new/${type}`, 303);
  });

  // ── The question form ─────────────────────────────────────────────────────────────────────────

  type FormState = { existing?: Question; seen?: string; errors?: FieldErrors; errorSummary?: ErrorSummaryItem[]; autofocus?: string; status?: number };

  const earlierThan = (builder: Builder, existing?: Question) => (existing ? builder.questions.filter((q) => q.position < existing.position) : builder.questions);

  const rowLegend = (request: FastifyRequest, type: QuestionType, n: number) => request.t(`${K}form.${rowNoun(type) === 'items' ? 'item' : 'option'}`, { n });

  const renderForm = (request: FastifyRequest, reply: FastifyReply, builder: Builder, draft: Draft, state: FormState = {}) => {
    const u = urls(request, builder.activity.id);
    const { existing } = state;
    const noun = rowNoun(draft.type);
    const wordingOnly = builder.locked && !!existing;
    const rowsKey = questionType(draft.type).builder.rowsKey ?? noun;
    return reply.page('surveys/views/builder/question.njk', {
      title: existing ? request.t(`${K}form.editTitle`, { number: existing.position }) : request.t(`${K}form.addTitle`, { type: typeName(request, draft.type) }),
      activity: builder.activity,
      action: existing ? u.question(existing.id) : `${u.list}/new/${draft.type}`,
      cancelHref: u.list,
      draft,
      settingsTemplate: templatesOf(questionType(draft.type)).settings,
      wordingOnly,
      typeName: typeName(request, draft.type),
      typeHint: request.t(`${K}types.${draft.type}.hint`),
      fingerprint: existing ? (state.seen ?? fingerprint(existing)) : '',
      rows: draft.options.map((o, i) => ({ ...o, n: i + 1, legend: rowLegend(request, draft.type, i + 1), symbolName: o.symbol ? findSymbol(o.symbol)?.name : undefined })),
      rowsHeading: request.t(`${K}form.rows.${rowsKey}.heading`),
      rowsHint: request.t(`${K}form.rows.${rowsKey}.hint`, { max: maxOptions(draft.type) }),
      canAddRow: questionType(draft.type).builder.rows === 'written' && draft.options.length < maxOptions(draft.type),
      addRowText: request.t(`${K}form.${noun === 'items' ? 'addItem' : 'addOption'}`),
      conditionGroups: earlierThan(builder, existing)
        .filter((q) => questionType(q.type).builder.drivesConditions && q.options.length > 0)
        .map((q) => ({
          label: request.t(`${K}form.conditionGroup`, { number: q.position, text: shorten(q.text) }),
          options: q.options.map((o) => ({ value: `${q.id}:${o.id}`, text: o.label })),
        })),
      saveText: existing ? request.t('common.saveChanges') : request.t(`${K}form.save`),
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
      autofocus: state.autofocus,
    }, state.status ?? 200);
  };

  const renderPicker = async (request: FastifyRequest, reply: FastifyReply, builder: Builder, draft: Draft, row: number, query: string, state: FormState & { chosen?: string } = {}) => {
    const u = urls(request, builder.activity.id);
    const label = draft.options[row - 1]?.label.trim() ?? '';
    const { existing } = state;
    return reply.page('surveys/views/builder/symbol.njk', {
      title: label ? request.t(`${K}picker.titleFor`, { label: shorten(label, 60) }) : request.t(`${K}picker.title`, { what: rowLegend(request, draft.type, row).toLocaleLowerCase('en-GB') }),
      caption: builder.activity.title,
      action: existing ? u.question(existing.id) : `${u.list}/new/${draft.type}`,
      draft,
      row,
      query,
      results: query ? searchSymbols(query) : [],
      pictures: await pictures.pickerPictures(db, request.area!.id),
      chosen: state.chosen ?? draft.options[row - 1]?.symbol,
      fingerprint: existing ? (state.seen ?? fingerprint(existing)) : '',
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
    }, state.status ?? 200);
  };

  const setRow = (draft: Draft, row: number, change: Partial<Draft['options'][number]>): Draft => ({
    ...draft,
    options: draft.options.map((o, i) => (i === row - 1 ? { ...o, ...change } : o)),
  });

  /** Everything the question form's buttons do, for a new question and for an existing one. */
  const handleForm = async (request: FastifyRequest, reply: FastifyReply, builder: Builder, type: QuestionType, existing?: Question) => {
    const t = request.t;
    const u = urls(request, builder.activity.id);
    const actorId = request.actor!.accountId;
    const areaId = request.area!.id;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const seen = existing ? field(body, 'fingerprint') : undefined;

    if (builder.locked && !existing) return renderLocked(request, reply, builder);
    if (builder.locked && existing) {
      const draft = wordingFromBody(existing, body);
      const checked = checkWording(draft);
      if (!checked.ok) return renderForm(request, reply, builder, draft, { existing, seen, ...errorsFrom(checked.problems, t), status: 422 });
      const { number } = await rewordQuestion(db, areaId, actorId, builder.activity.id, existing.id, seen ?? '', checked.value);
      return reply.flash(t(`${K}flash.saved`, { number })).redirect(u.list, 303);
    }

    const draft = draftFromBody(type, body);
    const action = formAction(body, draft);
    const state = { existing, seen };
    switch (action.kind) {
      case 'addRow': {
        const next = addRow(draft);
        return renderForm(request, reply, builder, next, { ...state, autofocus: `option-${next.options.length}-label` });
      }
      case 'removeSymbol':
        return renderForm(request, reply, builder, setRow(draft, action.row, { symbol: '', altText: '' }), { ...state, autofocus: `option-${action.row}-symbol` });
      case 'cancelSymbol':
        return renderForm(request, reply, builder, draft, { ...state, autofocus: `option-${action.row}-symbol` });
      case 'redisplay':
        return renderForm(request, reply, builder, draft, state);
      case 'chooseSymbol': {
        const current = draft.options[action.row - 1]!;
        const query = (current.label.trim() || (current.symbol ? findSymbol(current.symbol)?.name : '') || '').slice(0, 100);
        return renderPicker(request, reply, builder, draft, action.row, query, state);
      }
      case 'search': {
        const query = searchQuery(body);
        if (!query) {
          const text = t(`${K}errors.q.missing`);
          return renderPicker(request, reply, builder, draft, action.row, '', { ...state, ...errorState([{ field: 'q', text }]), status: 422 });
        }
        return renderPicker(request, reply, builder, draft, action.row, query, state);
      }
      case 'pickSymbol': {
        const symbol = findSymbol(chosenSymbol(body));
        // An OpenMoji's name, or the alt text of one of this area's own pictures.
        const name = symbol && (await pictures.symbolName(db, areaId, symbol.hexcode));
        if (!symbol || name === undefined) {
          const text = t(`${K}errors.chosenSymbol.missing`);
          const query = searchQuery(body);
          return renderPicker(request, reply, builder, draft, action.row, query, { ...state, ...errorState([{ field: 'chosenSymbol', text }]), status: 422 });
        }
        return renderForm(request, reply, builder, setRow(draft, action.row, { symbol: symbol.hexcode, altText: name }), { ...state, autofocus: `option-${action.row}-altText` });
      }
      case 'save':
        break;
    }

    const earlier = earlierThan(builder, existing);
    const later = existing ? builder.questions.filter((q) => q.position > existing.position) : [];
    const checked = checkDraft(draft, { earlier, existing, later });
    if (!checked.ok) return renderForm(request, reply, builder, draft, { ...state, ...errorsFrom(checked.problems, t), status: 422 });
    try {
      if (existing) {
        const { number } = await saveQuestion(db, areaId, actorId, builder.activity.id, existing.id, seen ?? '', checked.value.change, checked.value.options);
        return reply.flash(t(`${K}flash.saved`, { number })).redirect(u.list, 303);
      }
      const { number } = await createQuestion(db, areaId, actorId, builder.activity.id, { type, ...checked.value.change }, checked.value.options.map(({ id: _id, ...o }) => o));
      return reply.flash(t(`${K}flash.added`, { number })).redirect(u.list, 303);
    } catch (error) {
      if (error instanceof QuestionsLockedError) return renderLocked(request, reply, await load(request));
      throw error;
    }
  };

  const typeParam = (request: FastifyRequest): QuestionType => {
    const type = (request.params as Params).type;
    if (!isQuestionType(type)) throw new NotFoundError('question type');
    return type;
  };

  app.get('/a/:area/activities/:activityId/questions/new/:type', manage, async (request, reply) => {
    const type = typeParam(request);
    const builder = await load(request);
    if (builder.locked) return renderLocked(request, reply, builder);
    return renderForm(request, reply, builder, blankDraft(type));
  });

  app.post('/a/:area/activities/:activityId/questions/new/:type', manage, async (request, reply) => {
    const type = typeParam(request);
    return handleForm(request, reply, await load(request), type);
  });

  app.get('/a/:area/activities/:activityId/questions/:questionId', manage, async (request, reply) => {
    const builder = await load(request);
    const question = findQuestion(builder, request);
    return renderForm(request, reply, builder, draftFromQuestion(question), { existing: question });
  });

  app.post('/a/:area/activities/:activityId/questions/:questionId', manage, async (request, reply) => {
    const builder = await load(request);
    const question = findQuestion(builder, request);
    return handleForm(request, reply, builder, question.type, question);
  });

  // ── Moving and deleting ───────────────────────────────────────────────────────────────────────

  app.post('/a/:area/activities/:activityId/questions/:questionId/move', manage, async (request, reply) => {
    const builder = await load(request);
    const question = findQuestion(builder, request);
    if (builder.locked) return renderLocked(request, reply, builder);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const direction = field(body, 'direction') === 'down' ? 'down' : 'up';
    const from = Number.parseInt(field(body, 'from'), 10);
    const u = urls(request, builder.activity.id);
    try {
      const result = await moveQuestion(db, request.area!.id, request.actor!.accountId, builder.activity.id, question.id, direction, from);
      if (result === 'moved') reply.flash(request.t(`${K}flash.moved`, { number: question.position, to: question.position + (direction === 'up' ? -1 : 1) }));
      return reply.redirect(`${u.list}#question-${question.id}`, 303);
    } catch (error) {
      if (error instanceof QuestionsLockedError) return renderLocked(request, reply, await load(request));
      if (!(error instanceof MoveBlockedError)) throw error;
      const text = request.t(`${K}errors.moveBlocked`, { dependant: error.dependant, dependsOn: error.dependsOn });
      return renderList(request, reply, await load(request), { errorSummary: errorState([{ field: `question-${question.id}`, text }]).errorSummary }, 409);
    }
  });

  app.get('/a/:area/activities/:activityId/questions/:questionId/delete', manage, async (request, reply) => {
    const builder = await load(request);
    const question = findQuestion(builder, request);
    if (builder.locked) return renderLocked(request, reply, builder);
    const u = urls(request, builder.activity.id);
    return reply.page('surveys/views/builder/delete.njk', {
      title: request.t(`${K}delete.title`, { number: question.position }),
      activity: builder.activity,
      question,
      dependants: builder.questions.filter((q) => q.showIf?.questionId === question.id).map((q) => q.position),
      action: `${u.question(question.id)}/delete`,
      cancelHref: u.list,
      backLink: u.list,
    });
  });

  app.post('/a/:area/activities/:activityId/questions/:questionId/delete', manage, async (request, reply) => {
    const builder = await load(request);
    const questionId = idParam(request, 'questionId');
    const u = urls(request, builder.activity.id);
    try {
      const result = await deleteQuestion(db, request.area!.id, request.actor!.accountId, builder.activity.id, questionId);
      if (result.deleted) reply.flash(request.t(`${K}flash.deleted`, { count: result.clearedConditions }));
      return reply.redirect(u.list, 303);
    } catch (error) {
      if (error instanceof QuestionsLockedError) return renderLocked(request, reply, await load(request));
      throw error;
    }
  });
}
