/**
 * Evaluation (issue 13 §1): ladders. Registered by evaluation.routes.ts.
 *
 * - /a/:area/manage/evaluation/ladders: the area picks its ladder, or copies one into its own
 *   version (evaluation.settings);
 * - /a/:area/manage/evaluation/ladders/:ladderId: changes the wording of its own version;
 * - /a/:area/activities/:activityId/evaluation/level: an activity's planned and achieved level and
 *   what participants said; staff rate the achieved level there (evaluation.rate);
 * - /a/:area/manage/evaluation/levels: every activity's levels, disagreements first.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type AreaAction } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { parseForm, type ErrorSummaryItem, type FieldErrors } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { dayText, clockText, getActivity } from '../activities/activities.service.ts';
import { COMMON_LEVELS, type CommonLevel } from './data/common-levels.ts';
import { chooseLadderForm, copyLadderForm, LEVEL_FIELD_IDS, parseVariant, rateLevelForm, variantValues } from './ladders.forms.ts';
import * as ladders from './ladders.service.ts';
import { levelChart } from './ladders.chart.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Who "they" are in a sentence about what participants said, from the activity's audience. */
const whoKey = (audience: string) => (audience === 'children_young_people' ? 'youngPeople' : audience === 'parent_carers' ? 'parentCarers' : 'participants');

/** "Staff said co-design; young people said they were asked." */
export function disagreementText(t: Translate, d: ladders.Disagreement, audience: string): string {
  return t('evaluation.ladders.disagree.sentence', {
    staff: t(`evaluation.ladders.common.${d.staff}.lower`),
    who: t(`evaluation.ladders.disagree.who.${whoKey(audience)}`),
    said: t(`evaluation.ladders.common.${d.participants}.said`),
  });
}

const levelName = (t: Translate, level: CommonLevel | null | undefined) => (level ? t(`evaluation.ladders.common.${level}.name`) : '');

export default async function laddersRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const settingsUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/evaluation/ladders`;

  // ── The area's ladder ─────────────────────────────────────────────────────────────────────────
  type SettingsModel = { errors?: FieldErrors; errorSummary?: ErrorSummaryItem[]; values?: Record<string, unknown> };
  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, model: SettingsModel = {}, status = 200) => {
    const settings = await ladders.ladderSettings(db, request.area!.id);
    return reply.page('evaluation/views/ladders/settings.njk', {
      title: request.t('evaluation.ladders.settings.title'),
      backLink: `/a/${request.area!.slug}/manage/evaluation`,
      settings,
      levels: COMMON_LEVELS.map((l) => l.key),
      values: { ladder: settings.current.ref, ...model.values },
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
    }, status);
  };

  app.get('/a/:area/manage/evaluation/ladders', needs('evaluation.settings'), (request, reply) => renderSettings(request, reply));

  app.post('/a/:area/manage/evaluation/ladders', needs('evaluation.settings'), async (request, reply) => {
    const form = parseForm(chooseLadderForm, request.body, request.t, { ladder: 'ladder' });
    if (!form.ok) return renderSettings(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    let chosen: ladders.AreaLadder;
    try {
      chosen = await ladders.chooseLadder(db, request.area!.id, request.actor!.accountId, form.data.ladder);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const text = request.t('evaluation.ladders.validation.ladder.missing');
      return renderSettings(request, reply, { errors: { ladder: text }, errorSummary: [{ text, href: '#ladder' }], values: {} }, 422);
    }
    return reply.flash(request.t('evaluation.ladders.settings.chosen', { name: chosen.name })).redirect(settingsUrl(request), 303);
  });

  app.post('/a/:area/manage/evaluation/ladders/copy', needs('evaluation.settings'), async (request, reply) => {
    const form = parseForm(copyLadderForm, request.body, request.t, { basedOn: 'basedOn' });
    if (!form.ok) return renderSettings(request, reply, { errors: form.errors, errorSummary: form.summary, values: { copyName: form.values.name, basedOn: form.values.basedOn } }, 422);
    const base = ladders.SHIPPED_LADDERS.find((l) => l.ref === form.data.basedOn)!;
    const name = form.data.name || request.t('evaluation.ladders.settings.copyDefaultName', { name: base.name });
    const id = await ladders.copyLadder(db, request.area!.id, request.actor!.accountId, form.data.basedOn, name.slice(0, 120));
    return reply.flash(request.t('evaluation.ladders.variant.copied')).redirect(`${settingsUrl(request)}/${id}`, 303);
  });

  // ── The area's own version ────────────────────────────────────────────────────────────────────
  const variantId = (request: FastifyRequest) => {
    const id = (request.params as Record<string, unknown>).ladderId;
    if (!isId(id)) throw new NotFoundError('ladder');
    return id;
  };

  type VariantModel = { errors?: FieldErrors; errorSummary?: ErrorSummaryItem[]; values?: ReturnType<typeof variantValues>; version?: number; conflict?: boolean };
  const renderVariant = (request: FastifyRequest, reply: FastifyReply, variant: ladders.AreaLadder, model: VariantModel = {}, status = 200) => {
    const values = model.values ?? {
      name: variant.name,
      rungs: variant.rungs.map((r) => ({ id: r.id, order: String(r.order), name: r.name, meaning: r.meaning, commonLevel: r.commonLevel })),
    };
    return reply.page('evaluation/views/ladders/variant.njk', {
      title: request.t('evaluation.ladders.variant.title', { name: variant.name }),
      backLink: settingsUrl(request),
      variant,
      // Each rung's source and status, beside the values being edited (same index).
      rungInfo: values.rungs.map((v) => variant.rungs.find((r) => r.id === v.id)),
      values,
      version: model.version ?? variant.version,
      conflict: model.conflict ?? false,
      levels: COMMON_LEVELS.map((l) => l.key),
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
    }, status);
  };

  app.get('/a/:area/manage/evaluation/ladders/:ladderId', needs('evaluation.settings'), async (request, reply) => {
    const variant = await ladders.getVariant(db, request.area!.id, variantId(request));
    return renderVariant(request, reply, variant);
  });

  app.post('/a/:area/manage/evaluation/ladders/:ladderId', needs('evaluation.settings'), async (request, reply) => {
    const area = request.area!;
    const variant = await ladders.getVariant(db, area.id, variantId(request));
    // The rungs are the stored ones, in stored order: the posted ids only say which fields are which.
    const values = variantValues(request.body, variant.rungs.map((r) => r.id));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const version = /^\d{1,9}$/.test(String(body.version ?? '')) ? Number(body.version) : 0;
    const parsed = parseVariant(values, request.t);
    if (!parsed.ok) return renderVariant(request, reply, variant, { errors: parsed.errors, errorSummary: parsed.errorSummary, values, version: version || variant.version }, 422);
    try {
      await ladders.saveVariant(db, area.id, request.actor!.accountId, variant.ref, version, parsed.data);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const current = await ladders.getVariant(db, area.id, variant.ref);
      return renderVariant(request, reply, current, { values, version: current.version, conflict: true }, 409);
    }
    return reply.flash(request.t('evaluation.ladders.variant.saved')).redirect(settingsUrl(request), 303);
  });

  // ── One activity's level ──────────────────────────────────────────────────────────────────────
  const activityId = (request: FastifyRequest) => {
    const id = (request.params as Record<string, unknown>).activityId;
    if (!isId(id)) throw new NotFoundError('activity');
    return id;
  };

  type LevelModel = { errors?: FieldErrors; errorSummary?: ErrorSummaryItem[]; values?: Record<string, unknown> };
  const renderLevel = async (request: FastifyRequest, reply: FastifyReply, model: LevelModel = {}, status = 200) => {
    const area = request.area!;
    const level = await ladders.activityLevelFor(db, area.id, activityId(request));
    const t = request.t;
    const when = (at: Date) => `${dayText(at, request.lang)}, ${clockText(at, request.lang, t)}`;
    return reply.page('evaluation/views/ladders/level.njk', {
      title: t('evaluation.ladders.level.title', { activity: level.activity.title }),
      backLink: `/a/${area.slug}/activities/${level.activity.id}/evaluation`,
      level,
      disagreement: level.disagreement ? disagreementText(t, level.disagreement, level.activity.audience) : '',
      plannedText: level.planned ? t('evaluation.ladders.level.rungAndLevel', { rung: level.planned.rungName, level: levelName(t, level.planned.commonLevel) }) : '',
      achievedText: level.achieved ? t('evaluation.ladders.level.rungAndLevel', { rung: level.achieved.rungName, level: levelName(t, level.achieved.commonLevel) }) : '',
      participantsText: level.participants?.commonLevel ? levelName(t, level.participants.commonLevel) : '',
      history: level.history.map((h) => ({ ...h, when: when(h.ratedAt), level: levelName(t, h.commonLevel) })),
      canRate: can(request.actor, 'evaluation.rate', { areaId: area.id, organisationId: level.activity.organisationId }),
      rungItems: level.ladder.rungs.map((r) => ({
        value: r.ref,
        text: t('evaluation.ladders.level.rungItem', { name: r.name, level: levelName(t, r.commonLevel) }),
        hint: { text: r.status === 'unverified' && !r.edited ? `${r.meaning} ${t('evaluation.ladders.status.unverified')}.` : r.meaning },
      })),
      values: model.values ?? { rung: level.achieved?.rungRef ?? '' },
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/evaluation/level', needs('evaluation.view'), (request, reply) => renderLevel(request, reply));

  app.post('/a/:area/activities/:activityId/evaluation/level', needs('evaluation.rate'), async (request, reply) => {
    const area = request.area!;
    const id = activityId(request);
    // A practitioner of another organisation is refused before the form is read (the service checks again).
    const activity = await getActivity(db, area.id, id);
    if (!can(request.actor, 'evaluation.rate', { areaId: area.id, organisationId: activity.organisationId })) throw new ForbiddenError('evaluation.rate');
    const form = parseForm(rateLevelForm, request.body, request.t, LEVEL_FIELD_IDS);
    if (!form.ok) return renderLevel(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    try {
      await ladders.rateActivityLevel(db, request.actor!, area.id, id, { rungRef: form.data.rung, justification: form.data.justification });
    } catch (error) {
      // A rung that is not on the area's ladder (the ladder changed meanwhile, or a forged value).
      const rung = error instanceof ladders.RungNotOnLadderError;
      if (!rung && !(error instanceof ladders.LevelNotRateableError)) throw error;
      const text = request.t(rung ? 'evaluation.ladders.validation.rung.missing' : 'evaluation.ladders.validation.rung.draft');
      return renderLevel(request, reply, { errors: { rung: text }, errorSummary: [{ text, href: '#rung' }], values: (request.body ?? {}) as Record<string, unknown> }, 422);
    }
    return reply.flash(request.t('evaluation.ladders.level.saved')).redirect(`/a/${area.slug}/activities/${id}/evaluation/level`, 303);
  });

  // ── The area's view ───────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/manage/evaluation/levels', needs('evaluation.view'), async (request, reply) => {
    const area = request.area!;
    const t = request.t;
    const levels = await ladders.activityLevelsForArea(db, area.id);
    const rows = levels.rows.map((r) => ({
      ...r,
      href: `/a/${area.slug}/activities/${r.activityId}/evaluation/level`,
      plannedText: levelName(t, r.planned),
      achievedText: levelName(t, r.achieved),
      participantsText: levelName(t, r.participants),
      disagreementText: r.disagreement ? disagreementText(t, r.disagreement, r.audience) : '',
    }));
    return reply.page('evaluation/views/ladders/levels.njk', {
      title: t('evaluation.ladders.area.title'),
      backLink: `/a/${area.slug}/manage/evaluation`,
      rows,
      disagreements: rows.filter((r) => r.disagreement),
      counts: levels.counts.map((c) => ({ ...c, name: levelName(t, c.level) })),
      totals: levels.totals,
      chart: levelChart(levels.counts.map((c) => ({ ...c, name: levelName(t, c.level) })), {
        planned: t('evaluation.ladders.area.series.planned'),
        achieved: t('evaluation.ladders.area.series.achieved'),
        participants: t('evaluation.ladders.area.series.participants'),
      }),
    });
  });
}
