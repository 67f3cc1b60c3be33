/**
 * Staff pages for contributions: an activity's list with filters, reviewing one contribution's
 * redactions, moderation, and the area's own lists of names, schools and places to remove.
 *
 * The route gate checks the role; the service checks the organisation once the activity is loaded
 * (practitioners act only for their own organisation) and decides what a decision maker may read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AreaAction } from '../../lib/authorisation.ts';
import { errorState, formError, parseForm } from '../../lib/form-errors.ts';
import { pagination } from '../../lib/pagination.ts';
import * as contributions from './contributions.service.ts';
import { batchForm, hideForm, parseFilters, parseRemoveForm, REDACTION_KINDS, redactionForm, SUPPORTER_RELATIONSHIPS, TERM_FIELDS, termsForm, WORDS_MAX } from './contributions.forms.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });

type Params = { activityId: string; contributionId: string; redactionId: string };
const param = (request: FastifyRequest, name: keyof Params) => String((request.params as Partial<Params>)[name] ?? '');

/** What to show for "support given": the relationship when it is one Chorus knows, else a plain yes. */
const supportKey = (relationship: string | null) =>
  relationship === null ? 'contributions.support.none' : (SUPPORTER_RELATIONSHIPS as readonly string[]).includes(relationship) ? `contributions.support.${relationship}` : 'contributions.support.other';

export default async function contributionsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const listUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/activities/${param(request, 'activityId')}/contributions`;
  const pageUrl = (request: FastifyRequest) => `${listUrl(request)}/${param(request, 'contributionId')}`;

  // ── The list ──────────────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/activities/:activityId/contributions', needs('contribution.read'), async (request, reply) => {
    const { filter, values, errors: errorKeys, page } = parseFilters(request.query);
    const list = await contributions.listActivityContributions(db, request.actor!, request.area!.id, param(request, 'activityId'), filter, page);
    const { errors, errorSummary } = errorState(Object.entries(errorKeys).map(([field, key]) => ({ field, text: request.t(key) })));
    const base = listUrl(request);
    const filtered = Object.values(values).some(Boolean);
    return reply.page('contributions/views/list.njk', {
      title: request.t('contributions.list.title'),
      backLink: `/a/${request.area!.slug}/activities/${list.activity.id}`,
      list,
      review: list.access === 'review',
      values,
      filtered,
      errors,
      errorSummary,
      listUrl: base,
      items: list.items.map((item) => ({
        ...item,
        questionWording: item.questionId ? list.questionText[item.questionId] ?? null : null,
        supportKey: supportKey(item.supporterRelationship),
        href: `${base}/${item.id}`,
      })),
      first: list.first,
      last: list.last,
      pagination: pagination(list, { path: base, query: values }, request.t, 'contributions.list'),
    }, errorSummary.length > 0 ? 422 : 200);
  });

  // ── Removed details checked in batches ────────────────────────────────────────────────────────
  const batchUrl = (request: FastifyRequest) => `${listUrl(request)}/redactions`;
  const renderBatches = async (request: FastifyRequest, reply: FastifyReply, extra: { errorSummary?: Array<{ text: string; href: string }> } = {}, status = 200) => {
    const data = await contributions.listRedactionBatches(db, request.actor!, request.area!.id, param(request, 'activityId'));
    const base = listUrl(request);
    return reply.page('contributions/views/redaction-batches.njk', {
      title: request.t('contributions.batch.title'),
      backLink: base,
      activity: data.activity,
      partial: data.partial,
      action: batchUrl(request),
      batches: data.batches.map((b, i) => ({
        ...b,
        prefix: `batch-${i + 1}`,
        // The same words around the detail in several answers are shown once, with a link to each answer.
        contexts: [...Map.groupBy(b.places.map((p, n) => ({ ...p, number: n + 1, href: `${base}/${p.contributionId}` })), (p) => `${p.before}\u0000${p.middle}\u0000${p.after}`).values()],
      })),
      errorSummary: extra.errorSummary,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/contributions/redactions', needs('contribution.review'), (request, reply) => renderBatches(request, reply));

  app.post('/a/:area/activities/:activityId/contributions/redactions', needs('contribution.review'), async (request, reply) => {
    const form = parseForm(batchForm, request.body, request.t);
    if (!form.ok) return renderBatches(request, reply, { errorSummary: form.summary.map((item) => ({ ...item, href: '#batches' })) }, 422);
    const answers = await contributions.decideRedactionBatch(db, request.actor!, request.area!.id, param(request, 'activityId'), form.data.decision, form.data.redaction);
    const message = answers === 0 ? request.t('contributions.batch.nothing') : request.t(form.data.decision === 'keep' ? 'contributions.batch.kept' : 'contributions.batch.restored', { count: answers });
    return reply.flash(message).redirect(batchUrl(request), 303);
  });

  // ── One contribution ──────────────────────────────────────────────────────────────────────────
  const renderContribution = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const review = await contributions.getContributionForReview(db, request.actor!, request.area!.id, param(request, 'activityId'), param(request, 'contributionId'));
    return reply.page('contributions/views/contribution.njk', {
      title: request.t('contributions.review.title'),
      backLink: listUrl(request),
      review,
      c: review.contribution,
      supportKey: supportKey(review.contribution.supporterRelationship),
      kinds: REDACTION_KINDS,
      pageUrl: pageUrl(request),
      wordsMax: WORDS_MAX,
      redactionValues: {},
      redactionErrors: {},
      hideValues: {},
      hideErrors: {},
      ...extra,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/contributions/:contributionId', needs('contribution.review'), (request, reply) => renderContribution(request, reply));

  app.post('/a/:area/activities/:activityId/contributions/:contributionId/redactions', needs('contribution.review'), async (request, reply) => {
    const form = parseForm(redactionForm, request.body, request.t);
    const again = (failed: { errors: Record<string, string>; summary: Array<{ text: string; href: string }>; values: Record<string, unknown> }) =>
      renderContribution(request, reply, { redactionErrors: failed.errors, errorSummary: failed.summary, redactionValues: failed.values }, 422);
    if (!form.ok) return again(form);
    try {
      const places = await contributions.addRedaction(db, request.actor!, request.area!.id, param(request, 'activityId'), param(request, 'contributionId'), form.data);
      return reply.flash(request.t('contributions.review.redactionAdded', { count: places })).redirect(pageUrl(request), 303);
    } catch (error) {
      if (!(error instanceof contributions.WordsNotFoundError)) throw error;
      return again(formError('words', request.t('contributions.validation.words.notFound'), request.body as Record<string, unknown>));
    }
  });

  app.post('/a/:area/activities/:activityId/contributions/:contributionId/redactions/:redactionId/undo', needs('contribution.review'), async (request, reply) => {
    try {
      await contributions.undoRedaction(db, request.actor!, request.area!.id, param(request, 'activityId'), param(request, 'contributionId'), param(request, 'redactionId'));
    } catch (error) {
      if (!(error instanceof contributions.OriginalDeletedError)) throw error;
      return reply.flash(request.t('contributions.review.cannotUndo')).redirect(`/a/${request.area!.slug}/activities/${param(request, 'activityId')}/contributions/${param(request, 'contributionId')}`, 303);
    }
    return reply.flash(request.t('contributions.review.redactionUndone')).redirect(pageUrl(request), 303);
  });

  app.post('/a/:area/activities/:activityId/contributions/:contributionId/reviewed', needs('contribution.review'), async (request, reply) => {
    await contributions.markReviewed(db, request.actor!, request.area!.id, param(request, 'activityId'), param(request, 'contributionId'));
    return reply.flash(request.t('contributions.review.reviewed')).redirect(pageUrl(request), 303);
  });

  // A POST, not a link: looking at the original is a deliberate act, protected by the CSRF token and audited.
  app.post('/a/:area/activities/:activityId/contributions/:contributionId/original', needs('contribution.view_original'), async (request, reply) => {
    try {
      const original = await contributions.viewOriginal(db, request.actor!, request.area!.id, param(request, 'activityId'), param(request, 'contributionId'));
      return renderContribution(request, reply, { original });
    } catch (error) {
      if (!(error instanceof contributions.OriginalDeletedError)) throw error;
      // The page itself says when, in the reader's language (contribution.njk).
      return renderContribution(request, reply);
    }
  });

  app.post('/a/:area/activities/:activityId/contributions/:contributionId/hide', needs('contribution.review'), async (request, reply) => {
    const form = parseForm(hideForm, request.body, request.t);
    if (!form.ok) return renderContribution(request, reply, { hideErrors: form.errors, errorSummary: form.summary, hideValues: form.values }, 422);
    await contributions.hideContribution(db, request.actor!, request.area!.id, param(request, 'activityId'), param(request, 'contributionId'), form.data.reason);
    return reply.flash(request.t('contributions.review.hidden')).redirect(pageUrl(request), 303);
  });

  app.post('/a/:area/activities/:activityId/contributions/:contributionId/unhide', needs('contribution.review'), async (request, reply) => {
    await contributions.unhideContribution(db, request.actor!, request.area!.id, param(request, 'activityId'), param(request, 'contributionId'));
    return reply.flash(request.t('contributions.review.unhidden')).redirect(pageUrl(request), 303);
  });

  // ── The area's redaction lists ────────────────────────────────────────────────────────────────
  const termsUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/redaction`;
  const renderTerms = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const terms = await contributions.listRedactionTerms(db, request.area!.id);
    return reply.page('contributions/views/redaction-lists.njk', {
      title: request.t('contributions.lists.title'),
      backLink: `/a/${request.area!.slug}/manage`,
      sections: Object.entries(TERM_FIELDS).map(([field, kind]) => ({ field, kind, terms: terms.filter((term) => term.kind === kind) })),
      values: {},
      errors: {},
      removeErrors: {},
      ...extra,
    }, status);
  };

  app.get('/a/:area/manage/redaction', needs('redaction_terms.manage'), (request, reply) => renderTerms(request, reply));

  app.post('/a/:area/manage/redaction', needs('redaction_terms.manage'), async (request, reply) => {
    const form = parseForm(termsForm, request.body, request.t);
    if (!form.ok) return renderTerms(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const added = await contributions.addRedactionTerms(db, request.area!.id, request.actor!.accountId, form.data);
    const message = added > 0 ? request.t('contributions.lists.added', { count: added }) : request.t('contributions.lists.nothingNew');
    return reply.flash(message).redirect(termsUrl(request), 303);
  });

  app.post('/a/:area/manage/redaction/remove', needs('redaction_terms.manage'), async (request, reply) => {
    const { kind, ids } = parseRemoveForm(request.body);
    if (ids.length === 0) {
      const field = kind ?? 'name';
      const { errors, errorSummary } = errorState([{ field, text: request.t(`contributions.validation.remove.${field}`) }], { [field]: `remove-${field}` });
      return renderTerms(request, reply, { removeErrors: errors, errorSummary }, 422);
    }
    const removed = await contributions.removeRedactionTerms(db, request.area!.id, request.actor!.accountId, ids);
    return reply.flash(request.t('contributions.lists.removed', { count: removed })).redirect(termsUrl(request), 303);
  });
}
