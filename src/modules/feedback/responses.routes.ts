/**
 * Staff pages for responses to themes ("we did"): writing one (with a version check and the "changed
 * by someone else" page), its history, marking it ready for review, the publication preview and
 * publishing, and the printable pack of easy-read letters.
 *
 * Decision makers and leads write responses (Lundy's audience); only leads publish and print letters.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type AreaAction } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorSummaryItem, type FieldErrors } from '../../lib/form-errors.ts';
import { translator, type Translate } from '../../lib/messages/messages.ts';
import { isId } from '../../lib/ids.ts';
import { isSmall } from '../../lib/suppression.ts';
import { noticeIdsOf, parseResponseForm, publishingRulesForm, valuesOf, versionOf } from './responses.forms.ts';
import { RESPONSE_STATUSES, statusInfo } from './response-statuses.ts';
import * as responses from './responses.service.ts';
import type { PublishedContent } from './published.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });

function themeIdParam(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown>).themeId;
  if (!isId(id)) throw new NotFoundError('theme');
  return id;
}

function formatDay(iso: string | null, lang: string): string {
  if (!iso) return '';
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(date);
}

type Lookups = { boardNames: Map<string, string>; accountNames: Map<string, string> };

/** One field of a response in words, as a person reads it (names for ids, dates written out). */
function describeField(field: responses.ContentField, c: responses.ResponseContent, lookups: Lookups, t: Translate, lang: string): string {
  switch (field) {
    case 'status':
      return t(`feedback.status.${c.status}.label`);
    case 'decidedByBoardId':
      return c.decidedByBoardId ? (lookups.boardNames.get(c.decidedByBoardId) ?? t('feedback.responses.removedBoard')) : '';
    case 'ownerAccountId':
      return c.ownerAccountId ? (lookups.accountNames.get(c.ownerAccountId) ?? t('feedback.responses.removedAccount')) : '';
    case 'decidedOn':
    case 'dueOn':
    case 'doneOn':
      return formatDay(c[field], lang);
    case 'evidenceLinks':
      return c.evidenceLinks.join('\n');
    default:
      return c[field];
  }
}

function fieldLabel(field: responses.ContentField, t: Translate): string {
  return t(`feedback.responses.fields.${field}`);
}

export default async function responsesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const themeBase = (request: FastifyRequest, themeId: string) => `/a/${request.area!.slug}/manage/themes/${themeId}`;
  const responseUrl = (request: FastifyRequest, themeId: string) => `${themeBase(request, themeId)}/response`;

  const countText = (t: Translate, n: number) => (isSmall(n) ? t('feedback.responses.countSmall') : t('feedback.responses.count', { count: n }));

  // ── Writing a response ────────────────────────────────────────────────────────────────────────
  type EditModel = {
    values?: Record<string, unknown>;
    errors?: FieldErrors;
    errorSummary?: ErrorSummaryItem[];
    /** Someone else saved first: what they saved and what this person typed, side by side. */
    conflict?: { theirs: responses.ThemeResponse; yours: responses.ResponseContent };
    /** "Ready for review" was refused because it changed meanwhile. */
    reviewConflict?: boolean;
    /** The version the editor started from (kept through validation errors, so a later save still checks it). */
    version?: number;
  };

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, themeId: string, model: EditModel = {}, status = 200) => {
    const area = request.area!;
    const t = request.t;
    const [{ theme, response }, choices] = await Promise.all([responses.getResponse(db, area.id, themeId), responses.formChoices(db, area.id)]);
    const lookups: Lookups = { boardNames: new Map(choices.boards.map((b) => [b.id, b.name])), accountNames: new Map(choices.staff.map((s) => [s.id, s.name])) };
    const base = responseUrl(request, themeId);
    const comparison = model.conflict
      ? responses.CONTENT_FIELDS.map((field) => {
          const theirs = describeField(field, model.conflict!.theirs, lookups, t, request.lang);
          const yours = describeField(field, model.conflict!.yours, lookups, t, request.lang);
          return { label: fieldLabel(field, t), theirs, yours, differs: theirs !== yours };
        })
      : null;
    return reply.page('feedback/views/responses/edit.njk', {
      title: t('feedback.responses.edit.title', { theme: theme.title }),
      backLink: themeBase(request, themeId),
      action: base,
      theme: { ...theme, countText: countText(t, theme.contributionCount), exactCount: t('feedback.responses.exactCount', { count: theme.contributionCount }) },
      response,
      stageLabel: t(`feedback.responses.stages.${response.stage}`),
      // After a conflict the form starts from what is saved now, with the new version.
      // A response never saved has no answer chosen yet (GOV.UK: radios are never pre-selected).
      values: model.values ?? (response.hasBeenSaved ? valuesOf(response) : { ...valuesOf(response), status: '' }),
      version: model.version !== undefined && model.version >= 0 ? model.version : response.version,
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
      comparison,
      conflictBy: model.conflict?.theirs.updatedByName ?? '',
      conflictAt: model.conflict?.theirs.updatedAt ?? null,
      reviewConflict: model.reviewConflict ?? false,
      statuses: RESPONSE_STATUSES.map((s) => ({ key: s.key, symbol: s.symbol, label: t(`feedback.status.${s.key}.label`), alt: t(`feedback.status.${s.key}.symbolAlt`) })),
      boards: choices.boards,
      staff: choices.staff,
      canEdit: can(request.actor, 'feedback.respond', { areaId: area.id }),
      canPublish: can(request.actor, 'feedback.publish', { areaId: area.id }),
      historyHref: `${base}/history`,
      publishHref: `${base}/publish`,
      reviewAction: `${base}/review`,
    }, status);
  };

  app.get('/a/:area/manage/themes/:themeId/response', needs('theme.view'), (request, reply) => renderEdit(request, reply, themeIdParam(request)));

  app.post('/a/:area/manage/themes/:themeId/response', needs('feedback.respond'), async (request, reply) => {
    const area = request.area!;
    const themeId = themeIdParam(request);
    const choices = await responses.formChoices(db, area.id);
    const form = parseResponseForm(request.body, request.t, { boardIds: choices.boards.map((b) => b.id), staffIds: choices.staff.map((s) => s.id) });
    if (!form.ok) return renderEdit(request, reply, themeId, { values: form.values, errors: form.errors, errorSummary: form.summary, version: versionOf(request.body) }, 422);
    const result = await responses.saveResponse(db, area.id, request.actor!.accountId, themeId, form.data, versionOf(request.body));
    // The same words saved twice (a double click, or two people typing the same) is not a conflict.
    if (!result.ok && responses.changedFields(result.current, form.data).length > 0) {
      // Nothing was changed: theirs is saved, and what this person typed is shown beside it.
      return renderEdit(request, reply, themeId, { conflict: { theirs: result.current, yours: form.data } }, 409);
    }
    return reply.flash(request.t('feedback.responses.flash.saved')).redirect(responseUrl(request, themeId), 303);
  });

  app.post('/a/:area/manage/themes/:themeId/response/review', needs('feedback.respond'), async (request, reply) => {
    const area = request.area!;
    const themeId = themeIdParam(request);
    try {
      const result = await responses.markForReview(db, area.id, request.actor!.accountId, themeId, versionOf(request.body));
      if (!result.ok) return renderEdit(request, reply, themeId, { reviewConflict: true }, 409);
    } catch (error) {
      if (!(error instanceof responses.NotReadyError)) throw error;
      const { errorSummary } = errorState(error.problems.map((p) => ({ field: p === 'nothing' ? 'whatChanged' : p, text: request.t(`feedback.responses.problems.${p}`) })));
      return renderEdit(request, reply, themeId, { errorSummary }, 422);
    }
    return reply.flash(request.t('feedback.responses.flash.review')).redirect(responseUrl(request, themeId), 303);
  });

  // ── History ───────────────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/manage/themes/:themeId/response/history', needs('theme.view'), async (request, reply) => {
    const area = request.area!;
    const t = request.t;
    const themeId = themeIdParam(request);
    const history = await responses.responseHistory(db, area.id, themeId);
    const lookups: Lookups = { boardNames: history.boardNames, accountNames: history.accountNames };
    return reply.page('feedback/views/responses/history.njk', {
      title: t('feedback.responses.history.title', { theme: history.theme.title }),
      backLink: responseUrl(request, themeId),
      theme: history.theme,
      entries: history.entries.map((e) => ({
        version: e.version,
        heading: t('feedback.responses.history.version', { version: e.version }),
        who: e.changedByName ?? t('feedback.responses.history.someone'),
        when: e.changedAt,
        stage: t(`feedback.responses.stages.${e.stage}`),
        isPublished: e.isPublished,
        changes: e.changed.map((field) => ({
          label: fieldLabel(field, t),
          value: describeField(field, e.content, lookups, t, request.lang),
          was: e.previous ? describeField(field, e.previous, lookups, t, request.lang) : '',
        })),
      })),
    });
  });

  // ── Preview and publish ───────────────────────────────────────────────────────────────────────
  const channelWords = (t: Translate, byChannel: Record<responses.NoticeChannel, number>) =>
    responses.NOTICE_CHANNELS.filter((c) => byChannel[c] > 0).map((c) => t(`feedback.responses.publish.channels.${c}`, { count: byChannel[c] }));

  const publishedView = (t: Translate, content: PublishedContent | null, lang: string) =>
    content && {
      ...content,
      statusSymbol: statusInfo(content.response.status).symbol,
      statusLabel: t(`feedback.status.${content.response.status}.label`),
      statusEasyRead: t(`feedback.status.${content.response.status}.easyRead`),
      statusAlt: t(`feedback.status.${content.response.status}.symbolAlt`),
      countText: countText(t, content.theme.contributionCount),
      decidedOn: formatDay(content.response.decidedOn, lang),
      dueOn: formatDay(content.response.dueOn, lang),
      doneOn: formatDay(content.response.doneOn, lang),
    };

  /** Where each problem is put right: the response's field, the theme's field, or the approval on this page. */
  const problemLink = (request: FastifyRequest, themeId: string, p: responses.PublishProblem) => {
    const editHref = responseUrl(request, themeId);
    switch (p) {
      case 'nothing':
        return `${editHref}#whatChanged`;
      case 'themeSummary':
        return `${themeBase(request, themeId)}/edit#summary`;
      case 'themeEasyReadSummary':
        return `${themeBase(request, themeId)}/edit#easyReadSummary`;
      case 'approval':
        return '#approval';
      default:
        return `${editHref}#${p}`;
    }
  };
  const problemItems = (request: FastifyRequest, themeId: string, problems: readonly responses.PublishProblem[]) =>
    problems.map((p) => ({ text: request.t(`feedback.responses.problems.${p}`), href: problemLink(request, themeId, p) }));

  const renderPreview = async (request: FastifyRequest, reply: FastifyReply, themeId: string, model: { errorSummary?: ErrorSummaryItem[]; changed?: boolean } = {}, status = 200) => {
    const area = request.area!;
    const t = request.t;
    const preview = await responses.previewPublication(db, area.id, themeId);
    const editHref = responseUrl(request, themeId);
    const canRespond = can(request.actor, 'feedback.respond', { areaId: area.id });
    const approval = preview.approval;
    return reply.page('feedback/views/responses/publish.njk', {
      title: t('feedback.responses.publish.title', { theme: preview.theme.title }),
      backLink: editHref,
      editHref,
      action: `${editHref}/publish`,
      theme: preview.theme,
      response: preview.response,
      version: preview.response.version,
      content: publishedView(t, preview.content, request.lang),
      problems: problemItems(request, themeId, preview.problems),
      approval,
      canApprove: approval.required && !approval.approved && responses.mayApprove(request.actor?.accountId ?? null, canRespond, approval),
      isWriter: approval.writerId !== null && approval.writerId === request.actor?.accountId,
      approveAction: `${editHref}/approve`,
      audience: preview.audience,
      channels: channelWords(t, preview.audience.byChannel),
      alreadyPublished: preview.response.publishedAt !== null,
      unchangedSincePublished: preview.response.publishedAt !== null && preview.response.publishedVersion === preview.response.version,
      canPublish: can(request.actor, 'feedback.publish', { areaId: area.id }),
      // What stops publishing is said at the top, each linking to where it is put right (the
      // response's field, the theme's words, or the approval below).
      errorSummary: model.errorSummary ?? (preview.problems.length > 0 ? problemItems(request, themeId, preview.problems) : undefined),
      changed: model.changed ?? false,
    }, status);
  };

  app.get('/a/:area/manage/themes/:themeId/response/publish', needs('theme.view'), (request, reply) => renderPreview(request, reply, themeIdParam(request)));

  app.post('/a/:area/manage/themes/:themeId/response/publish', needs('feedback.publish'), async (request, reply) => {
    const area = request.area!;
    const t = request.t;
    const themeId = themeIdParam(request);
    let result: responses.PublishResult;
    try {
      result = await responses.publishResponse(db, area.id, request.actor!.accountId, themeId, { baseUrl: app.config.baseUrl, areaSlug: area.slug, expectedVersion: versionOf(request.body) });
    } catch (error) {
      if (error instanceof ConflictError) return renderPreview(request, reply, themeId, { changed: true }, 409);
      if (!(error instanceof responses.NotReadyError)) throw error;
      return renderPreview(request, reply, themeId, { errorSummary: problemItems(request, themeId, error.problems) }, 422);
    }
    const told = channelWords(t, result.byChannel);
    const message = result.noticesCreated === 0 ? t('feedback.responses.flash.publishedNobody') : t('feedback.responses.flash.published', { count: result.noticesCreated, channels: told.join(', ') });
    return reply.flash(message).redirect(responseUrl(request, themeId), 303);
  });

  app.post('/a/:area/manage/themes/:themeId/response/approve', needs('feedback.respond'), async (request, reply) => {
    const area = request.area!;
    const themeId = themeIdParam(request);
    try {
      await responses.approveResponse(db, area.id, request.actor!.accountId, themeId, { canRespond: true, expectedVersion: versionOf(request.body) });
    } catch (error) {
      if (error instanceof ConflictError) return renderPreview(request, reply, themeId, { changed: true }, 409);
      if (error instanceof responses.OwnApprovalError) {
        return renderPreview(request, reply, themeId, { errorSummary: [{ text: request.t('feedback.responses.approval.notYours'), href: '#approval' }] }, 403);
      }
      if (!(error instanceof responses.NotReadyError)) throw error;
      return renderPreview(request, reply, themeId, { errorSummary: problemItems(request, themeId, error.problems) }, 422);
    }
    return reply.flash(request.t('feedback.responses.flash.approved')).redirect(`${responseUrl(request, themeId)}/publish`, 303);
  });

  // ── Publishing rules ──────────────────────────────────────────────────────────────────────────
  const rulesUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/publishing-rules`;
  const renderRules = async (request: FastifyRequest, reply: FastifyReply, model: { value?: string; errors?: FieldErrors; errorSummary?: ErrorSummaryItem[] } = {}, status = 200) => {
    const rules = await responses.publishingRules(db, request.area!.id);
    return reply.page('feedback/views/responses/publishing-rules.njk', {
      title: request.t('feedback.publishingRules.title'),
      backLink: `/a/${request.area!.slug}/manage`,
      action: rulesUrl(request),
      value: model.value ?? (rules.needsApproval ? 'yes' : 'no'),
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
    }, status);
  };

  app.get('/a/:area/manage/publishing-rules', needs('area.settings'), (request, reply) => renderRules(request, reply));

  app.post('/a/:area/manage/publishing-rules', needs('area.settings'), async (request, reply) => {
    const form = parseForm(publishingRulesForm, request.body, request.t);
    if (!form.ok) return renderRules(request, reply, { value: '', errors: form.errors, errorSummary: form.summary }, 422);
    await responses.setPublishingRules(db, request.area!.id, request.actor!.accountId, { needsApproval: form.data.needsApproval === 'yes' });
    return reply.flash(request.t('feedback.publishingRules.saved')).redirect(rulesUrl(request), 303);
  });

  // ── Letters ───────────────────────────────────────────────────────────────────────────────────
  const lettersBase = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/letters`;

  app.get('/a/:area/manage/letters', needs('feedback.letters'), async (request, reply) => {
    const t = request.t;
    const activities = await responses.listLetters(db, request.area!.id);
    return reply.page('feedback/views/letters/list.njk', {
      title: t('feedback.letters.list.title'),
      backLink: `/a/${request.area!.slug}/manage`,
      activities: activities.map((a) => ({ ...a, href: `${lettersBase(request)}/print?activity=${a.activityId}`, count: t('feedback.letters.list.count', { count: a.letters }) })),
    });
  });

  app.get('/a/:area/manage/letters/print', needs('feedback.letters'), async (request, reply) => {
    const area = request.area!;
    const activityId = (request.query as Record<string, unknown> | undefined)?.activity;
    // No activity chosen: the list is where one is chosen.
    if (activityId === undefined || activityId === '') return reply.redirect(lettersBase(request), 303);
    if (!isId(activityId)) throw new NotFoundError('activity');
    const pack = await responses.letterPack(db, area.id, request.actor!.accountId, activityId);
    // The public address is the installation's (CHORUS_BASE_URL), never the address this page was asked at.
    const lookupHref = `${app.config.baseUrl}/a/${area.slug}/my-views`;
    const today = new Date();
    const letterDate = (lang: string) => new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(today);
    return reply.page('feedback/views/letters/print.njk', {
      title: request.t('feedback.letters.print.title', { activity: pack.activityTitle }),
      backLink: lettersBase(request),
      activityId,
      activityTitle: pack.activityTitle,
      action: `${lettersBase(request)}/printed`,
      letters: pack.letters.map((l) => {
        const lang = l.language === 'cy' ? 'cy' : 'en';
        const lt = translator(lang);
        const c = l.content;
        return {
          noticeId: l.noticeId,
          lang,
          heading: lt('feedback.letters.letter.heading', { area: area.name }),
          // The letterhead: the area's logo (or its name), and the day it was printed.
          areaName: area.name,
          logoUrl: area.logoUrl,
          logoAlt: lt('branding.logoAlt', { area: area.name }),
          date: letterDate(lang),
          address: `${app.config.baseUrl}/a/${area.slug}`,
          themeTitle: c.theme.title,
          themeSymbol: c.theme.symbol,
          themeSymbolAlt: c.theme.symbolAlt,
          youToldUs: lt('feedback.letters.letter.youToldUs'),
          summary: c.theme.easyReadSummary.trim() || c.theme.summary.trim() || c.theme.title,
          we: lt('feedback.letters.letter.we'),
          statusSymbol: statusInfo(c.response.status).symbol,
          statusAlt: lt(`feedback.status.${c.response.status}.symbolAlt`),
          status: lt(`feedback.status.${c.response.status}.easyRead`),
          whatChanged: c.response.whatChangedEasyRead.trim() || c.response.whatChanged,
          reasonHeading: lt('feedback.letters.letter.why'),
          reason: c.response.status === 'cannot' ? c.response.reason : '',
          codeHeading: lt('feedback.letters.letter.codeHeading'),
          code: l.receiptCode,
          lookup: lt('feedback.letters.letter.lookup', { link: lookupHref }),
          keepCode: lt('feedback.letters.letter.keepCode'),
          thanks: lt('feedback.letters.letter.thanks'),
        };
      }),
    });
  });

  app.post('/a/:area/manage/letters/printed', needs('feedback.letters'), async (request, reply) => {
    const area = request.area!;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const activityId = typeof body.activity === 'string' ? body.activity.trim() : '';
    if (!isId(activityId)) throw new NotFoundError('activity');
    const count = await responses.markLettersPrinted(db, area.id, request.actor!.accountId, activityId, noticeIdsOf(body));
    return reply.flash(request.t('feedback.letters.flash.printed', { count })).redirect(lettersBase(request), 303);
  });
}
