/**
 * The public "young inspectors' rating" (issue 16 §2): providers whose latest reported visit meets
 * their programme's standard (core.ts `meetsStandard`), with the rating, the date and the
 * programme. Nothing personal: no inspector, no notes, only the summaries written for the report
 * (through the area's redaction, as every published text) and the mean rating per agreed criterion. A provider whose latest visit is below the standard is
 * not listed and its page is not found, even if an older visit met it.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { liveRedactor } from '../contributions/contributions.service.ts';
import { meetsStandard } from './core.ts';
import * as repo from './reports.repository.ts';

export type PublicRating = { providerId: string; providerName: string; venue: string; overall: number; reportedAt: Date; programmeTitle: string };
export type PublicProvider = PublicRating & { summary: string; easyReadSummary: string; criteria: Array<{ title: string; symbol: string | null; mean: number | null }> };

const toRating = (r: repo.LatestRated): PublicRating => ({ providerId: r.providerId, providerName: r.providerName, venue: r.venue, overall: r.overall, reportedAt: r.reportedAt, programmeTitle: r.programmeTitle });

/** Providers meeting the standard, best rated first (one query). */
export async function publicRatings(db: Db, areaId: string): Promise<PublicRating[]> {
  const latest = await withArea(db, areaId, (tx) => repo.latestReportedVisits(tx, areaId));
  return latest
    .filter((r) => meetsStandard({ standardAtOrAbove: r.standardAtOrAbove }, r.overall))
    .map(toRating)
    .sort((a, b) => b.overall - a.overall || a.providerName.localeCompare(b.providerName));
}

export async function publicProvider(db: Db, areaId: string, providerId: string): Promise<PublicProvider> {
  if (!isId(providerId)) throw new NotFoundError('provider');
  return withArea(db, areaId, async (tx) => {
    const [latest] = await repo.latestReportedVisits(tx, areaId, providerId);
    if (!latest || !meetsStandard({ standardAtOrAbove: latest.standardAtOrAbove }, latest.overall)) throw new NotFoundError('provider');
    const criteria = await repo.criterionMeans(tx, areaId, latest.visitId, latest.programmeId);
    // Staff wrote the summaries for publication; the area's redaction lists still apply on a public page.
    const redact = await liveRedactor(tx, areaId);
    return { ...toRating(latest), summary: redact(latest.summary).text, easyReadSummary: redact(latest.easyReadSummary).text, criteria: criteria.map((c) => ({ title: c.title, symbol: c.symbol, mean: c.mean })) };
  });
}
