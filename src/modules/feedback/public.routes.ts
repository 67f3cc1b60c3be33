/**
 * "You said, we did" for everyone, no account needed: the area's page and each activity's (standard
 * and easy read), an Atom feed and a JSON file, and the yearly publication under the SEND
 * Regulations 2014, regulation 56. Everything shown was frozen when a lead published it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { pageHref, pagination } from '../../lib/pagination.ts';
import * as activities from '../activities/activities.service.ts';
import { atomFeed, jsonFeed, jsonText, type FeedContext } from './feeds.ts';
import * as publicService from './public.service.ts';
import { easyLines } from './public.service.ts';
import type { PublicEntry, PublicFilter } from './public.service.ts';

const publicRoute = { config: { access: 'public' as const } };
/** Pages made only from what leads published (frozen then): ETag and 304 for anonymous visitors (plugins/views.ts). */
const frozenRoute = { config: { access: 'public' as const, frozen: true } };

/** The filter as query parameters, in the order the form has them. */
const filterQuery = (filter: PublicFilter) => ({ service: filter.service, year: filter.year });

/** What the easy-read pages add to an entry: its words one idea a line. */
function easyEntry(e: PublicEntry) {
  return {
    ...e,
    youSaidLines: easyLines(e.easyReadSummary || e.summary || e.title),
    weDidLines: easyLines(e.whatChangedEasyRead || e.whatChanged),
    reasonLines: e.status === 'cannot' ? easyLines(e.reason) : [],
  };
}

export default async function publicRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const readAloudJs = app.assetUrl('read-aloud.js');
  const areaBase = (request: FastifyRequest) => `/a/${request.area!.slug}`;

  /** The activity a page is about, if the public may see it exists (drafts are not public). */
  const publicActivity = async (request: FastifyRequest) => {
    const id = (request.params as Record<string, unknown>).activityId;
    const activity = isId(id) ? await activities.findActivity(db, request.area!.id, id) : undefined;
    if (!activity || activity.status === 'draft') throw new NotFoundError('activity');
    return activity;
  };

  const listPage = async (request: FastifyRequest, options: { easy: boolean; activity?: activities.Activity }) => {
    const area = request.area!;
    const query = publicService.readQuery(request.query);
    const filter: PublicFilter = { service: query.service, year: query.year };
    const result = await publicService.listYouSaidWeDid(db, area.id, { ...filter, page: query.page, activityId: options.activity?.id });
    const t = request.t;
    const standardPath = options.activity ? `${areaBase(request)}/activities/${options.activity.id}/you-said-we-did` : `${areaBase(request)}/you-said-we-did`;
    const path = options.easy ? `${standardPath}/easy-read` : standardPath;
    const filtered = Boolean(filter.service || filter.year);
    const title = options.activity
      ? t(options.easy ? 'feedback.public.activityTitleEasy' : 'feedback.public.activityTitle', { activity: options.activity.title })
      : t(options.easy ? 'feedback.public.titleEasy' : 'feedback.public.title');
    return {
      title,
      easy: options.easy,
      activity: options.activity ? { id: options.activity.id, title: options.activity.title } : null,
      entries: options.easy ? result.entries.map(easyEntry) : result.entries,
      total: result.total,
      from: result.first,
      to: result.last,
      filter,
      filtered,
      services: [...new Set([...result.services, ...(filter.service ? [filter.service] : [])])],
      years: result.years,
      action: path,
      clearLink: path,
      otherVersion: pageHref(options.easy ? standardPath : `${standardPath}/easy-read`, filterQuery(filter)),
      pagination: pagination(result, { path, query: filterQuery(filter) }, t, 'feedback.public'),
      feedLink: pageHref(`${areaBase(request)}/you-said-we-did/feed.atom`, filterQuery(filter)),
      jsonLink: pageHref(`${areaBase(request)}/you-said-we-did.json`, filterQuery(filter)),
      annualLink: `${areaBase(request)}/you-said-we-did/annual`,
      myViewsLink: `${areaBase(request)}/my-views`,
      areaPageLink: options.activity ? `${areaBase(request)}/you-said-we-did` : null,
    };
  };

  /**
   * What these pages are made of: the area (its name, brand and logo, and public_version, which a
   * trigger moves on every publishing change) and the activity for an activity's page. A page
   * rendered for the same version is sent again without being built (reply.frozenPage).
   */
  const version = (request: FastifyRequest, activity?: activities.Activity) =>
    JSON.stringify([request.area, activity ? [activity.id, activity.title, activity.status] : null]);
  /**
   * Only addresses with the page's own parameters are kept: anything else in the query (which the
   * language links repeat) is rendered for that request alone, so made-up addresses cannot fill
   * the memory or push real pages out.
   */
  const OWN_PARAMETERS = new Set(['service', 'year', 'page', 'lang']);
  const keepable = (request: FastifyRequest) => {
    const query = request.url.split('?')[1];
    return !query || [...new URLSearchParams(query).keys()].every((key) => OWN_PARAMETERS.has(key));
  };
  const frozen = async (request: FastifyRequest, reply: FastifyReply, template: string, build: () => Promise<Record<string, unknown>>, activity?: activities.Activity) =>
    keepable(request) ? reply.frozenPage(version(request, activity), async () => ({ template, model: await build() })) : reply.page(template, await build());

  app.get('/a/:area/you-said-we-did', frozenRoute, async (request, reply) => {
    return frozen(request, reply, 'feedback/views/public/list.njk', () => listPage(request, { easy: false }));
  });

  app.get('/a/:area/you-said-we-did/easy-read', frozenRoute, async (request, reply) => {
    return frozen(request, reply, 'feedback/views/public/easy-read.njk', () => listPage(request, { easy: true }));
  });

  app.get('/a/:area/activities/:activityId/you-said-we-did', frozenRoute, async (request, reply) => {
    const activity = await publicActivity(request);
    return frozen(request, reply, 'feedback/views/public/list.njk', () => listPage(request, { easy: false, activity }), activity);
  });

  app.get('/a/:area/activities/:activityId/you-said-we-did/easy-read', frozenRoute, async (request, reply) => {
    const activity = await publicActivity(request);
    return frozen(request, reply, 'feedback/views/public/easy-read.njk', () => listPage(request, { easy: true, activity }), activity);
  });

  // ── Feeds ───────────────────────────────────────────────────────────────────────────────────

  const feedContext = (request: FastifyRequest): FeedContext => {
    const { service, year } = publicService.readQuery(request.query);
    return { areaSlug: request.area!.slug, areaName: request.area!.name, baseUrl: app.config.baseUrl, filter: { service, year }, lang: request.lang, t: request.t };
  };

  app.get('/a/:area/you-said-we-did/feed.atom', publicRoute, async (request, reply) => {
    const ctx = feedContext(request);
    const entries = await publicService.listForFeed(db, request.area!.id, ctx.filter, publicService.FEED_LIMIT);
    return reply.type('application/atom+xml; charset=utf-8').header('Cache-Control', 'no-cache').send(atomFeed(ctx, entries));
  });

  app.get('/a/:area/you-said-we-did.json', publicRoute, async (request, reply) => {
    const ctx = feedContext(request);
    const entries = await publicService.listForFeed(db, request.area!.id, ctx.filter);
    return reply.type('application/json; charset=utf-8').header('Cache-Control', 'no-cache').send(jsonText(jsonFeed(ctx, entries)));
  });

  // ── The yearly publication (SEND Regulations 2014, regulation 56) ──────────────────────────

  app.get('/a/:area/you-said-we-did/annual', publicRoute, async (request, reply) => {
    const years = await publicService.publishedYears(db, request.area!.id);
    return reply.page('feedback/views/public/annual-index.njk', {
      title: request.t('feedback.public.annual.indexTitle'),
      years: years.map((year) => ({ year, href: `${areaBase(request)}/you-said-we-did/annual/${year}` })),
      backLink: `${areaBase(request)}/you-said-we-did`,
    });
  });

  app.get('/a/:area/you-said-we-did/annual/:year', publicRoute, async (request, reply) => {
    const raw = (request.params as Record<string, string>).year ?? '';
    const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
    if (!(year >= 2000 && year <= 2100)) throw new NotFoundError('year');
    const annual = await publicService.annualPublication(db, request.area!.id, year);
    return reply.page('feedback/views/public/annual.njk', {
      title: request.t('feedback.public.annual.title', { year }),
      annual,
      otherYears: annual.years.filter((y) => y !== year).map((y) => ({ year: y, href: `${areaBase(request)}/you-said-we-did/annual/${y}` })),
      readAloudJs,
      backLink: `${areaBase(request)}/you-said-we-did/annual`,
    });
  });
}
