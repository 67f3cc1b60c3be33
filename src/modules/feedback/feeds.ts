/**
 * "You said, we did" as data: an Atom 1.0 feed (RFC 4287) for feed readers and a JSON file for
 * anyone who wants to reuse the area's answers (a council's own website, a parent carer forum's
 * newsletter, researchers). Pure functions of public entries: both honour the same filters as the
 * page, and a suppressed count stays suppressed here too.
 *
 * JSON shape, version 1 (GET /a/<area>/you-said-we-did.json[?service=…&year=…]):
 *
 *   {
 *     "version": 1,                        // bumped only when a field changes meaning or goes away
 *     "area": { "slug": string, "name": string },
 *     "page": string,                       // the public page these answers are on
 *     "filters": { "service": string | null, "year": number | null },
 *     "generatedAt": string,                // ISO 8601
 *     "responses": [{
 *       "id": string,                       // stable for the life of the response
 *       "url": string,
 *       "firstPublishedAt": string, "publishedAt": string,   // ISO 8601; publishedAt moves on republication
 *       "services": string[],
 *       "activities": [{ "id": string, "title": string, "url": string }],
 *       "youSaid": {
 *         "title": string, "summary": string, "easyReadSummary": string,
 *         "symbol": string | null,          // OpenMoji code point; image at /symbols/<symbol>.svg
 *         "symbolAlt": string, "citation": string,
 *         "quotes": string[],               // redacted words chosen by the area
 *         "contributionCount": number | null,
 *         "suppressed": boolean             // true when the count is 1 to 7: contributionCount is then null
 *       },
 *       "weDid": {
 *         "status": "done" | "doing" | "will_do" | "cannot" | "deciding",
 *         "statusLabel": string,            // in the language asked for (?lang=cy)
 *         "whatChanged": string, "whatChangedEasyRead": string,
 *         "reason": string,                 // why not; always set when status is "cannot"
 *         "decidedBy": string,              // a board or a role, never a person's name
 *         "decidedOn": string | null, "dueOn": string | null, "doneOn": string | null,   // YYYY-MM-DD
 *         "evidenceLinks": string[]
 *       }
 *     }]
 *   }
 */
import type { PublicEntry, PublicFilter } from './public.service.ts';

export const JSON_VERSION = 1;

export type FeedContext = {
  areaSlug: string;
  areaName: string;
  /** Absolute, without a trailing slash (config.baseUrl). */
  baseUrl: string;
  filter: PublicFilter;
  lang: string;
  t: (key: string, params?: Record<string, unknown>) => string;
};

function query(filter: PublicFilter): string {
  const params = new URLSearchParams();
  if (filter.service) params.set('service', filter.service);
  if (filter.year) params.set('year', String(filter.year));
  const q = params.toString();
  return q ? `?${q}` : '';
}

export function pageUrl(ctx: FeedContext): string {
  return `${ctx.baseUrl}/a/${encodeURIComponent(ctx.areaSlug)}/you-said-we-did${query(ctx.filter)}`;
}

const entryUrl = (ctx: FeedContext, id: string) => `${ctx.baseUrl}/a/${encodeURIComponent(ctx.areaSlug)}/you-said-we-did${query(ctx.filter)}#response-${id}`;
const activityUrl = (ctx: FeedContext, id: string) => `${ctx.baseUrl}/a/${encodeURIComponent(ctx.areaSlug)}/activities/${id}/you-said-we-did`;

export function jsonFeed(ctx: FeedContext, entries: PublicEntry[], now: Date = new Date()) {
  return {
    version: JSON_VERSION,
    area: { slug: ctx.areaSlug, name: ctx.areaName },
    page: pageUrl(ctx),
    filters: { service: ctx.filter.service, year: ctx.filter.year },
    generatedAt: now.toISOString(),
    responses: entries.map((e) => ({
      id: e.id,
      url: entryUrl(ctx, e.id),
      firstPublishedAt: e.firstPublishedAt.toISOString(),
      publishedAt: e.publishedAt.toISOString(),
      services: e.services,
      activities: e.activities.map((a) => ({ id: a.id, title: a.title, url: activityUrl(ctx, a.id) })),
      youSaid: {
        title: e.title,
        summary: e.summary,
        easyReadSummary: e.easyReadSummary,
        symbol: e.symbol,
        symbolAlt: e.symbolAlt,
        citation: e.citation,
        quotes: e.quotes,
        contributionCount: e.count,
        suppressed: e.suppressed,
      },
      weDid: {
        status: e.status,
        statusLabel: ctx.t(`feedback.status.${e.status}.label`),
        whatChanged: e.whatChanged,
        whatChangedEasyRead: e.whatChangedEasyRead,
        reason: e.reason,
        decidedBy: e.decidedBy,
        decidedOn: e.decidedOn,
        dueOn: e.dueOn,
        doneOn: e.doneOn,
        evidenceLinks: e.evidenceLinks.map((l) => l.text),
      },
    })),
  };
}

/** JSON for a <script>-free response: escaping <, > and & keeps it inert even if a browser sniffs it as HTML. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

// Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/FFFF):
// escaping cannot save them, so they are dropped.
// eslint-disable-next-line no-control-regex -- matching the characters XML forbids is the point
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xml(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function entryText(ctx: FeedContext, e: PublicEntry): string {
  const lines = [`${ctx.t('feedback.public.youSaid')}: ${e.summary || e.title}`, '', `${ctx.t('feedback.public.weDid')}: ${ctx.t(`feedback.status.${e.status}.label`)}.`];
  if (e.whatChanged) lines.push(e.whatChanged);
  if (e.status === 'cannot' && e.reason) lines.push('', `${ctx.t('feedback.public.why')}: ${e.reason}`);
  if (e.decidedBy) lines.push('', `${ctx.t('feedback.public.decidedBy')}: ${e.decidedBy}`);
  lines.push('', `${ctx.t('feedback.public.countHeading')}: ${e.count === null ? ctx.t('feedback.public.fewerThan') : String(e.count)}`);
  return lines.join('\n');
}

/** An Atom 1.0 document; every text is escaped, every link absolute. */
export function atomFeed(ctx: FeedContext, entries: PublicEntry[], now: Date = new Date()): string {
  const self = `${ctx.baseUrl}/a/${encodeURIComponent(ctx.areaSlug)}/you-said-we-did/feed.atom${query(ctx.filter)}`;
  const updated = entries.reduce<Date | null>((latest, e) => (!latest || e.publishedAt > latest ? e.publishedAt : latest), null) ?? now;
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(ctx.lang)}">`,
    `  <title type="text">${xml(ctx.t('feedback.public.feedTitle', { area: ctx.areaName }))}</title>`,
    `  <subtitle type="text">${xml(ctx.t('feedback.public.feedSubtitle'))}</subtitle>`,
    `  <id>${xml(self)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(pageUrl(ctx))}"/>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${xml(ctx.areaName)}</name></author>`,
  ];
  for (const e of entries) {
    out.push(
      '  <entry>',
      `    <title type="text">${xml(e.title)}</title>`,
      `    <id>urn:uuid:${xml(e.id)}</id>`,
      `    <link rel="alternate" type="text/html" href="${xml(entryUrl(ctx, e.id))}"/>`,
      `    <published>${e.firstPublishedAt.toISOString()}</published>`,
      `    <updated>${e.publishedAt.toISOString()}</updated>`,
      ...e.services.map((s) => `    <category term="${xml(s)}"/>`),
      `    <summary type="text">${xml(`${ctx.t(`feedback.status.${e.status}.label`)}. ${e.whatChanged}`.trim())}</summary>`,
      `    <content type="text">${xml(entryText(ctx, e))}</content>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
