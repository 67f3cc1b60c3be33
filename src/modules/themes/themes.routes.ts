/**
 * Theme pages ("you said") for staff: the area's themes, comments not in a theme yet, suggested
 * themes, a theme's page (its comments, quotes, moving, merging, deleting) and its form (words,
 * easy read, symbol, a cited result).
 *
 * Decision makers read (theme.view); participation leads change (theme.manage). The route gate
 * checks the role; the service keeps every id inside the area and every rule about quotes,
 * citations and published responses.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type AreaAction } from '../../lib/authorisation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorState, type ErrorSummaryItem, type FormProblem } from '../../lib/form-errors.ts';
import { pageHref, pageNumber, pagination } from '../../lib/pagination.ts';
import { findSymbol, searchSymbols } from '../../lib/symbols.ts';
import * as pictures from '../areas/pictures.service.ts';
import {
  acceptForm,
  acceptValues,
  activityFilter,
  assignForm,
  assignValues,
  citationForm,
  CONTRIBUTION_ACTION_IDS,
  contributionActionForm,
  draftFromBody,
  formAction,
  intoValue,
  list,
  mergeForm,
  moveToValue,
  searchQuery,
  symbolChoiceForm,
  symbolSearchForm,
  themeForm,
  tickedIds,
  versionField,
  widerFilter,
  type AssignValues,
  type ThemeDraft,
} from './themes.forms.ts';
import { lemmasOf } from './suggestions.ts';
import * as themes from './themes.service.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });

type Shown = ErrorState;
type Translate = FastifyRequest['t'];

/** One problem (a message key) against one field, as the page shows it. */
const problem = (t: Translate, field: string, key: string, params?: Record<string, unknown>): Shown => errorState([{ field, text: t(key, params) }]);

/** A failed parseForm, as the page shows it. */
const shownForm = (form: { errors: Shown['errors']; summary: Shown['errorSummary'] }): Shown => ({ errors: form.errors, errorSummary: form.summary });

/**
 * What the symbol picker searches first: the chosen symbol's name, else the theme's title, else the
 * first word of the title that finds anything ("Waiting times" finds nothing as a whole; "wait" does).
 */
function firstQuery(draft: ThemeDraft): string {
  if (draft.symbol) return findSymbol(draft.symbol)?.name ?? '';
  const title = draft.title.trim().slice(0, 100);
  if (!title || searchSymbols(title, 1).length > 0) return title;
  const words = [...lemmasOf(title).entries()].flatMap(([lemma, forms]) => [lemma, ...forms]);
  return words.find((word) => searchSymbols(word, 1).length > 0) ?? title;
}

/** A comment's first words, for messages that must say which one ("“The bus was late…”"). */
const snippet = (text: string) => (text.length > 60 ? `${text.slice(0, 60).replace(/\s+\S*$/, '')}…` : text);

export default async function themesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/themes`;
  const themeUrl = (request: FastifyRequest, id: string) => `${base(request)}/${id}`;
  const themeIdParam = (request: FastifyRequest) => String((request.params as { themeId?: string }).themeId ?? '');
  const canManage = (request: FastifyRequest) => can(request.actor, 'theme.manage', { areaId: request.area!.id });
  const activityItems = (request: FastifyRequest, activities: Array<{ id: string; title: string }>, chosen: string | undefined) => [
    { value: '', text: request.t('themes.filter.all') },
    ...activities.map((a) => ({ value: a.id, text: a.title, selected: a.id === chosen })),
  ];

  // ── The area's themes ─────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/manage/themes', needs('theme.view'), async (request, reply) => {
    const overview = await themes.themesOverview(db, request.area!.id, { activityId: activityFilter(request.query) });
    return reply.page('themes/views/list.njk', {
      title: request.t('themes.list.title'),
      backLink: `/a/${request.area!.slug}/manage`,
      overview,
      activityItems: activityItems(request, overview.activities, overview.activityId),
      canManage: canManage(request),
      listUrl: base(request),
      unthemedUrl: pageHref(`${base(request)}/unthemed`, { activity: overview.activityId }),
      suggestionsUrl: pageHref(`${base(request)}/suggestions`, { activity: overview.activityId }),
    });
  });

  // ── Comments not in a theme ───────────────────────────────────────────────────────────────────
  const renderUnthemed = async (request: FastifyRequest, reply: FastifyReply, filter: { activityId: string; page: number }, extra: { values?: AssignValues } & Partial<Shown> = {}, status = 200) => {
    const data = await themes.listUnthemed(db, request.area!.id, { activityId: filter.activityId }, filter.page);
    const url = `${base(request)}/unthemed`;
    const values = extra.values ?? { contributions: [], target: '', themeId: '', title: '' };
    return reply.page('themes/views/unthemed.njk', {
      title: request.t('themes.unthemed.title'),
      backLink: pageHref(base(request), { activity: data.activityId }),
      data,
      activityItems: activityItems(request, data.activities, data.activityId),
      filterUrl: url,
      assignUrl: `${base(request)}/assign`,
      suggestionsUrl: pageHref(`${base(request)}/suggestions`, { activity: data.activityId }),
      values,
      errors: extra.errors ?? {},
      errorSummary: extra.errorSummary,
      first: data.first,
      last: data.last,
      pagination: pagination(data, { path: url, query: { activity: data.activityId } }, request.t, 'themes'),
    }, status);
  };

  app.get('/a/:area/manage/themes/unthemed', needs('theme.manage'), (request, reply) =>
    renderUnthemed(request, reply, { activityId: activityFilter(request.query), page: pageNumber(request.query) }),
  );

  app.post('/a/:area/manage/themes/assign', needs('theme.manage'), async (request, reply) => {
    const areaId = request.area!.id;
    const actorId = request.actor!.accountId;
    const filter = { activityId: activityFilter(request.body), page: pageNumber(request.body) };
    const values = assignValues(request.body);
    const again = (shown: Shown) => renderUnthemed(request, reply, filter, { values, ...shown }, 422);
    const parsed = parseForm(assignForm, request.body, request.t);
    if (!parsed.ok) return again(shownForm(parsed));
    const form = parsed.data;
    const back = pageHref(`${base(request)}/unthemed`, { activity: filter.activityId }, filter.page);
    if (form.choice.kind === 'existing') {
      const theme = await themes.findTheme(db, areaId, form.choice.themeId);
      if (!theme) return again(problem(request.t, 'target', 'themes.validation.themeId.missing'));
      const added = await themes.assignContributions(db, areaId, actorId, theme.id, form.ids, { onlyUnthemed: true });
      return reply.flash(added > 0 ? request.t('themes.flash.added', { count: added, title: theme.title }) : request.t('themes.flash.nothingAdded')).redirect(back, 303);
    }
    try {
      const made = await themes.assignToNewTheme(db, areaId, actorId, form.choice.title, form.ids);
      if (!made) return reply.flash(request.t('themes.flash.nothingAdded')).redirect(back, 303);
      return reply.flash(request.t('themes.flash.added', { count: made.assigned, title: form.choice.title })).redirect(back, 303);
    } catch (error) {
      if (!(error instanceof themes.ThemeTitleTakenError)) throw error;
      return again(problem(request.t, 'title', 'themes.validation.title.taken', { title: error.title }));
    }
  });

  // ── Suggestions ───────────────────────────────────────────────────────────────────────────────
  /** A suggestion's form that was refused: its fields' ids are known only once the page is drawn. */
  type Failed = { key: string; problems: FormProblem[]; ids: string[]; title: string };
  const renderSuggestions = async (request: FastifyRequest, reply: FastifyReply, scope: { activityId: string; wider: boolean }, failed?: Failed, status = 200) => {
    const data = await themes.suggestThemes(db, request.area!.id, scope);
    let errorSummary: ErrorSummaryItem[] | undefined;
    const suggestions = data.suggestions.map((s, i) => {
      const prefix = `s${i + 1}`;
      const mine = failed?.key === s.key ? failed : undefined;
      const shown = mine ? errorState(mine.problems, { contribution: `${prefix}-contribution`, title: `${prefix}-title` }) : undefined;
      if (shown) errorSummary = shown.errorSummary;
      return {
        ...s,
        prefix,
        errors: shown?.errors ?? {},
        // Never ticked for the lead (issue 12 §3): each comment is put in a theme by a person's choice.
        ticked: mine ? mine.ids : [],
        titleValue: mine ? mine.title : s.kind === 'new' ? s.title : '',
      };
    });
    if (failed && !errorSummary) {
      // The suggestion changed meanwhile (someone themed those comments): say so at the top.
      errorSummary = problem(request.t, 'suggestions', 'themes.validation.suggestion.gone').errorSummary;
    }
    return reply.page('themes/views/suggestions.njk', {
      title: request.t('themes.suggestions.title'),
      backLink: pageHref(base(request), { activity: data.activityId }),
      data,
      suggestions,
      activityItems: [
        { value: '', text: request.t('themes.suggestions.chooseActivity') },
        ...data.activities.map((a) => ({ value: a.id, text: a.title, selected: a.id === data.activityId })),
      ],
      filterUrl: `${base(request)}/suggestions`,
      acceptUrl: `${base(request)}/suggestions/accept`,
      unthemedUrl: pageHref(`${base(request)}/unthemed`, { activity: data.activityId }),
      errorSummary,
    }, status);
  };

  app.get('/a/:area/manage/themes/suggestions', needs('theme.manage'), (request, reply) =>
    renderSuggestions(request, reply, { activityId: activityFilter(request.query), wider: widerFilter(request.query) }),
  );

  app.post('/a/:area/manage/themes/suggestions/accept', needs('theme.manage'), async (request, reply) => {
    const areaId = request.area!.id;
    const actorId = request.actor!.accountId;
    const activityId = activityFilter(request.body);
    const wider = widerFilter(request.body);
    const typed = acceptValues(request.body);
    const again = (problems: FormProblem[]) => renderSuggestions(request, reply, { activityId, wider }, { ...typed, problems }, 422);
    const said = (field: string, key: string, params?: Record<string, unknown>) => [{ field, text: request.t(key, params) }];
    const parsed = parseForm(acceptForm, request.body, request.t);
    if (!parsed.ok) return again(Object.entries(parsed.errors).map(([field, text]) => ({ field, text })));
    const form = { ids: parsed.data.contribution, themeId: parsed.data.themeId, title: parsed.data.title };
    const back = pageHref(`${base(request)}/suggestions`, { activity: activityId, wider: wider ? 'yes' : '' });
    if (form.themeId) {
      const theme = await themes.findTheme(db, areaId, form.themeId);
      if (!theme) return again(said('suggestion', 'themes.validation.suggestion.gone'));
      const added = await themes.assignContributions(db, areaId, actorId, theme.id, form.ids, { onlyUnthemed: true });
      return reply.flash(added > 0 ? request.t('themes.flash.added', { count: added, title: theme.title }) : request.t('themes.flash.nothingAdded')).redirect(back, 303);
    }
    try {
      const made = await themes.assignToNewTheme(db, areaId, actorId, form.title.trim(), form.ids);
      if (!made) return reply.flash(request.t('themes.flash.nothingAdded')).redirect(back, 303);
      return reply.flash(request.t('themes.flash.added', { count: made.assigned, title: form.title.trim() })).redirect(back, 303);
    } catch (error) {
      if (!(error instanceof themes.ThemeTitleTakenError)) throw error;
      return again(said('title', 'themes.validation.title.taken', { title: error.title }));
    }
  });

  // ── A theme's words: new and edit ─────────────────────────────────────────────────────────────
  type FormState = Partial<Shown> & { version?: number; autofocus?: string; conflict?: themes.Theme; status?: number };

  const emptyDraft = (): ThemeDraft => ({ title: '', summary: '', easyReadSummary: '', symbol: '', symbolAlt: '', citedQuestionId: '', citation: '' });
  const draftOf = (theme: themes.Theme): ThemeDraft => ({
    title: theme.title,
    summary: theme.summary,
    easyReadSummary: theme.easyReadSummary,
    symbol: theme.symbol ?? '',
    symbolAlt: theme.symbolAlt,
    citedQuestionId: theme.citedQuestionId ?? '',
    citation: theme.citation,
  });

  const questionItems = (request: FastifyRequest, questions: themes.CitableQuestion[], chosen: string) => [
    { value: '', text: request.t('themes.form.noQuestion') },
    ...questions.map((q) => ({ value: q.id, text: request.t('themes.form.questionOption', { activity: q.activityTitle, question: q.text }), selected: q.id === chosen })),
  ];

  const renderForm = (request: FastifyRequest, reply: FastifyReply, existing: themes.Theme | undefined, questions: themes.CitableQuestion[], draft: ThemeDraft, state: FormState = {}) =>
    reply.page('themes/views/form.njk', {
      title: existing ? request.t('themes.form.editTitle') : request.t('themes.form.newTitle'),
      backLink: existing ? themeUrl(request, existing.id) : base(request),
      action: existing ? `${themeUrl(request, existing.id)}/edit` : `${base(request)}/new`,
      existing,
      draft,
      symbolName: draft.symbol ? findSymbol(draft.symbol)?.name : undefined,
      version: state.version ?? existing?.version,
      questions,
      questionItems: questionItems(request, questions, draft.citedQuestionId),
      conflict: state.conflict,
      conflictSymbolName: state.conflict?.symbol ? findSymbol(state.conflict.symbol)?.name : undefined,
      autofocus: state.autofocus,
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
      saveText: existing ? request.t('common.saveChanges') : request.t('themes.form.create'),
    }, state.status ?? 200);

  const renderPicker = async (request: FastifyRequest, reply: FastifyReply, existing: themes.Theme | undefined, draft: ThemeDraft, q: string, state: FormState & { chosen?: string } = {}) =>
    reply.page('themes/views/symbol.njk', {
      pictures: await pictures.pickerPictures(db, request.area!.id),
      title: request.t('themes.picker.title'),
      backLink: false,
      action: existing ? `${themeUrl(request, existing.id)}/edit` : `${base(request)}/new`,
      draft,
      version: state.version ?? existing?.version,
      query: q,
      results: q ? searchSymbols(q) : [],
      chosen: state.chosen ?? draft.symbol,
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
    }, state.status ?? 200);

  const citationProblem = (request: FastifyRequest, error: themes.CitationError) => problem(request.t, 'citedQuestionId', `themes.validation.citedQuestionId.${error.problem}`);

  /** Every button of the theme form, for a new theme and an existing one. */
  const handleForm = async (request: FastifyRequest, reply: FastifyReply, existing?: themes.Theme) => {
    const areaId = request.area!.id;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const draft = draftFromBody(body);
    const questions = existing ? await themes.citableQuestions(db, areaId, existing.id) : [];
    const parsedVersion = versionField.safeParse(body.version);
    const version = existing ? (parsedVersion.success ? parsedVersion.data : existing.version) : undefined;
    const state: FormState = { version };
    const fail = (shown: Shown) => renderForm(request, reply, existing, questions, draft, { ...state, ...shown, status: 422 });
    // The questions this theme may cite: those on the form's list, and the one it cites now.
    const allowed = [...questions.map((q) => q.id), ...(existing?.citedQuestionId ? [existing.citedQuestionId] : [])];

    switch (formAction(body)) {
      case 'chooseSymbol':
        return renderPicker(request, reply, existing, draft, firstQuery(draft), state);
      case 'search': {
        const search = parseForm(symbolSearchForm, body, request.t);
        if (!search.ok) return renderPicker(request, reply, existing, draft, '', { ...state, ...shownForm(search), status: 422 });
        return renderPicker(request, reply, existing, draft, search.data.q, state);
      }
      case 'pickSymbol': {
        const choice = parseForm(symbolChoiceForm, body, request.t);
        if (!choice.ok) return renderPicker(request, reply, existing, draft, searchQuery(body), { ...state, ...shownForm(choice), status: 422 });
        const symbol = findSymbol(choice.data.chosenSymbol)!;
        // An OpenMoji's name, or the alt text of one of this area's own pictures.
        const name = await pictures.symbolName(db, areaId, symbol.hexcode);
        if (name === undefined) return renderPicker(request, reply, existing, draft, searchQuery(body), { ...state, ...problem(request.t, 'chosenSymbol', 'themes.validation.chosenSymbol.missing'), status: 422 });
        return renderForm(request, reply, existing, questions, { ...draft, symbol: symbol.hexcode, symbolAlt: name }, { ...state, autofocus: 'symbolAlt' });
      }
      case 'cancelSymbol':
        return renderForm(request, reply, existing, questions, draft, { ...state, autofocus: 'chooseSymbol' });
      case 'removeSymbol':
        return renderForm(request, reply, existing, questions, { ...draft, symbol: '', symbolAlt: '' }, { ...state, autofocus: 'chooseSymbol' });
      case 'writeCitation': {
        const cite = parseForm(citationForm(allowed), body, request.t);
        if (!cite.ok) return fail(shownForm(cite));
        try {
          const citation = await themes.writeCitation(db, areaId, cite.data.citedQuestionId, request.t);
          return renderForm(request, reply, existing, questions, { ...draft, citation }, { ...state, autofocus: 'citation' });
        } catch (error) {
          if (!(error instanceof themes.CitationError)) throw error;
          return fail(citationProblem(request, error));
        }
      }
      case 'save':
        break;
    }

    const form = parseForm(themeForm(allowed), body, request.t);
    if (!form.ok) return fail(shownForm(form));
    const input = { ...form.data, symbol: form.data.symbol || null, citedQuestionId: form.data.citedQuestionId || null, language: request.lang };
    try {
      if (existing) {
        await themes.updateTheme(db, areaId, request.actor!.accountId, existing.id, input, version!);
        return reply.flash(request.t('common.saved')).redirect(themeUrl(request, existing.id), 303);
      }
      const id = await themes.createTheme(db, areaId, request.actor!.accountId, input);
      return reply.flash(request.t('themes.flash.created', { title: form.data.title })).redirect(themeUrl(request, id), 303);
    } catch (error) {
      if (error instanceof themes.CitationError) return fail(citationProblem(request, error));
      if (error instanceof themes.ThemeTitleTakenError) return fail(problem(request.t, 'title', 'themes.validation.title.taken', { title: error.title }));
      if (error instanceof themes.ThemeChangedError) {
        // Someone else saved first: keep everything this person typed, show what the other person
        // saved, and let a second save replace it knowingly (the form now carries the new version).
        return renderForm(request, reply, existing, questions, draft, { version: error.current.version, conflict: error.current, status: 409 });
      }
      throw error;
    }
  };

  const getTheme = async (request: FastifyRequest) => {
    const theme = await themes.findTheme(db, request.area!.id, themeIdParam(request));
    if (!theme) throw new NotFoundError('theme');
    return theme;
  };

  app.get('/a/:area/manage/themes/new', needs('theme.manage'), (request, reply) => renderForm(request, reply, undefined, [], emptyDraft()));
  app.post('/a/:area/manage/themes/new', needs('theme.manage'), (request, reply) => handleForm(request, reply));

  app.get('/a/:area/manage/themes/:themeId/edit', needs('theme.manage'), async (request, reply) => {
    const theme = await getTheme(request);
    return renderForm(request, reply, theme, await themes.citableQuestions(db, request.area!.id, theme.id), draftOf(theme));
  });
  app.post('/a/:area/manage/themes/:themeId/edit', needs('theme.manage'), async (request, reply) => handleForm(request, reply, await getTheme(request)));

  // ── A theme's page ────────────────────────────────────────────────────────────────────────────
  type ThemePageState = Partial<Shown> & { ticked?: string[]; moveTo?: string; into?: string; page?: number; status?: number };

  const renderTheme = async (request: FastifyRequest, reply: FastifyReply, state: ThemePageState = {}) => {
    const manage = canManage(request);
    const page = await themes.getTheme(db, request.area!.id, themeIdParam(request), { page: state.page ?? pageNumber(request.query), includeHidden: manage });
    const url = themeUrl(request, page.theme.id);
    const slug = request.area!.slug;
    return reply.page('themes/views/theme.njk', {
      title: page.theme.title,
      backLink: base(request),
      page,
      theme: page.theme,
      canManage: manage,
      symbolName: page.theme.symbol ? findSymbol(page.theme.symbol)?.name : undefined,
      published: !!page.theme.response?.publishedAt,
      themeUrl: url,
      responseUrl: `${url}/response`,
      contributions: page.contributions.map((c, i) => ({
        ...c,
        checkboxId: i === 0 ? 'contribution' : `contribution-${c.id}`,
        reviewHref: `/a/${slug}/activities/${c.activityId}/contributions/${c.id}`,
      })),
      ticked: state.ticked ?? [],
      moveItems: [{ value: '', text: request.t('themes.theme.chooseTheme') }, ...page.otherThemes.map((t) => ({ value: t.id, text: t.title, selected: t.id === state.moveTo }))],
      mergeItems: [{ value: '', text: request.t('themes.theme.chooseTheme') }, ...page.otherThemes.map((t) => ({ value: t.id, text: t.title, selected: t.id === state.into }))],
      first: page.first,
      last: page.last,
      pagination: pagination(page, { path: url }, request.t, 'themes'),
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
    }, state.status ?? 200);
  };

  app.get('/a/:area/manage/themes/:themeId', needs('theme.view'), (request, reply) => renderTheme(request, reply));

  app.post('/a/:area/manage/themes/:themeId/contributions', needs('theme.manage'), async (request, reply) => {
    const areaId = request.area!.id;
    const actorId = request.actor!.accountId;
    const theme = await getTheme(request);
    const ticked = tickedIds((request.body as Record<string, unknown> | undefined)?.contribution);
    const onPage = pageNumber(request.body);
    const again = (shown: Shown, status = 422) => renderTheme(request, reply, { ...shown, ticked, moveTo: moveToValue(request.body), page: onPage, status });
    const parsed = parseForm(contributionActionForm, request.body, request.t, CONTRIBUTION_ACTION_IDS);
    if (!parsed.ok) return again(shownForm(parsed));
    const form = { action: parsed.data.action, ids: parsed.data.contribution, moveTo: parsed.data.moveTo };
    const url = themeUrl(request, theme.id);
    switch (form.action) {
      case 'quote':
      case 'unquote':
        try {
          const changed = await themes.setQuotes(db, areaId, actorId, theme.id, form.ids, form.action === 'quote');
          return reply.flash(request.t(form.action === 'quote' ? 'themes.flash.quoted' : 'themes.flash.unquoted', { count: changed })).redirect(url, 303);
        } catch (error) {
          if (!(error instanceof themes.QuoteRefusedError)) throw error;
          // Say which comment and why, linking each message to that comment's tick box.
          const page = await themes.getTheme(db, areaId, theme.id, { page: onPage, includeHidden: true });
          const position = new Map(page.contributions.map((c, i) => [c.id, { i, c }]));
          const boxId = (id: string) => {
            const at = position.get(id);
            return at && at.i > 0 ? `contribution-${id}` : 'contribution';
          };
          const { errorSummary } = errorState(
            error.refused.map(({ id, problem }) => ({ field: id, text: request.t(`themes.validation.quote.${problem}`, { comment: position.has(id) ? snippet(position.get(id)!.c.redactedText) : '' }) })),
            Object.fromEntries(error.refused.map(({ id }) => [id, boxId(id)])),
          );
          // The tick boxes are one group, so every refusal is said beside it; each summary link goes to its own box.
          return again({ errors: { contribution: errorSummary.map((item) => item.text).join(' ') }, errorSummary });
        }
      case 'remove': {
        const removed = await themes.removeContributions(db, areaId, actorId, theme.id, form.ids);
        return reply.flash(request.t('themes.flash.removed', { count: removed })).redirect(url, 303);
      }
      case 'move': {
        const target = await themes.findTheme(db, areaId, form.moveTo);
        if (!target || target.id === theme.id) return again(problem(request.t, 'moveTo', 'themes.validation.moveTo.missing'));
        const moved = await themes.moveContributions(db, areaId, actorId, theme.id, target.id, form.ids);
        return reply.flash(request.t('themes.flash.moved', { count: moved, title: target.title })).redirect(url, 303);
      }
    }
  });

  app.post('/a/:area/manage/themes/:themeId/merge', needs('theme.manage'), async (request, reply) => {
    const areaId = request.area!.id;
    const theme = await getTheme(request);
    const again = (shown: Shown, status = 422) => renderTheme(request, reply, { ...shown, into: intoValue(request.body), status });
    const form = parseForm(mergeForm, request.body, request.t);
    if (!form.ok) return again(shownForm(form));
    const target = await themes.findTheme(db, areaId, form.data.into);
    if (!target || target.id === theme.id) return again(problem(request.t, 'into', 'themes.validation.into.missing'));
    try {
      const moved = await themes.mergeThemes(db, areaId, request.actor!.accountId, theme.id, target.id);
      return reply.flash(request.t('themes.flash.merged', { count: moved, from: theme.title, title: target.title })).redirect(themeUrl(request, target.id), 303);
    } catch (error) {
      if (!(error instanceof themes.ThemePublishedError)) throw error;
      return again(problem(request.t, 'into', 'themes.validation.published.merge'), 409);
    }
  });

  // ── Deleting ──────────────────────────────────────────────────────────────────────────────────
  const renderDelete = async (request: FastifyRequest, reply: FastifyReply, status = 200) => {
    const theme = await getTheme(request);
    const published = !!theme.response?.publishedAt;
    return reply.page('themes/views/delete.njk', {
      title: request.t('themes.delete.title', { title: theme.title }),
      backLink: themeUrl(request, theme.id),
      theme,
      published,
      action: `${themeUrl(request, theme.id)}/delete`,
    }, status === 200 && published ? 409 : status);
  };

  app.get('/a/:area/manage/themes/:themeId/delete', needs('theme.manage'), (request, reply) => renderDelete(request, reply));

  app.post('/a/:area/manage/themes/:themeId/delete', needs('theme.manage'), async (request, reply) => {
    const theme = await getTheme(request);
    // The confirmation page sends confirm=yes: anything else (a stray or forged post) deletes nothing.
    if (list((request.body as Record<string, unknown> | undefined)?.confirm)[0] !== 'yes') return reply.redirect(themeUrl(request, theme.id), 303);
    try {
      await themes.deleteTheme(db, request.area!.id, request.actor!.accountId, theme.id);
    } catch (error) {
      if (!(error instanceof themes.ThemePublishedError)) throw error;
      return renderDelete(request, reply, 409);
    }
    return reply.flash(request.t('themes.flash.deleted', { title: theme.title })).redirect(base(request), 303);
  });
}
