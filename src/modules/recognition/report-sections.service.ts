/**
 * The recognition module's section of a report (issue 17 §2): thanks sent, hours given, vouchers and
 * spend, by activity and by organisation; data-first, a fixed number of queries (six), counts 1–7
 * hidden, never a name.
 *
 * - recognition.thanks: within the report's period (London dates, both included) thanks sent (by
 *   `sent_at`), time given (by `given_on`) and vouchers or payments given (issued or received, by
 *   `issued_at`, from the rewards part's `rewardFigures`), for the activities in the report's scope.
 *   Thanks and vouchers are counts of people: 1–7 is shown as "fewer than 8", and the spend of a row
 *   whose vouchers are hidden is hidden too (a value per voucher would give the count away). Hours are
 *   not a count of people and are shown as they are.
 */
import { sql, type RawBuilder } from 'kysely';
import { withArea } from '../../db/db.ts';
import { pounds } from '../../lib/money.ts';
import { isSmall, type Suppression } from '../../lib/suppression.ts';
import { londonToUtc } from '../activities/activities.service.ts';
import { countCell, emptySection, formatNumber, type Cell, type ReportScope, type ReportSectionDefinition, type SectionContent, type SectionContext } from '../reports/index.ts';
import { rewardFigures } from './rewards.service.ts';

const K = 'recognition.thanks.report.';
const small = (count: number): Suppression => (isSmall(count) ? 'small' : 'none');

function scopeCondition(scope: ReportScope): RawBuilder<unknown> {
  if (scope.kind === 'organisation') return sql`AND a.organisation_id = ${scope.organisationId}::uuid`;
  if (scope.kind === 'service') return sql`AND ${scope.service} = ANY(a.services)`;
  return sql``;
}

export type RecognitionRow = { id: string | null; label: string; thanks: number; minutes: number; vouchers: number; spendPence: number };
export type RecognitionFigures = { thanks: number; minutes: number; vouchers: number; spendPence: number; byActivity: RecognitionRow[]; byOrganisation: RecognitionRow[] };

/** The figures, in six queries whatever the number of activities, people or rewards. */
export async function recognitionFigures(ctx: Pick<SectionContext, 'db' | 'areaId' | 'scope' | 'from' | 'to'>): Promise<RecognitionFigures> {
  return withArea(ctx.db, ctx.areaId, async (tx) => {
    const scope = scopeCondition(ctx.scope);
    const [thanks, time, orgs] = await Promise.all([
      sql<{ id: string; title: string; organisation_id: string | null; count: number }>`
        SELECT a.id, a.title, a.organisation_id, count(*)::int AS count FROM thanks t
          JOIN activity a ON a.area_id = t.area_id AND a.id = t.activity_id
         WHERE t.area_id = ${ctx.areaId} AND (t.sent_at AT TIME ZONE 'Europe/London')::date BETWEEN ${ctx.from}::date AND ${ctx.to}::date ${scope}
         GROUP BY a.id, a.title, a.organisation_id`.execute(tx),
      sql<{ id: string; title: string; organisation_id: string | null; minutes: number }>`
        SELECT a.id, a.title, a.organisation_id, sum(g.minutes)::int AS minutes FROM time_given g
          JOIN activity a ON a.area_id = g.area_id AND a.id = g.activity_id
         WHERE g.area_id = ${ctx.areaId} AND g.given_on BETWEEN ${ctx.from}::date AND ${ctx.to}::date ${scope}
         GROUP BY a.id, a.title, a.organisation_id`.execute(tx),
      tx.selectFrom('organisation').select(['id', 'name']).where('area_id', '=', ctx.areaId).execute(),
    ]);
    const inScope =
      ctx.scope.kind === 'area'
        ? undefined
        : (await sql<{ id: string }>`SELECT a.id FROM activity a WHERE a.area_id = ${ctx.areaId} ${scope}`.execute(tx)).rows.map((r) => r.id);
    const from = londonToUtc(ctx.from, '00:00');
    const to = new Date(londonToUtc(ctx.to, '00:00').getTime() + 86_400_000);
    const rewards = await rewardFigures(tx, ctx.areaId, { from, to, ...(inScope ? { activityIds: inScope } : {}) });
    const activityRows = new Map<string, RecognitionRow & { organisationId: string | null }>();
    const row = (id: string, title: string, organisationId: string | null) => {
      const r = activityRows.get(id) ?? { id, label: title, organisationId, thanks: 0, minutes: 0, vouchers: 0, spendPence: 0 };
      activityRows.set(id, r);
      return r;
    };
    for (const r of thanks.rows) row(r.id, r.title, r.organisation_id).thanks += r.count;
    for (const r of time.rows) row(r.id, r.title, r.organisation_id).minutes += r.minutes;
    // Rewards name their activity by id: titles and organisations come from one more query when needed.
    const missing = rewards.byActivity.filter((r) => r.id && !activityRows.has(r.id)).map((r) => r.id!);
    const more = missing.length ? await tx.selectFrom('activity').select(['id', 'title', 'organisation_id']).where('area_id', '=', ctx.areaId).where('id', 'in', missing).execute() : [];
    for (const a of more) row(a.id, a.title, a.organisation_id);
    for (const r of rewards.byActivity) {
      const a = r.id ? activityRows.get(r.id) : undefined;
      if (!a) continue;
      a.vouchers += r.count;
      a.spendPence += r.spendPence;
    }
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const byOrg = new Map<string | null, RecognitionRow>();
    for (const a of activityRows.values()) {
      const o = byOrg.get(a.organisationId) ?? { id: a.organisationId, label: a.organisationId ? (orgName.get(a.organisationId) ?? '') : '', thanks: 0, minutes: 0, vouchers: 0, spendPence: 0 };
      o.thanks += a.thanks;
      o.minutes += a.minutes;
      o.vouchers += a.vouchers;
      o.spendPence += a.spendPence;
      byOrg.set(a.organisationId, o);
    }
    const byActivity = [...activityRows.values()].map(({ organisationId: _o, ...r }) => r).sort((a, b) => a.label.localeCompare(b.label));
    const total = (k: 'thanks' | 'minutes' | 'vouchers' | 'spendPence') => byActivity.reduce((s, r) => s + r[k], 0);
    return { thanks: total('thanks'), minutes: total('minutes'), vouchers: total('vouchers'), spendPence: total('spendPence'), byActivity, byOrganisation: [...byOrg.values()].sort((a, b) => a.label.localeCompare(b.label)) };
  });
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

async function buildRecognition(ctx: SectionContext): Promise<SectionContent> {
  const { t, lang } = ctx;
  const f = await recognitionFigures(ctx);
  if (f.byActivity.length === 0) return emptySection(t(`${K}empty`), { text: t(`${K}easyEmpty`), symbol: '1F64F' });
  const words = (count: number) => formatNumber(count, small(count), t, lang);
  const spendCell = (vouchers: number, spendPence: number): Cell => (isSmall(vouchers) ? countCell(vouchers, 'small') : pounds(spendPence));
  const columns = [{ label: t(`${K}columns.thanks`), numeric: true }, { label: t(`${K}columns.hours`), numeric: true }, { label: t(`${K}columns.vouchers`), numeric: true }, { label: t(`${K}columns.spend`), numeric: true }];
  const cells = (r: RecognitionRow): Cell[] => [countCell(r.thanks, small(r.thanks)), countCell(hours(r.minutes)), countCell(r.vouchers, small(r.vouchers)), spendCell(r.vouchers, r.spendPence)];
  const hidden = [...f.byActivity, ...f.byOrganisation].some((r) => isSmall(r.thanks) || isSmall(r.vouchers)) || isSmall(f.thanks) || isSmall(f.vouchers);
  return {
    paragraphs: [
      t(`${K}summary`, { thanks: words(f.thanks), hours: formatNumber(hours(f.minutes), 'none', t, lang) }),
      t(`${K}rewards`, { vouchers: words(f.vouchers), spend: isSmall(f.vouchers) ? t('reports.format.fewer') : pounds(f.spendPence) }),
    ],
    figures: [
      { label: t(`${K}figures.thanks`), ...countCell(f.thanks, small(f.thanks)) },
      { label: t(`${K}figures.hours`), ...countCell(hours(f.minutes)) },
      { label: t(`${K}figures.vouchers`), ...countCell(f.vouchers, small(f.vouchers)) },
    ],
    tables: [
      { id: 'by_activity', caption: t(`${K}byActivity`), columns: [{ label: t(`${K}columns.activity`) }, ...columns], rows: f.byActivity.map((r) => [r.label, ...cells(r)]) },
      { id: 'by_organisation', caption: t(`${K}byOrganisation`), columns: [{ label: t(`${K}columns.organisation`) }, ...columns], rows: f.byOrganisation.map((r) => [r.label || t(`${K}partnership`), ...cells(r)]) },
    ],
    charts: [],
    quotes: [],
    notes: [t(`${K}notePeriod`), ...(hidden ? [t(`${K}noteHidden`)] : [])],
    easyRead: [
      { text: t(`${K}easyThanks`, { thanks: words(f.thanks) }), symbol: '1F64F' },
      { text: t(`${K}easyHours`, { hours: formatNumber(hours(f.minutes), 'none', t, lang) }), symbol: '23F1' },
    ],
    empty: false,
  };
}

export const recognitionReportSections: readonly ReportSectionDefinition[] = [
  {
    key: 'recognition.thanks',
    order: 260,
    kinds: ['board', 'local_account', 'annual_publication'],
    question: 'impact_on_participants',
    title: (t) => t(`${K}title`),
    easyReadTitle: (t) => t(`${K}easyTitle`),
    build: buildRecognition,
  },
];
