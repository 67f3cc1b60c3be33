/**
 * Recognition (issue 17 §2), part: budgets, reward rules, rewards (vouchers and payments) proposed
 * after an activity, approved in bulk (never below zero), issued exactly once and received; the
 * young person's own vouchers with their codes. Plain forms that post and redirect: everything works
 * without JavaScript and by keyboard.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withArea } from '../../db/db.ts';
import { can } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { pounds } from '../../lib/money.ts';
import { actingFor } from '../accounts/index.ts';
import { ACTIVITY_TYPES } from '../activities/activities.service.ts';
import { listOrganisations } from '../areas/areas.service.ts';
import { sendQueuedNow } from '../notifications/queued-messages.service.ts';
import { budgetForm, codeByEmailForm, issueForm, ruleForm, ticksForm } from './rewards.forms.ts';
import * as rewards from './rewards.service.ts';

const K = 'recognition.rewards.';
const view = { config: { access: { action: 'recognition.view' as const } } };
const approve = { config: { access: { action: 'recognition.approve' as const } } };
const manage = { config: { access: { action: 'recognition.manage' as const } } };
const signedIn = { config: { access: { action: 'account.view' as const } } };

type Param = 'activityId' | 'budgetId' | 'ruleId' | 'rewardId' | 'youngPersonId';
function param(request: FastifyRequest, name: Param): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!isId(value)) throw new NotFoundError(name);
  return value;
}

/** The agreed addresses (issue 17). */
export function rewardUrls(slug: string) {
  const r = `/a/${slug}/recognition`;
  return {
    overview: r,
    budgets: `${r}/budgets`,
    newBudget: `${r}/budgets/new`,
    budget: (id: string) => `${r}/budgets/${id}`,
    rules: `${r}/rules`,
    newRule: `${r}/rules/new`,
    rule: (id: string) => `${r}/rules/${id}`,
    reward: (id: string) => `${r}/rewards/${id}`,
    activity: (id: string) => `/a/${slug}/activities/${id}`,
    activityRewards: (id: string) => `/a/${slug}/activities/${id}/rewards`,
    young: (id: string) => `/a/${slug}/young/${id}`,
    youngRewards: (id: string) => `/a/${slug}/young/${id}/rewards`,
  };
}

const STATUS_TAG: Record<rewards.RewardStatus, string> = {
  proposed: 'govuk-tag--grey',
  approved: 'govuk-tag--blue',
  issued: 'govuk-tag--green',
  received: 'govuk-tag--green',
  declined: 'govuk-tag--red',
};

function when(request: FastifyRequest, at: Date): string {
  return new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(at);
}

export default async function rewardsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const u = (request: FastifyRequest) => rewardUrls(request.area!.slug);
  const areaId = (request: FastifyRequest) => request.area!.id;
  const actorId = (request: FastifyRequest) => request.actor!.accountId;

  const what = (request: FastifyRequest, r: { kind: rewards.RewardKind; voucherType: string }) => r.voucherType || request.t(`${K}kinds.${r.kind}`);
  const rewardView = (request: FastifyRequest, r: rewards.Reward) => ({
    ...r,
    value: pounds(r.valuePence),
    what: what(request, r),
    statusText: request.t(`${K}status.${r.status}`),
    statusClass: STATUS_TAG[r.status],
    href: u(request).reward(r.id),
  });
  const budgetView = (b: rewards.Budget) => ({ ...b, amount: pounds(b.amountPence), committed: pounds(b.committedPence), left: pounds(b.leftPence) });

  // ── Budgets ───────────────────────────────────────────────────────────────────────────────────

  app.get('/a/:area/recognition/budgets', view, async (request, reply) => {
    const budgets = await rewards.listBudgets(db, areaId(request));
    return reply.page('recognition/views/rewards/budgets.njk', {
      title: request.t(`${K}budgets.title`),
      budgets: budgets.map((b) => ({ ...budgetView(b), href: u(request).budget(b.id), forText: b.activityTitle ?? b.organisationName ?? request.t(`${K}budgets.wholeArea`) })),
      canChange: can(request.actor, 'recognition.approve', { areaId: areaId(request) }),
      urls: u(request),
    });
  });

  const scopeChoices = async (request: FastifyRequest, selected: string) => {
    const orgs = await listOrganisations(db, areaId(request));
    const activities = await withArea(db, areaId(request), (tx) =>
      tx.selectFrom('activity').select(['id', 'title']).where('area_id', '=', areaId(request)).where('status', '<>', 'draft').orderBy('starts_at', 'desc').orderBy('created_at', 'desc').limit(200).execute(),
    );
    return [
      { value: '', text: request.t(`${K}budgets.wholeArea`), selected: selected === '' },
      ...orgs.map((o) => ({ value: `org:${o.id}`, text: request.t(`${K}budgets.forOrganisation`, { name: o.name }), selected: selected === `org:${o.id}` })),
      ...activities.map((a) => ({ value: `act:${a.id}`, text: request.t(`${K}budgets.forActivity`, { title: a.title }), selected: selected === `act:${a.id}` })),
    ];
  };

  const renderBudgetForm = async (request: FastifyRequest, reply: FastifyReply, budget: rewards.Budget | null, values: Record<string, unknown>, extra: Record<string, unknown> = {}, status = 200) => {
    const list = budget ? await rewards.rewardsOfBudget(db, areaId(request), budget.id) : [];
    const canChange = can(request.actor, 'recognition.approve', { areaId: areaId(request) });
    return reply.page('recognition/views/rewards/budget.njk', {
      title: budget ? budget.name : request.t(`${K}budgets.newTitle`),
      budget: budget ? budgetView(budget) : null,
      rewards: list.map((r) => rewardView(request, r)),
      canChange,
      scopes: canChange ? await scopeChoices(request, String(values.scope ?? '')) : [],
      values,
      errors: {},
      action: budget ? u(request).budget(budget.id) : u(request).newBudget,
      backLink: u(request).budgets,
      ...extra,
    }, status);
  };

  const budgetValues = (b: rewards.Budget) => ({
    name: b.name,
    scope: b.activityId ? `act:${b.activityId}` : b.organisationId ? `org:${b.organisationId}` : '',
    amount: pounds(b.amountPence).replace(/^£/, ''),
    version: String(b.version),
  });

  app.get('/a/:area/recognition/budgets/new', approve, (request, reply) => renderBudgetForm(request, reply, null, { scope: '' }));

  app.post('/a/:area/recognition/budgets/new', approve, async (request, reply) => {
    const form = parseForm(budgetForm, request.body, request.t);
    if (!form.ok) return renderBudgetForm(request, reply, null, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await rewards.createBudget(db, areaId(request), actorId(request), { name: form.data.name, ...form.data.scope, amountPence: form.data.amount });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return renderBudgetForm(request, reply, null, request.body as Record<string, unknown>, errorState([{ field: 'scope', text: request.t(`${K}errors.scopeInvalid`) }]), 422);
    }
    return reply.flash(request.t(`${K}budgets.created`, { name: form.data.name })).redirect(u(request).budgets, 303);
  });

  app.get('/a/:area/recognition/budgets/:budgetId', view, async (request, reply) => {
    const budget = await rewards.findBudget(db, areaId(request), param(request, 'budgetId'));
    return renderBudgetForm(request, reply, budget, budgetValues(budget));
  });

  app.post('/a/:area/recognition/budgets/:budgetId', approve, async (request, reply) => {
    const budget = await rewards.findBudget(db, areaId(request), param(request, 'budgetId'));
    const form = parseForm(budgetForm, request.body, request.t);
    if (!form.ok) return renderBudgetForm(request, reply, budget, { ...form.values, version: form.values.version ?? String(budget.version) }, { errors: form.errors, errorSummary: form.summary }, 422);
    const typed = request.body as Record<string, unknown>;
    try {
      await rewards.saveBudget(db, areaId(request), actorId(request), budget.id, form.data.version, { name: form.data.name, ...form.data.scope, amountPence: form.data.amount });
    } catch (error) {
      if (error instanceof rewards.BelowCommittedError) {
        const state = errorState([{ field: 'amount', text: request.t(`${K}errors.belowCommitted`, { committed: pounds(error.committedPence) }) }]);
        return renderBudgetForm(request, reply, budget, { ...typed, version: String(budget.version) }, state, 422);
      }
      if (error instanceof ConflictError) {
        const state = errorState([{ field: 'name', text: request.t(`${K}errors.stale`) }]);
        return renderBudgetForm(request, reply, budget, { ...typed, version: String(budget.version) }, state, 409);
      }
      if (error instanceof NotFoundError) return renderBudgetForm(request, reply, budget, typed, errorState([{ field: 'scope', text: request.t(`${K}errors.scopeInvalid`) }]), 422);
      throw error;
    }
    return reply.flash(request.t(`${K}budgets.saved`)).redirect(u(request).budgets, 303);
  });

  // ── Rules ─────────────────────────────────────────────────────────────────────────────────────

  const ruleText = (request: FastifyRequest, r: rewards.Rule) =>
    request.t(`${K}rules.sentence.${r.earnedBy}`, { value: pounds(r.valuePence), what: what(request, r) });

  app.get('/a/:area/recognition/rules', approve, async (request, reply) => {
    const rules = await rewards.listRules(db, areaId(request));
    return reply.page('recognition/views/rewards/rules.njk', {
      title: request.t(`${K}rules.title`),
      rules: rules.map((r) => ({
        ...r,
        sentence: ruleText(request, r),
        typeText: r.activityType ? request.t(`activities.options.types.${r.activityType}`) : request.t(`${K}rules.everyType`),
        href: u(request).rule(r.id),
      })),
      urls: u(request),
    });
  });

  const renderRuleForm = async (request: FastifyRequest, reply: FastifyReply, rule: rewards.Rule | null, values: Record<string, unknown>, extra: Record<string, unknown> = {}, status = 200) => {
    const budgets = await rewards.listBudgets(db, areaId(request));
    return reply.page('recognition/views/rewards/rule.njk', {
      title: rule ? ruleText(request, rule) : request.t(`${K}rules.newTitle`),
      rule,
      budgets: [{ value: '', text: request.t(`${K}rules.chooseBudget`) }, ...budgets.map((b) => ({ value: b.id, text: request.t(`${K}rules.budgetOption`, { name: b.name, left: pounds(b.leftPence) }), selected: values.budgetId === b.id }))],
      types: [{ value: '', text: request.t(`${K}rules.everyType`) }, ...ACTIVITY_TYPES.map((t) => ({ value: t, text: request.t(`activities.options.types.${t}`), selected: values.activityType === t }))],
      noBudgets: budgets.length === 0,
      values,
      errors: {},
      action: rule ? u(request).rule(rule.id) : u(request).newRule,
      urls: u(request),
      backLink: u(request).rules,
      ...extra,
    }, status);
  };

  app.get('/a/:area/recognition/rules/new', approve, (request, reply) => renderRuleForm(request, reply, null, { earnedBy: 'attended', kind: 'voucher', active: true }));

  app.post('/a/:area/recognition/rules/new', approve, async (request, reply) => {
    const form = parseForm(ruleForm, { ...(request.body as object), active: 'on' }, request.t, { earnedBy: 'earnedBy', kind: 'kind' });
    if (!form.ok) return renderRuleForm(request, reply, null, { ...form.values, active: true }, { errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await rewards.createRule(db, areaId(request), actorId(request), { ...form.data, valuePence: form.data.value, active: true });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return renderRuleForm(request, reply, null, { ...(request.body as Record<string, unknown>), active: true }, errorState([{ field: 'budgetId', text: request.t(`${K}errors.budgetMissing`) }]), 422);
    }
    return reply.flash(request.t(`${K}rules.created`)).redirect(u(request).rules, 303);
  });

  app.get('/a/:area/recognition/rules/:ruleId', approve, async (request, reply) => {
    const rule = await rewards.findRule(db, areaId(request), param(request, 'ruleId'));
    return renderRuleForm(request, reply, rule, { ...rule, value: pounds(rule.valuePence).replace(/^£/, ''), activityType: rule.activityType ?? '' });
  });

  app.post('/a/:area/recognition/rules/:ruleId', approve, async (request, reply) => {
    const rule = await rewards.findRule(db, areaId(request), param(request, 'ruleId'));
    const form = parseForm(ruleForm, request.body, request.t, { earnedBy: 'earnedBy', kind: 'kind' });
    const typed = request.body as Record<string, unknown>;
    const typedValues = { ...typed, active: typed.active === 'on' };
    if (!form.ok) return renderRuleForm(request, reply, rule, typedValues, { errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await rewards.saveRule(db, areaId(request), actorId(request), rule.id, { ...form.data, valuePence: form.data.value });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return renderRuleForm(request, reply, rule, typedValues, errorState([{ field: 'budgetId', text: request.t(`${K}errors.budgetMissing`) }]), 422);
    }
    return reply.flash(request.t(form.data.active ? `${K}rules.saved` : `${K}rules.turnedOff`)).redirect(u(request).rules, 303);
  });

  // ── An activity's rewards ─────────────────────────────────────────────────────────────────────

  const renderActivity = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const activity = await rewards.authorisedActivity(db, request.actor, areaId(request), param(request, 'activityId'));
    const { rewards: list, budgets, activeRules } = await rewards.activityRewards(db, areaId(request), activity.id);
    const canApprove = can(request.actor, 'recognition.approve', { areaId: areaId(request), organisationId: activity.organisationId });
    const ticked = new Set((extra.ticked as string[] | undefined) ?? []);
    return reply.page('recognition/views/rewards/activity.njk', {
      title: request.t(`${K}activity.title`),
      activity,
      rewards: list.map((r) => ({ ...rewardView(request, r), ticked: ticked.has(r.id) })),
      budgets: budgets.map(budgetView),
      activeRules,
      canApprove,
      canRules: canApprove,
      proposedCount: list.filter((r) => r.status === 'proposed').length,
      actions: { propose: `${u(request).activityRewards(activity.id)}/propose`, decide: u(request).activityRewards(activity.id) },
      urls: u(request),
      errors: {},
      backLink: u(request).activity(activity.id),
      ...extra,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/rewards', manage, (request, reply) => renderActivity(request, reply));

  app.post('/a/:area/activities/:activityId/rewards/propose', manage, async (request, reply) => {
    const activity = await rewards.authorisedActivity(db, request.actor, areaId(request), param(request, 'activityId'));
    const made = await rewards.proposeRewards(db, areaId(request), actorId(request), activity.id);
    return reply.flash(request.t(made.length > 0 ? `${K}activity.proposed` : `${K}activity.proposedNone`, { count: made.length })).redirect(u(request).activityRewards(activity.id), 303);
  });

  app.post('/a/:area/activities/:activityId/rewards', approve, async (request, reply) => {
    const activity = await rewards.authorisedActivity(db, request.actor, areaId(request), param(request, 'activityId'), 'recognition.approve');
    const form = parseForm(ticksForm, request.body, request.t, { reward: 'rewards-table' });
    if (!form.ok) return renderActivity(request, reply, { errors: form.errors, errorSummary: form.summary }, 422);
    const target = u(request).activityRewards(activity.id);
    if (form.data.decision === 'decline') {
      const declined = await rewards.declineRewards(db, areaId(request), actorId(request), form.data.reward, activity.id);
      return reply.flash(request.t(`${K}activity.declined`, { count: declined.length })).redirect(target, 303);
    }
    const result = await rewards.approveRewards(db, areaId(request), actorId(request), form.data.reward, activity.id);
    const lines = [
      request.t(`${K}activity.approved`, { count: result.approved.length }),
      ...result.didNotFit.map((d) => request.t(`${K}activity.didNotFit`, { value: pounds(d.valuePence), name: d.displayName, left: pounds(Math.max(0, d.leftPence)), budget: d.budgetName })),
      ...(result.notProposed.length > 0 ? [request.t(`${K}activity.notProposed`, { count: result.notProposed.length })] : []),
    ];
    return reply.flash(lines.join(' ')).redirect(target, 303);
  });

  // ── One reward: issue, received, decline ──────────────────────────────────────────────────────

  const renderReward = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const reward = await rewards.findReward(db, areaId(request), param(request, 'rewardId'));
    const shown = rewardView(request, reward);
    const row = (key: string, text: string) => ({ key: { text: request.t(key) }, value: { text } });
    const by = (at: Date, name: string | null) => request.t(`${K}reward.by`, { date: when(request, at), name: name ?? request.t(`${K}reward.nobody`) });
    const summaryRows = [
      row(`${K}table.person`, reward.displayName),
      row(`${K}table.what`, shown.what),
      row(`${K}table.value`, shown.value),
      row(`${K}table.budget`, reward.budgetName),
      row(`${K}table.status`, shown.statusText),
      row(`${K}reward.proposedOn`, when(request, reward.proposedAt)),
      ...(reward.approvedAt ? [row(`${K}reward.approvedOn`, by(reward.approvedAt, reward.approvedByName))] : []),
      ...(reward.issuedAt ? [row(`${K}reward.issuedOn`, by(reward.issuedAt, reward.issuedByName))] : []),
      ...(reward.receivedAt ? [row(`${K}reward.receivedOn`, when(request, reward.receivedAt))] : []),
      ...(reward.issuedAt ? [row(`${K}reward.code`, request.t(reward.hasCode ? `${K}reward.codeRecorded` : `${K}reward.noCode`))] : []),
    ];
    return reply.page('recognition/views/rewards/reward.njk', {
      title: request.t(`${K}reward.title`, { what: what(request, reward), name: reward.displayName }),
      reward: shown,
      summaryRows,
      base: u(request).reward(reward.id),
      values: {},
      errors: {},
      backLink: u(request).activityRewards(reward.activityId),
      ...extra,
    }, status);
  };

  app.get('/a/:area/recognition/rewards/:rewardId', approve, (request, reply) => renderReward(request, reply));

  app.post('/a/:area/recognition/rewards/:rewardId/issue', approve, async (request, reply) => {
    const reward = await rewards.findReward(db, areaId(request), param(request, 'rewardId'));
    const form = parseForm(issueForm, request.body, request.t);
    if (!form.ok) return renderReward(request, reply, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    const words: rewards.IssueWords = {
      subject: request.t(`${K}email.subject`),
      body: (w) => [request.t(`${K}email.thanks`, { activity: w.activity }), request.t(`${K}email.ready`, { what: w.what, value: w.value }), w.code ? request.t(`${K}email.code`, { code: w.code }) : request.t(`${K}email.noCode`), request.t(`${K}email.see`, { url: w.url }), '', w.area].join('\n'),
    };
    const outcome = await rewards.issueReward(db, areaId(request), actorId(request), reward.id, { voucherCode: form.data.voucherCode, baseUrl: app.config.baseUrl }, words);
    if (outcome === 'issued') await sendQueuedNow(db, app.notifierFor, request.area!, (error) => request.log.error({ err: error }, 'reward email not sent yet; the minute job will try again'));
    return reply.flash(request.t(outcome === 'issued' ? `${K}reward.issued` : `${K}reward.alreadyIssued`)).redirect(u(request).reward(reward.id), 303);
  });

  app.post('/a/:area/recognition/rewards/:rewardId/received', approve, async (request, reply) => {
    const rewardId = param(request, 'rewardId');
    const outcome = await rewards.markReceived(db, areaId(request), actorId(request), rewardId);
    return reply.flash(request.t(outcome === 'received' ? `${K}reward.received` : `${K}reward.alreadyReceived`)).redirect(u(request).reward(rewardId), 303);
  });

  app.post('/a/:area/recognition/rewards/:rewardId/decline', approve, async (request, reply) => {
    const reward = await rewards.findReward(db, areaId(request), param(request, 'rewardId'));
    const declined = await rewards.declineRewards(db, areaId(request), actorId(request), [reward.id]);
    return reply.flash(request.t(declined.length > 0 ? `${K}reward.declined` : `${K}reward.cannotDecline`)).redirect(u(request).reward(reward.id), 303);
  });

  // ── The young person's own vouchers ───────────────────────────────────────────────────────────

  /**
   * Codes: the young person always sees their own. A parent carer sees them only for a child under
   * 13 (who may not have their own sign-in, and whose parent carer uses the voucher with them); for
   * a young person of 13 or over the code stays on their own page.
   */
  app.get('/a/:area/young/:youngPersonId/rewards', signedIn, async (request, reply) => {
    const acting = await withArea(db, areaId(request), (tx) => actingFor(tx, areaId(request), request.actor, param(request, 'youngPersonId')));
    if (!acting) throw new NotFoundError('young person');
    const { young } = acting;
    const showCodes = acting.as === 'self' || !young.thirteenOrOver;
    const list = await rewards.myRewards(db, areaId(request), young.accountId);
    const email = await db.selectFrom('account').select('email').where('id', '=', young.accountId).executeTakeFirst();
    return reply.page('recognition/views/rewards/mine.njk', {
      title: acting.as === 'self' ? request.t(`${K}mine.title`) : request.t(`${K}mine.titleOf`, { name: young.displayName }),
      young,
      as: acting.as,
      hasEmail: Boolean(email?.email),
      rewards: list.map((r) => ({
        id: r.id,
        what: what(request, r),
        value: pounds(r.valuePence),
        activityTitle: r.activityTitle,
        status: r.status,
        statusText: request.t(`${K}mine.status.${r.status}`),
        symbol: r.status === 'issued' || r.status === 'received' ? '1F381' : '23F3',
        code: showCodes ? r.voucherCode : null,
        codeHidden: !showCodes && r.voucherCode !== null,
        codeByEmail: r.codeByEmail,
        canChooseEmail: r.status === 'proposed' || r.status === 'approved',
        emailAction: `${u(request).youngRewards(young.id)}/${r.id}/email`,
      })),
      backLink: u(request).young(young.id),
    });
  });

  app.post('/a/:area/young/:youngPersonId/rewards/:rewardId/email', signedIn, async (request, reply) => {
    const acting = await withArea(db, areaId(request), (tx) => actingFor(tx, areaId(request), request.actor, param(request, 'youngPersonId')));
    if (!acting) throw new NotFoundError('young person');
    const form = parseForm(codeByEmailForm, request.body, request.t);
    const consent = form.ok ? form.data.consent : false;
    const changed = await rewards.setCodeByEmail(db, areaId(request), actorId(request), acting.young.accountId, param(request, 'rewardId'), consent);
    const message = !changed ? `${K}mine.emailTooLate` : consent ? `${K}mine.emailYes` : `${K}mine.emailNo`;
    return reply.flash(request.t(message)).redirect(u(request).youngRewards(acting.young.id), 303);
  });
}
