/**
 * "You said, we did" for everyone: the published themes and responses of an area (or of one
 * activity), filtered by service and year, for the public pages, the feeds and the annual
 * publication under the SEND Regulations 2014, regulation 56.
 *
 * Everything here comes from the copy frozen at publication (published.ts), read defensively: a
 * malformed snapshot is left out rather than shown half-broken, and a count of 1 to 7 never leaves
 * this file (shown as "fewer than 8", QUALITY.md).
 */
import type { Db, ResponseStatus } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { isId } from '../../lib/ids.ts';
import { pageNumber, pageOf, type Page } from '../../lib/pagination.ts';
import { isSmall } from '../../lib/suppression.ts';
import { readPublishedContent, type ThemeWords } from './published.ts';
import * as repo from './public.repository.ts';
import { statusInfo, STATUS_KEYS } from './response-statuses.ts';

export type { PublishedContent } from './published.ts';

export const PER_PAGE = 20;

/** At most this many entries in the Atom feed (feed readers want the latest, not the archive). */
export const FEED_LIMIT = 50;

const SYMBOL = /^[0-9A-F]{2,6}(-[0-9A-F]{2,6})*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One published theme and its response, as every public page shows it. */
export type PublicEntry = { id: string } & ThemeWords & {
  quotes: string[];
  /** The number of contributions, or null when it is 1 to 7 (suppressed). */
  count: number | null;
  suppressed: boolean;
  status: ResponseStatus;
  statusSymbol: string;
  reason: string;
  whatChanged: string;
  whatChangedEasyRead: string;
  decidedBy: string;
  decidedOn: string | null;
  dueOn: string | null;
  doneOn: string | null;
  /** href is null when the link is not a web address (it is then shown as text, never as a link). */
  evidenceLinks: Array<{ text: string; href: string | null }>;
  activities: Array<{ id: string; title: string }>;
  services: string[];
  firstPublishedAt: Date;
  publishedAt: Date;
};

/** Easy read: one idea per line (each sentence on its own line). */
export function easyLines(value: string): string[] {
  return value
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=\S)/))
    .map((line) => line.trim())
    .filter(Boolean);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const day = (value: unknown): string | null => (typeof value === 'string' && DAY.test(value) ? value : null);

/** Only http(s) addresses become links: a "javascript:" link written into a response stays text. */
export function safeHref(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A published snapshot as a public entry, or null when it is malformed. */
export function toEntry(row: { id: string; content: unknown; services: string[]; firstPublishedAt: Date; publishedAt: Date }): PublicEntry | null {
  const content = readPublishedContent(row.content);
  if (!content) return null;
  const { theme, response } = content;
  if (!(STATUS_KEYS as readonly string[]).includes(response.status)) return null;
  const rawCount = Number(theme.contributionCount);
  const count = Number.isInteger(rawCount) && rawCount >= 0 ? rawCount : 0;
  const symbol = typeof theme.symbol === 'string' && SYMBOL.test(theme.symbol) ? theme.symbol : null;
  return {
    id: row.id,
    title: text(theme.title),
    summary: text(theme.summary),
    easyReadSummary: text(theme.easyReadSummary),
    symbol,
    symbolAlt: symbol ? text(theme.symbolAlt) : '',
    citation: text(theme.citation),
    quotes: Array.isArray(theme.quotes) ? theme.quotes.map(text).filter(Boolean) : [],
    count: isSmall(count) ? null : count,
    suppressed: isSmall(count),
    status: response.status,
    statusSymbol: statusInfo(response.status).symbol,
    reason: text(response.reason),
    whatChanged: text(response.whatChanged),
    whatChangedEasyRead: text(response.whatChangedEasyRead),
    decidedBy: text(response.decidedBy),
    decidedOn: day(response.decidedOn),
    dueOn: day(response.dueOn),
    doneOn: day(response.doneOn),
    evidenceLinks: (Array.isArray(response.evidenceLinks) ? response.evidenceLinks.map(text).filter(Boolean) : []).map((link) => ({ text: link, href: safeHref(link) })),
    activities: content.activities.filter((a) => a && isId(a.id)).map((a) => ({ id: a.id, title: text(a.title) })),
    services: row.services,
    firstPublishedAt: row.firstPublishedAt,
    publishedAt: row.publishedAt,
  };
}

function toEntries(rows: repo.PublishedRow[]): PublicEntry[] {
  return rows.map(toEntry).filter((e): e is PublicEntry => e !== null);
}

/**
 * Every published response of one activity, or with these ids, as the public saw it: one query
 * however many there are (the evaluation module's "what did we do differently", issue 13 §4).
 */
export async function publishedResponsesOf(db: Db, areaId: string, by: { activityId: string } | { ids: readonly string[] }): Promise<PublicEntry[]> {
  if ('activityId' in by && !isId(by.activityId)) return [];
  const ids = 'ids' in by ? by.ids.filter(isId) : undefined;
  if (ids && ids.length === 0) return [];
  const rows = await withArea(db, areaId, (tx) => repo.listPublished(tx, areaId, ids ? { ids } : { activityId: (by as { activityId: string }).activityId }));
  return toEntries(rows);
}

export type PublicFilter = { service: string | null; year: number | null };

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** The filter and page asked for in a query string; anything odd is ignored rather than refused. */
export function readQuery(query: unknown): PublicFilter & { page: number } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const service = first(q.service);
  const year = first(q.year);
  return {
    service: typeof service === 'string' && service.trim() && service.length <= 120 ? service.trim() : null,
    year: typeof year === 'string' && /^\d{4}$/.test(year) ? Number(year) : null,
    page: pageNumber(q),
  };
}

export type PublicPage = Page & {
  entries: PublicEntry[];
  services: string[];
  years: number[];
};

/**
 * One page of published responses (the area's, or one activity's), with the filter's choices.
 * A fixed number of queries, however many responses there are.
 */
export async function listYouSaidWeDid(db: Db, areaId: string, filter: PublicFilter & { page: number; activityId?: string }): Promise<PublicPage> {
  const where: repo.PublishedFilter = { service: filter.service, year: filter.year, activityId: filter.activityId ?? null };
  return withArea(db, areaId, async (tx) => {
    const [total, facets] = [await repo.countPublished(tx, areaId, where), await repo.publishedFacets(tx, areaId)];
    const page = pageOf(filter.page, total, PER_PAGE);
    const rows = await repo.listPublished(tx, areaId, where, { limit: page.limit, offset: page.offset });
    return { ...page, entries: toEntries(rows), services: facets.services, years: facets.years };
  });
}

/** Every published response matching the filter (the JSON file), or the latest (the Atom feed). */
export async function listForFeed(db: Db, areaId: string, filter: PublicFilter, limit?: number): Promise<PublicEntry[]> {
  return withArea(db, areaId, async (tx) => toEntries(await repo.listPublished(tx, areaId, filter, limit ? { limit, offset: 0 } : undefined)));
}

/** The years in which at least one response was first published, newest first. */
export async function publishedYears(db: Db, areaId: string): Promise<number[]> {
  return withArea(db, areaId, async (tx) => (await repo.publishedFacets(tx, areaId)).years);
}

/** A service and the themes about it (links into the one list of entries). */
export type AnnualService = { service: string | null; themes: Array<{ id: string; title: string }> };
export type Annual = { year: number; total: number; entries: PublicEntry[]; services: AnnualService[]; years: number[] };

const byName = (a: string, b: string) => a.localeCompare(b, 'en-GB');

/**
 * The regulation 56 publication of one year: every response first published that year, each once
 * (a theme about two services is one theme, answered once), with the list of its services; and an
 * index by service, where a theme about two services is listed under both and links to its one entry.
 * Entries are ordered by their first service, so the themes about one service sit together.
 */
export async function annualPublication(db: Db, areaId: string, year: number): Promise<Annual> {
  return withArea(db, areaId, async (tx) => {
    const found = toEntries(await repo.listPublished(tx, areaId, { year })).map((e) => ({ ...e, services: [...e.services].sort(byName) }));
    const { years } = await repo.publishedFacets(tx, areaId);
    const firstService = (e: PublicEntry) => e.services[0] ?? null;
    // Stable sort: within one service the entries keep the repository's order.
    const entries = [...found].sort((a, b) => {
      const [sa, sb] = [firstService(a), firstService(b)];
      if (sa === sb) return 0;
      if (sa === null) return 1;
      if (sb === null) return -1;
      return byName(sa, sb);
    });
    const byService = new Map<string, AnnualService['themes']>();
    const other: AnnualService['themes'] = [];
    for (const entry of entries) {
      const theme = { id: entry.id, title: entry.title };
      if (entry.services.length === 0) other.push(theme);
      for (const service of entry.services) byService.set(service, [...(byService.get(service) ?? []), theme]);
    }
    const services: AnnualService[] = [...byService.keys()].sort(byName).map((service) => ({ service, themes: byService.get(service)! }));
    if (other.length) services.push({ service: null, themes: other });
    return { year, total: entries.length, entries, services, years };
  });
}
