/**
 * Contributions read by an older redaction engine are read again by the new one (issue 10 §4): the
 * handle that once reached a public page comes out of the contribution and of the published copy,
 * the contribution waits for a lead's review again, a detail a lead deliberately put back stays put
 * back, and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { insertResponse } from '../../testing/responses.ts';
import { addContributionsForResponse, rescanRedactions } from './contributions.service.ts';
import { REDACTION_VERSION } from './redaction.ts';

let t: TestDb;
let areas: TwoAreas;
before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
});
after(() => t.drop());

const HANDLE_TEXT = 'follow me on insta @jess_okafor_2012 for pictures of the club';

/** A contribution as the old engine left it: nothing found, nothing redacted, version 1. */
async function oldContribution(text: string): Promise<string> {
  const areaId = areas.riverside.id;
  return withArea(t.db, areaId, async (tx) => {
    const response = await insertResponse(tx, areaId, { activityId: areas.riverside.activityId, answers: [] });
    await addContributionsForResponse(tx, areaId, [{ activityId: areas.riverside.activityId, questionId: areas.riverside.questionId, responseId: response.id, accountId: null, supporterRelationship: null, receiptCode: response.receiptCode!, source: 'free_text', text }]);
    const { id } = await tx.selectFrom('contribution').select('id').where('response_id', '=', response.id).executeTakeFirstOrThrow();
    await tx.deleteFrom('redaction').where('contribution_id', '=', id).execute();
    await tx.updateTable('contribution').set({ redacted_text: text, needs_review: false, redaction_version: 1 }).where('id', '=', id).execute();
    return id;
  });
}

test('an old contribution with a handle: redacted, back to review, and out of the published copy at once', async () => {
  const areaId = areas.riverside.id;
  const id = await oldContribution(HANDLE_TEXT);
  // Quoted on a published page, as the incident was.
  await withArea(t.db, areaId, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title: 'Pictures' }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: theme.id, contribution_id: id, is_quote: true }).execute();
    const content = { theme: { title: 'Pictures', summary: '', easyReadSummary: '', symbol: null, symbolAlt: '', citation: '', contributionCount: 1, quotes: [HANDLE_TEXT] }, response: { status: 'done', reason: '', whatChanged: 'Photos go on the board.', whatChangedEasyRead: '', decidedBy: 'Board', decidedOn: null, dueOn: null, doneOn: null, evidenceLinks: [] }, activities: [] };
    await tx.insertInto('theme_response').values({ area_id: areaId, theme_id: theme.id, status: 'done', stage: 'published', evidence_links: [], published_at: new Date(), first_published_at: new Date(), published_version: 1, published_content: JSON.stringify(content) }).execute();
  });

  assert.ok((await rescanRedactions(t.db)) >= 1);
  const after = await t.owner.selectFrom('contribution').select(['redacted_text', 'needs_review', 'redaction_version']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.doesNotMatch(after.redacted_text, /jess_okafor_2012/);
  assert.equal(after.needs_review, true, 'a lead reviews it again before it can be quoted');
  assert.equal(after.redaction_version, REDACTION_VERSION);
  const published = await t.owner.selectFrom('theme_response').select('published_content').where('published_content', 'is not', null).execute();
  assert.ok(published.every((p) => !JSON.stringify(p.published_content).includes('jess_okafor_2012')), 'the handle left the published page');
  const quote = await t.owner.selectFrom('theme_contribution').select('is_quote').where('contribution_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(quote.is_quote, false);
  assert.equal(await rescanRedactions(t.db), 0, 'a second run changes nothing');
});

test('a detail a lead deliberately put back is not taken out again', async () => {
  const id = await oldContribution('my gamertag is SkyKid_2014 if anyone wants to play');
  // The new engine would find it: a lead already decided it stays (an undone redaction covers it).
  const start = 'my gamertag is '.length;
  await t.owner.insertInto('redaction').values({ area_id: areas.riverside.id, contribution_id: id, start_offset: start, end_offset: start + 'SkyKid_2014'.length, kind: 'other', method: 'lead', undone_at: new Date() }).execute();
  await rescanRedactions(t.db);
  const after = await t.owner.selectFrom('contribution').select(['redacted_text', 'redaction_version']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.match(after.redacted_text, /SkyKid_2014/);
  assert.equal(after.redaction_version, REDACTION_VERSION);
});
