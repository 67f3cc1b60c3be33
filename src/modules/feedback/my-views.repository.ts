/**
 * SQL for "What changed because of you": a signed-in person's own contributions, and the ones
 * they gave with their child (the survey's supporter mode, where the response is the child's and
 * the supporter's account is kept beside it). Redacted text only, hidden ones left out, submitted
 * responses only, as for a receipt code (public.repository.ts listOwnContributions).
 */
import type { AreaTx } from '../../db/database.ts';
import type { OwnContribution } from './public.repository.ts';

export type SignedInContribution = OwnContribution & { withChild: boolean };

/** One query however many there are; each with its theme's published response, if any. */
export async function listSignedInContributions(tx: AreaTx, areaId: string, accountId: string): Promise<SignedInContribution[]> {
  const rows = await tx
    .selectFrom('contribution as c')
    .innerJoin('response as r', (join) => join.onRef('r.id', '=', 'c.response_id').onRef('r.area_id', '=', 'c.area_id'))
    .innerJoin('activity as a', (join) => join.onRef('a.id', '=', 'c.activity_id').onRef('a.area_id', '=', 'c.area_id'))
    .leftJoin('question as q', 'q.id', 'c.question_id')
    .leftJoin('theme_contribution as tc', 'tc.contribution_id', 'c.id')
    // Only a published response joins: a theme still being answered shows "not answered yet".
    .leftJoin('theme_response as tr', (join) => join.onRef('tr.theme_id', '=', 'tc.theme_id').on('tr.published_at', 'is not', null))
    .select([
      'c.id',
      'c.activity_id',
      'a.title as activity_title',
      'a.children_mode',
      'q.text as question_text',
      'q.easy_read as question_easy_read',
      'c.source',
      'c.redacted_text',
      'c.created_at',
      'r.mode',
      'r.supporter_account_id',
      'tr.id as published_id',
      'tr.published_content',
      'tr.first_published_at',
      'tr.published_at',
    ])
    .where('c.area_id', '=', areaId)
    .where('c.hidden_at', 'is', null)
    .where('r.status', '=', 'submitted')
    .where((eb) => eb.or([eb('c.account_id', '=', accountId), eb.and([eb('r.mode', '=', 'supported'), eb('r.supporter_account_id', '=', accountId)])]))
    .orderBy('r.submitted_at', 'desc')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    activityId: r.activity_id,
    activityTitle: r.activity_title,
    questionText: r.question_text ?? null,
    questionEasyRead: r.question_easy_read || null,
    childrenMode: r.children_mode,
    source: r.source,
    redactedText: r.redacted_text,
    createdAt: r.created_at,
    withChild: r.mode === 'supported' && r.supporter_account_id === accountId,
    published: r.published_id && r.published_at && r.first_published_at ? { id: r.published_id, content: r.published_content, firstPublishedAt: r.first_published_at, publishedAt: r.published_at } : null,
  }));
}
