/**
 * Panels (issue 16), part: setup. An activity's panels and a new one (an interview panel or a grant
 * round), the panel's page for staff (what it is, the weights in words, members with their checklist
 * at a glance, candidates, the other parts' pages), and its details. Plain forms that post and
 * redirect: everything works without JavaScript and by keyboard.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { londonParts } from '../activities/activities.service.ts';
import { candidateName, checklistGaps, type Panel, type PanelMember } from './core.ts';
import { editPanelForm, newPanelForm } from './setup.forms.ts';
import { pounds } from '../../lib/money.ts';
import * as setup from './setup.service.ts';

const K = 'panels.setup.';
const manage = { config: { access: { action: 'panel.manage' as const } } };
const view = { config: { access: { action: 'panel.view' as const } } };

export function param(request: FastifyRequest, name: 'activityId' | 'panelId' | 'memberId' | 'candidateId'): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!isId(value)) throw new NotFoundError(name);
  return value;
}

/** The agreed addresses of a panel's pages (issue 16): some are other parts' and may not exist yet. */
export function panelUrls(areaSlug: string, panelId: string) {
  const panel = `/a/${areaSlug}/panels/${panelId}`;
  return {
    panel,
    edit: `${panel}/edit`,
    members: `${panel}/members`,
    newMember: `${panel}/members/new`,
    member: (id: string) => `${panel}/members/${id}`,
    candidates: `${panel}/candidates`,
    newCandidate: `${panel}/candidates/new`,
    candidate: (id: string) => `${panel}/candidates/${id}`,
    time: `${panel}/time`,
    questions: `${panel}/questions`,
    criteria: `${panel}/criteria`,
    score: `${panel}/score`,
    moderation: `${panel}/moderation`,
    decision: `${panel}/decision`,
    round: `${panel}/round`,
    me: `${panel}/me`,
    whatHappened: `${panel}/what-happened`,
    inspections: `${panel}/inspections`,
  };
}

/** "Friday 5 December 2026, 2:15pm" in London, in the reader's language. */
export function when(request: FastifyRequest, at: Date, style: 'date' | 'full' = 'full'): string {
  return new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', style === 'date' ? { dateStyle: 'long', timeZone: 'Europe/London' } : { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' }).format(at);
}

/** The weights in words, as the moderation part computes them: young people's side, and adults'. */
export function weightsText(request: FastifyRequest, panel: Pick<Panel, 'youthWeight'>): string {
  return request.t(`${K}weights`, { youth: panel.youthWeight, adults: 100 - panel.youthWeight });
}

/** What a member still has to do, in words ("Ready" when nothing). */
export function checklistText(request: FastifyRequest, member: PanelMember): { ready: boolean; text: string } {
  const gaps = checklistGaps(member);
  if (gaps.length === 0) return { ready: true, text: request.t(`${K}checklist.ready`) };
  return { ready: false, text: request.t(`${K}checklist.todo`, { items: gaps.map((g) => request.t(`${K}checklist.gaps.${g}`)).join(', ') }) };
}

export default async function setupRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  // ── An activity's panels, and a new one ─────────────────────────────────────────────────────

  const renderList = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const activity = await setup.authorisedActivity(db, request.actor, request.area!.id, param(request, 'activityId'), 'panel.view');
    const canManage = can(request.actor, 'panel.manage', { areaId: request.area!.id, organisationId: activity.organisationId });
    const panels = await setup.panelsOf(db, request.area!.id, activity.id);
    return reply.page('panels/views/setup/list.njk', {
      title: request.t(`${K}list.title`),
      activity,
      panels: panels.map((p) => ({
        title: p.title,
        kind: request.t(`${K}kinds.${p.kind}`),
        status: request.t(`${K}status.${p.status}`),
        href: panelUrls(request.area!.slug, p.id).panel,
      })),
      canManage,
      action: `/a/${request.area!.slug}/activities/${activity.id}/panels`,
      values: { kind: 'interview' },
      errors: {},
      backLink: `/a/${request.area!.slug}/activities/${activity.id}`,
      ...extra,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/panels', view, (request, reply) => renderList(request, reply));

  app.post('/a/:area/activities/:activityId/panels', manage, async (request, reply) => {
    const activity = await setup.authorisedActivity(db, request.actor, request.area!.id, param(request, 'activityId'), 'panel.manage');
    const form = parseForm(newPanelForm, request.body, request.t, { kind: 'kind' });
    if (!form.ok) return renderList(request, reply, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    const panel = await setup.createPanel(db, request.area!.id, request.actor!.accountId, { activityId: activity.id, ...form.data });
    return reply.flash(request.t(`${K}list.created`)).redirect(panelUrls(request.area!.slug, panel.id).panel, 303);
  });

  // ── The panel's page for staff ──────────────────────────────────────────────────────────────

  app.get('/a/:area/panels/:panelId', view, async (request, reply) => {
    const { panel, activity } = await setup.authorisedPanel(db, request.actor, request.area!.id, param(request, 'panelId'), 'panel.view');
    const canManage = can(request.actor, 'panel.manage', { areaId: request.area!.id, organisationId: activity.organisationId });
    const { members, candidates } = await setup.panelOverview(db, request.area!.id, panel.id);
    const u = panelUrls(request.area!.slug, panel.id);
    return reply.page('panels/views/setup/panel.njk', {
      title: panel.title,
      panel: {
        ...panel,
        kindText: request.t(`${K}kinds.${panel.kind}`),
        statusText: request.t(`${K}status.${panel.status}`),
      },
      weights: weightsText(request, panel),
      summaryRows: [
        { key: { text: request.t(`${K}panel.purpose`) }, value: { text: panel.purpose || request.t(`${K}panel.notSaid`) } },
        { key: { text: request.t(`${K}panel.scale`) }, value: { text: request.t(`${K}scales.${panel.scale}`) } },
        ...(panel.kind === 'grant'
          ? [
              { key: { text: request.t(`${K}panel.pot`) }, value: { text: pounds(panel.potPence ?? 0) } },
              { key: { text: request.t(`${K}panel.closes`) }, value: { text: panel.closesAt ? when(request, panel.closesAt) : request.t(`${K}panel.notSaid`) } },
            ]
          : []),
      ],
      activity,
      members: members.map((m) => ({ name: m.displayName, kind: request.t(`${K}memberKinds.${m.kind}`), checklist: checklistText(request, m), href: u.member(m.id) })),
      candidates: candidates.map((c) => ({ name: candidateName(null, c), label: c.label, withdrawn: Boolean(c.withdrawnAt), href: u.candidate(c.id) })),
      canManage,
      urls: u,
      signInUrl: `/a/${request.area!.slug}/panels/sign-in`,
      backLink: `/a/${request.area!.slug}/activities/${activity.id}/panels`,
    });
  });

  // ── The panel's details ─────────────────────────────────────────────────────────────────────

  const renderEdit = (request: FastifyRequest, reply: FastifyReply, panel: Panel, values: Record<string, unknown>, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('panels/views/setup/edit.njk', { title: request.t(`${K}edit.title`), panel, values, errors: {}, action: panelUrls(request.area!.slug, panel.id).edit, backLink: panelUrls(request.area!.slug, panel.id).panel, ...extra }, status);

  const valuesOf = (panel: Panel): Record<string, unknown> => {
    const closes = panel.closesAt ? londonParts(panel.closesAt) : undefined;
    return {
      title: panel.title,
      purpose: panel.purpose,
      youthWeight: String(panel.youthWeight),
      scale: panel.scale,
      pot: panel.potPence === null ? '' : pounds(panel.potPence),
      closesDay: closes ? String(closes.day) : '',
      closesMonth: closes ? String(closes.month) : '',
      closesYear: closes ? String(closes.year) : '',
      closesTime: closes ? closes.time : '',
      version: String(panel.version),
    };
  };

  app.get('/a/:area/panels/:panelId/edit', manage, async (request, reply) => {
    const { panel } = await setup.authorisedPanel(db, request.actor, request.area!.id, param(request, 'panelId'), 'panel.manage');
    return renderEdit(request, reply, panel, valuesOf(panel));
  });

  app.post('/a/:area/panels/:panelId/edit', manage, async (request, reply) => {
    const { panel } = await setup.authorisedPanel(db, request.actor, request.area!.id, param(request, 'panelId'), 'panel.manage');
    const form = parseForm(editPanelForm(panel.kind === 'grant'), request.body, request.t, { scale: 'scale' });
    if (!form.ok) return renderEdit(request, reply, panel, { ...form.values, version: form.values.version ?? String(panel.version) }, { errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await setup.savePanel(db, request.area!.id, request.actor!.accountId, panel.id, form.data.version, form.data);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone saved first: keep what was typed, on top of their version.
      const stale = errorState([{ field: 'title', text: request.t(`${K}errors.stale`) }]);
      return renderEdit(request, reply, panel, { ...(request.body as Record<string, unknown>), version: String(panel.version) }, stale, 409);
    }
    return reply.flash(request.t(`${K}edit.saved`)).redirect(panelUrls(request.area!.slug, panel.id).panel, 303);
  });
}
