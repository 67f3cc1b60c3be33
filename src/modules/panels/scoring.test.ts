/**
 * Independent scoring, moderation, the decision and telling back (issue 16 §1), as members, staff
 * and attackers meet them: nobody sees anyone else's scores for a candidate before sending their own
 * (by route and by page), the combined result worked out by hand, labels never leaking names, the
 * rubric locked once scores are sent, awards never beyond the pot under parallel requests, the
 * decision audited, and query counts that do not grow with the panel.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { newToken, hashToken } from '../../lib/tokens.ts';
import { createPanelIn, MEMBER_COOKIE, memberCodeHash, newMemberCode, parseMemberCode } from './core.ts';
import { combinedResults } from './scoring.results.ts';
import { parsePounds, pounds } from '../../lib/money.ts';
import { addCriterion, recordOutcome, ScoringRefused } from './scoring.service.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
const LEAD = 'only-participation-lead@riverside.example';

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  codes.set(areas.northVale.memberId, areas.northVale.memberCode);
  app = await testApp(t.db);
});
after(async () => {
  await app.close();
  await t.drop();
});

const R = () => areas.riverside;
const ready = { training_done_at: new Date(), consent_at: new Date(), parental_consent_at: new Date(), conflict: 'none', conflict_declared_at: new Date(), rules_agreed_at: new Date() };

/** Each test member's personal code, by member id (the fixtures' own members too). */
const codes = new Map<string, string>();

/** A browser signed in as a member through the members' sign-in page, with their personal code. */
async function memberBrowser(areaId: string, memberId: string): Promise<Client> {
  const slug = areaId === areas.northVale.id ? 'north-vale' : 'riverside';
  const client = new Client(app);
  await client.get(`/a/${slug}/panels/sign-in`);
  const r = await client.post(`/a/${slug}/panels/sign-in`, { code: codes.get(memberId) ?? '' });
  assert.equal(r.statusCode, 303, `signing in as ${memberId}`);
  return client;
}

async function addMember(areaId: string, panelId: string, name: string, kind: 'young_person' | 'staff' | 'parent_carer' = 'young_person', accountId: string | null = null, isReady = true): Promise<string> {
  return withArea(t.db, areaId, async (tx) => {
    const code = newMemberCode();
    const row = await tx
      .insertInto('panel_member')
      .values({ area_id: areaId, panel_id: panelId, member_kind: kind, display_name: name, age_band: '16_18', account_id: accountId, code_hash: accountId ? null : memberCodeHash(parseMemberCode(code)!), ...(isReady ? ready : {}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    codes.set(row.id, code);
    return row.id;
  });
}

/** A fresh interview (or grant) panel in Riverside, scoring, with candidates and criteria. */
async function freshPanel(opts: { kind?: 'interview' | 'grant'; candidates?: number; weights?: number[]; pot?: number } = {}) {
  const areaId = R().id;
  return withArea(t.db, areaId, async (tx) => {
    const panel = await createPanelIn(tx, areaId, null, { activityId: R().activityId, kind: opts.kind ?? 'interview', title: 'Youth worker panel', potPence: opts.pot ?? null });
    await tx.updateTable('panel').set({ status: 'scoring' }).where('id', '=', panel.id).execute();
    const candidates: string[] = [];
    for (let i = 0; i < (opts.candidates ?? 2); i += 1) {
      const c = await tx.insertInto('panel_candidate').values({ area_id: areaId, panel_id: panel.id, label: `Candidate ${String.fromCharCode(65 + i)}`, name: `Secret Person Number${i}`, position: i + 1 }).returning('id').executeTakeFirstOrThrow();
      candidates.push(c.id);
    }
    const criteria: string[] = [];
    for (const [i, w] of (opts.weights ?? [2, 1]).entries()) {
      const c = await tx.insertInto('panel_criterion').values({ area_id: areaId, panel_id: panel.id, title: `Criterion ${i + 1}`, weight: w, position: i + 1 }).returning('id').executeTakeFirstOrThrow();
      criteria.push(c.id);
    }
    return { panelId: panel.id, candidates, criteria };
  });
}

const url = (panelId: string, rest = '') => `/a/riverside/panels/${panelId}${rest}`;

async function sendAs(client: Client, panelId: string, candidateId: string, scores: Record<string, number>, comment = '') {
  await client.get(url(panelId, `/score/${candidateId}`));
  const form: Record<string, string> = { comment, confirm: 'yes' };
  for (const [k, v] of Object.entries(scores)) form[`score-${k}`] = String(v);
  const r = await client.post(url(panelId, `/score/${candidateId}`), form);
  assert.equal(r.statusCode, 303, r.body.slice(0, 500));
}

// ── The maths, by hand ───────────────────────────────────────────────────────────────────────────

test('combined results match a set worked out by hand', () => {
  // Criteria: c1 weight 2, c2 weight 1. Youth weight 60%.
  // Candidate A:
  //   young Y1: c1 4, c2 1 → (2×4 + 1×1) / 3 = 9/3 = 3.0
  //   young Y2: c1 5, c2 5 → (10 + 5) / 3 = 5.0          → young people = (3 + 5) / 2 = 4.0
  //   adult S1: c1 3, c2 3 → 3.0                          → adults = 3.0
  //   combined = (60 × 4 + 40 × 3) / 100 = (240 + 120) / 100 = 3.6
  // Candidate B: only adult S1 sent: c1 2 only (c2 not scored) → 2×2 / 2 = 2.0; combined = the adults' 2.0
  // Candidate C: nobody → null.
  const criteria = [{ id: 'c1', weight: 2 }, { id: 'c2', weight: 1 }];
  const scores = [
    { memberId: 'y1', side: 'youth' as const, candidateId: 'A', criterionId: 'c1', score: 4 },
    { memberId: 'y1', side: 'youth' as const, candidateId: 'A', criterionId: 'c2', score: 1 },
    { memberId: 'y2', side: 'youth' as const, candidateId: 'A', criterionId: 'c1', score: 5 },
    { memberId: 'y2', side: 'youth' as const, candidateId: 'A', criterionId: 'c2', score: 5 },
    { memberId: 's1', side: 'adults' as const, candidateId: 'A', criterionId: 'c1', score: 3 },
    { memberId: 's1', side: 'adults' as const, candidateId: 'A', criterionId: 'c2', score: 3 },
    { memberId: 's1', side: 'adults' as const, candidateId: 'B', criterionId: 'c1', score: 2 },
  ];
  const [a, b, c] = combinedResults({ youthWeight: 60, criteria, candidateIds: ['A', 'B', 'C'], scores });
  assert.equal(a!.members.get('y1'), 3);
  assert.equal(a!.members.get('y2'), 5);
  assert.equal(a!.youth, 4);
  assert.equal(a!.adults, 3);
  assert.ok(Math.abs(a!.combined! - 3.6) < 1e-9);
  assert.equal(a!.onlySide, null);
  assert.equal(b!.combined, 2);
  assert.equal(b!.onlySide, 'adults');
  assert.equal(b!.youth, null);
  assert.equal(c!.combined, null);
});

test('money is shown and read as people write it', () => {
  assert.equal(pounds(125_000), '£1,250');
  assert.equal(pounds(125_050), '£1,250.50');
  assert.equal(parsePounds('£1,250'), 125_000);
  assert.equal(parsePounds('1250'), 125_000);
  assert.equal(parsePounds('1,250.5'), 125_050);
  assert.equal(parsePounds('lots'), undefined);
  assert.equal(parsePounds('-5'), undefined);
});

// ── Scoring by route and by page ─────────────────────────────────────────────────────────────────

test('a member scores by label, saves, confirms and sends; a sent scoresheet cannot change', async () => {
  const p = await freshPanel();
  const young = await addMember(R().id, p.panelId, 'Ava');
  const me = await memberBrowser(R().id, young);

  const list = await me.get(url(p.panelId, '/score'));
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Candidate A/);
  assert.doesNotMatch(list.body, /Secret Person/);
  assert.match(list.body, /Not started/);

  const page = await me.get(url(p.panelId, `/score/${p.candidates[0]}`));
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /Secret Person/);
  assert.match(page.body, /Not yet/);
  assert.match(page.body, /Brilliant/);

  // Save for now, with one score: kept.
  const saved = await me.post(url(p.panelId, `/score/${p.candidates[0]}`), { [`score-${p.criteria[0]}`]: '4', comment: 'Kind', action: 'save' });
  assert.equal(saved.statusCode, 303);
  assert.match((await me.get(url(p.panelId, '/score'))).body, /Saved/);

  // Send with a criterion missing: the error says which, and the chosen score is still chosen.
  await me.get(url(p.panelId, `/score/${p.candidates[0]}`));
  const missing = await me.post(url(p.panelId, `/score/${p.candidates[0]}`), { [`score-${p.criteria[0]}`]: '4', comment: 'Kind', action: 'send' });
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /Choose a score for Criterion 2/);
  assert.match(missing.body, new RegExp(`id="score-${p.criteria[0]}-4"[^>]*checked`));

  // Send: the confirm step says it cannot be changed; nothing is sent until "Yes".
  await me.get(url(p.panelId, `/score/${p.candidates[0]}`));
  const confirm = await me.post(url(p.panelId, `/score/${p.candidates[0]}`), { [`score-${p.criteria[0]}`]: '4', [`score-${p.criteria[1]}`]: '2', comment: 'Kind', action: 'send' });
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /You cannot change them after you send them/);
  const sheet = await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_scoresheet').select('submitted_at').where('member_id', '=', young).executeTakeFirstOrThrow());
  assert.equal(sheet.submitted_at, null);
  const oldCsrf = me.csrf();
  const sent = await me.post(url(p.panelId, `/score/${p.candidates[0]}`), { [`score-${p.criteria[0]}`]: '4', [`score-${p.criteria[1]}`]: '2', comment: 'Kind', confirm: 'yes' });
  assert.equal(sent.statusCode, 303);
  assert.match((await me.get(url(p.panelId, '/score'))).body, /Sent/);

  // A changed score after sending (an old form resent) is refused, and the stored score stays.
  const sentPage = await me.get(url(p.panelId, `/score/${p.candidates[0]}`));
  assert.match(sentPage.body, /You have sent your scores/);
  assert.doesNotMatch(sentPage.body, /Send my scores/);
  const late = await me.post(url(p.panelId, `/score/${p.candidates[0]}`), { [`score-${p.criteria[0]}`]: '1', [`score-${p.criteria[1]}`]: '1', confirm: 'yes' }, { csrf: oldCsrf });
  assert.equal(late.statusCode, 409);
  const stored = await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_score').select('score').where('member_id', '=', young).where('criterion_id', '=', p.criteria[0]!).executeTakeFirstOrThrow());
  assert.equal(stored.score, 4);
});

test('nobody sees anyone else\'s scores for a candidate before sending their own: by route and by page', async () => {
  const p = await freshPanel();
  const ava = await addMember(R().id, p.panelId, 'Ava');
  const ben = await addMember(R().id, p.panelId, 'Ben');
  const a = await memberBrowser(R().id, ava);
  const b = await memberBrowser(R().id, ben);
  await sendAs(a, p.panelId, p.candidates[0]!, { [p.criteria[0]!]: 5, [p.criteria[1]!]: 5 }, 'AvaSecretComment');

  // Ben has not sent: every member page he can reach shows nothing of Ava's.
  for (const path of ['/score', `/score/${p.candidates[0]}`, `/score/${p.candidates[1]}`, '/what-happened']) {
    const r = await b.get(url(p.panelId, path));
    assert.equal(r.statusCode, 200, path);
    assert.doesNotMatch(r.body, /AvaSecretComment/, path);
    assert.doesNotMatch(r.body, /Ava/, path);
    assert.doesNotMatch(r.body, /5\.0/, path);
  }
  // Ben's own page shows his own (empty) choices, not Ava's 5s.
  const page = await b.get(url(p.panelId, `/score/${p.candidates[0]}`));
  assert.doesNotMatch(page.body, /checked/);

  // A young member is not staff: moderation is refused.
  assert.notEqual((await b.get(url(p.panelId, '/moderation'))).statusCode, 200);

  // A lead who is also a member and has not sent for candidate A sees "Send your own scores first".
  const lead = new Client(app);
  await lead.signIn(LEAD);
  await addMember(R().id, p.panelId, 'Lee the lead', 'staff', R().memberIds.participation_lead);
  const hidden = await lead.get(url(p.panelId, '/moderation'));
  assert.equal(hidden.statusCode, 200);
  assert.match(hidden.body, /Send your own scores first/);
  assert.doesNotMatch(hidden.body, /Ava: 5/);
  assert.doesNotMatch(hidden.body, /AvaSecretComment/);
  const decision = await lead.get(url(p.panelId, '/decision'));
  assert.doesNotMatch(decision.body, /AvaSecretComment/);

  // Ben saves (does not send) his scores for A: nobody sees saved scores.
  await b.get(url(p.panelId, `/score/${p.candidates[0]}`));
  assert.equal((await b.post(url(p.panelId, `/score/${p.candidates[0]}`), { [`score-${p.criteria[0]}`]: '1', comment: 'BenSavedComment', action: 'save' })).statusCode, 303);
  // Once the lead sends for A, the sent scores are there, by display name, with the spread.
  await sendAs(lead, p.panelId, p.candidates[0]!, { [p.criteria[0]!]: 2, [p.criteria[1]!]: 4 });
  const shown = await lead.get(url(p.panelId, '/moderation'));
  assert.match(shown.body, /Ava: 5/);
  assert.match(shown.body, /Lee the lead: 2/);
  assert.doesNotMatch(shown.body, /Ben: 1/);
  assert.doesNotMatch(shown.body, /BenSavedComment/);
  assert.doesNotMatch((await lead.get(url(p.panelId, '/decision'))).body, /BenSavedComment/);
  assert.match(shown.body, /Young people 50%, adults 50%/);
  // Criterion 1: 5 and 2, spread 3: a disagreement to discuss.
  assert.match(shown.body, /1 to discuss/);
});

test('moderation: combined result by hand, one side only said so, ranking by combined score', async () => {
  const p = await freshPanel({ weights: [2, 1] });
  await withArea(t.db, R().id, (tx) => tx.updateTable('panel').set({ youth_weight: 60 }).where('id', '=', p.panelId).execute());
  const y1 = await memberBrowser(R().id, await addMember(R().id, p.panelId, 'Yan'));
  const y2 = await memberBrowser(R().id, await addMember(R().id, p.panelId, 'Yas'));
  const s1 = await memberBrowser(R().id, await addMember(R().id, p.panelId, 'Sam', 'parent_carer'));
  // As in the unit test: A youth 3.0 and 5.0 → 4.0; adults 3.0; combined (60×4 + 40×3)/100 = 3.6.
  await sendAs(y1, p.panelId, p.candidates[0]!, { [p.criteria[0]!]: 4, [p.criteria[1]!]: 1 });
  await sendAs(y2, p.panelId, p.candidates[0]!, { [p.criteria[0]!]: 5, [p.criteria[1]!]: 5 });
  await sendAs(s1, p.panelId, p.candidates[0]!, { [p.criteria[0]!]: 3, [p.criteria[1]!]: 3 });
  // B: only the young: (2×5 + 5)/3 = 5.0 for Yan → combined 5.0, said to be the young people's.
  await sendAs(y1, p.panelId, p.candidates[1]!, { [p.criteria[0]!]: 5, [p.criteria[1]!]: 5 });
  const lead = new Client(app);
  await lead.signIn(LEAD);
  const r = await lead.get(url(p.panelId, '/moderation'));
  assert.match(r.body, /Young people 60%, adults 40%/);
  assert.match(r.body, /Young people: 4\.0\./);
  assert.match(r.body, /Adults: 3\.0\./);
  assert.match(r.body, /Combined: 3\.6 out of 5/);
  assert.match(r.body, /Only young people have sent scores/);
  // Staff see real names with the label; ranking puts B (5.0) before A (3.6).
  assert.ok(r.body.indexOf('Secret Person Number1 (Candidate B): 5.0') < r.body.indexOf('Secret Person Number0 (Candidate A): 3.6'));
});

test('a member with checklist gaps is sent to their member home; a non-member or another area sees nothing', async () => {
  const p = await freshPanel();
  const notReady = await memberBrowser(R().id, await addMember(R().id, p.panelId, 'Nia', 'young_person', null, false));
  const r = await notReady.get(url(p.panelId, '/score'));
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, url(p.panelId, '/me'));
  const post = await notReady.post(url(p.panelId, `/score/${p.candidates[0]}`), { action: 'save' }, { csrf: '' });
  assert.notEqual(post.statusCode, 200);

  const stranger = new Client(app);
  for (const path of ['/score', `/score/${p.candidates[0]}`, '/what-happened']) {
    const s = await stranger.get(url(p.panelId, path));
    assert.equal(s.statusCode, 303, path);
    assert.equal(s.headers.location, '/a/riverside/panels/sign-in');
  }
  // North Vale's member, pointed at Riverside's panel: nothing.
  const nv = await memberBrowser(areas.northVale.id, areas.northVale.memberId);
  const cross = await nv.get(url(p.panelId, '/score'));
  assert.equal(cross.statusCode, 303);
  assert.doesNotMatch(cross.body, /Secret Person/);
});

// ── The rubric ───────────────────────────────────────────────────────────────────────────────────

test('the rubric: add with errors kept, then locked once anyone has sent scores', async () => {
  const p = await freshPanel();
  const lead = new Client(app);
  await lead.signIn(LEAD);
  await lead.get(url(p.panelId, '/criteria'));
  const bad = await lead.post(url(p.panelId, '/criteria'), { title: 'Kind to people', description: 'Typed words', weight: '11' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Enter a weight from 1 to 10/);
  assert.match(bad.body, /Typed words/);
  const ok = await lead.post(url(p.panelId, '/criteria'), { title: 'Kind to people', description: '', weight: '3', symbol: '1F91D' });
  assert.equal(ok.statusCode, 303);
  // Changing a criterion on its own page: an error keeps what was typed; then saved.
  const edit = await lead.get(url(p.panelId, `/criteria/${p.criteria[1]}`));
  assert.equal(edit.statusCode, 200);
  assert.match(edit.body, /value="Criterion 2"/);
  const badEdit = await lead.post(url(p.panelId, `/criteria/${p.criteria[1]}`), { title: 'Fun and fair', weight: '0' });
  assert.equal(badEdit.statusCode, 422);
  assert.match(badEdit.body, /value="Fun and fair"/);
  assert.equal((await lead.post(url(p.panelId, `/criteria/${p.criteria[1]}`), { title: 'Fun and fair', weight: '4' })).statusCode, 303);
  const changed = await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_criterion').select(['title', 'weight']).where('id', '=', p.criteria[1]!).executeTakeFirstOrThrow());
  assert.deepEqual(changed, { title: 'Fun and fair', weight: 4 });

  const young = await memberBrowser(R().id, await addMember(R().id, p.panelId, 'Ava'));
  const all = await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_criterion').select('id').where('panel_id', '=', p.panelId).execute());
  await sendAs(young, p.panelId, p.candidates[0]!, Object.fromEntries(all.map((c) => [c.id, 3])));

  const page = await lead.get(url(p.panelId, '/criteria'));
  assert.match(page.body, /Someone has already sent their scores/);
  const refused = await lead.post(url(p.panelId, '/criteria'), { title: 'Late one', weight: '5' });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /cannot change now/);
  await assert.rejects(addCriterion(t.db, R().id, null, p.panelId, { title: 'x', description: '', symbol: null, weight: 1 }), ScoringRefused);
  await lead.get(url(p.panelId, '/criteria'));
  const lateEdit = await lead.post(url(p.panelId, `/criteria/${p.criteria[0]}`), { title: 'Changed late', weight: '9' });
  assert.equal(lateEdit.statusCode, 409);
  assert.match(lateEdit.body, /cannot change now/);
  assert.match(lateEdit.body, /Changed late/);
  const count = await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_criterion').select('id').where('panel_id', '=', p.panelId).execute());
  assert.equal(count.length, 3);
});

// ── The decision ─────────────────────────────────────────────────────────────────────────────────

test('grant awards never add up beyond the pot, even with parallel requests', async () => {
  const p = await freshPanel({ kind: 'grant', candidates: 6, pot: 100_000 });
  // Six awards of £300 at once against a pot of £1,000: at most three fit.
  const results = await Promise.allSettled(p.candidates.map((c) => recordOutcome(t.db, R().id, null, p.panelId, c, { outcome: 'funded', reason: '', feedback: '', awardPence: 30_000 })));
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  assert.equal(ok, 3);
  for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof ScoringRefused && r.reason.reason === 'overPot');
  const total = await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_candidate').select('award_pence').where('panel_id', '=', p.panelId).execute());
  assert.equal(total.reduce((s, r) => s + Number(r.award_pence ?? 0), 0), 90_000);

  // By route: the message states the sum and the pot.
  const lead = new Client(app);
  await lead.signIn(LEAD);
  await lead.get(url(p.panelId, '/decision'));
  const undecided = (await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_candidate').select('id').where('panel_id', '=', p.panelId).where('outcome', 'is', null).executeTakeFirstOrThrow())).id;
  const r = await lead.post(url(p.panelId, `/decision/${undecided}`), { outcome: 'funded', award: '£200', reason: 'Good plan', feedback: '' });
  assert.equal(r.statusCode, 409);
  assert.match(r.body, /The awards add up to £1,100\. The pot is £1,000\./);
  assert.match(r.body, /Good plan/);
});

test('the decision is recorded and audited; members see what happened and how their scores counted; the debrief becomes a contribution without names', async () => {
  const p = await freshPanel({ weights: [1], candidates: 1 });
  const avaId = await addMember(R().id, p.panelId, 'Ava');
  const ava = await memberBrowser(R().id, avaId);
  const sam = await memberBrowser(R().id, await addMember(R().id, p.panelId, 'Sam', 'parent_carer'));
  await sendAs(ava, p.panelId, p.candidates[0]!, { [p.criteria[0]!]: 4 });
  await sendAs(sam, p.panelId, p.candidates[0]!, { [p.criteria[0]!]: 3 });

  assert.match((await ava.get(url(p.panelId, '/what-happened'))).body, /The panel has not decided yet/);

  const lead = new Client(app);
  await lead.signIn(LEAD);
  await lead.get(url(p.panelId, '/decision'));
  const early = await lead.post(url(p.panelId, '/decision'), { summary: 'We chose' });
  assert.equal(early.statusCode, 409);
  assert.match(early.body, /Choose an outcome for every candidate first/);
  assert.match(early.body, /We chose/);
  await lead.get(url(p.panelId, '/decision'));
  assert.equal((await lead.post(url(p.panelId, `/decision/${p.candidates[0]}`), { outcome: 'appointed', reason: 'Listened well', feedback: 'Well done' })).statusCode, 303);
  await lead.get(url(p.panelId, '/decision'));
  assert.equal((await lead.post(url(p.panelId, '/decision'), { summary: 'We chose Candidate A because they listened.' })).statusCode, 303);
  const panel = await withArea(t.db, R().id, (tx) => tx.selectFrom('panel').select(['status', 'decided_at', 'decided_by']).where('id', '=', p.panelId).executeTakeFirstOrThrow());
  assert.equal(panel.status, 'decided');
  assert.equal(panel.decided_by, R().memberIds.participation_lead);
  const audited = await withArea(t.db, R().id, (tx) => tx.selectFrom('audit_event').select('action').where('subject_id', '=', p.panelId).where('action', '=', 'panel.decided').execute());
  assert.equal(audited.length, 1);

  const page = await ava.get(url(p.panelId, '/what-happened'));
  assert.match(page.body, /You gave Candidate A 4\.0 out of 5\./);
  assert.match(page.body, /Young people together: 4\.0\./);
  assert.match(page.body, /Adults: 3\.0\./);
  assert.match(page.body, /Together, with young people&#39;s scores counting for 50%: 3\.5\./);
  assert.match(page.body, /Got the job/);
  assert.doesNotMatch(page.body, /Secret Person/);

  await ava.get(url(p.panelId, '/what-happened'));
  const empty = await ava.post(url(p.panelId, '/what-happened'), { text: '  ' });
  assert.equal(empty.statusCode, 422);
  const sent = await ava.post(url(p.panelId, '/what-happened'), { text: 'I liked asking Secret Person Number0 questions' });
  assert.equal(sent.statusCode, 303);
  const contributions = await withArea(t.db, R().id, (tx) => tx.selectFrom('contribution').selectAll().where('source_key', '=', `debrief:${avaId}`).execute());
  assert.equal(contributions.length, 1);
  assert.equal(contributions[0]!.channel, 'panel');
  assert.equal(contributions[0]!.activity_id, R().activityId);
  assert.doesNotMatch(JSON.stringify(contributions[0]), /Ava/);
  // Sent twice: still one.
  await ava.get(url(p.panelId, '/what-happened'));
  await ava.post(url(p.panelId, '/what-happened'), { text: 'Again' });
  assert.equal((await withArea(t.db, R().id, (tx) => tx.selectFrom('contribution').select('id').where('source_key', '=', `debrief:${avaId}`).execute())).length, 1);
});

// ── Query counts ─────────────────────────────────────────────────────────────────────────────────

test('moderation and scoring pages: the query count does not grow with members or candidates', async () => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const measure = async (candidates: number, members: number) => {
      const p = await freshPanel({ candidates, weights: [1, 2, 3] });
      const ids: string[] = [];
      for (let i = 0; i < members; i += 1) ids.push(await addMember(R().id, p.panelId, `M${i}`));
      for (const id of ids) {
        const b = await memberBrowser(R().id, id);
        for (const c of p.candidates) await sendAs(b, p.panelId, c, Object.fromEntries(p.criteria.map((k) => [k, 3])));
      }
      const lead = new Client(counted);
      await lead.signIn(LEAD);
      const member = new Client(counted);
      const token = newToken();
      await withArea(t.db, R().id, (tx) => tx.insertInto('panel_member_session').values({ token_hash: hashToken(token), area_id: R().id, member_id: ids[0]!, expires_at: new Date(Date.now() + 86_400_000) }).execute());
      member.cookies.set(MEMBER_COOKIE, counted.signCookie(token));
      const out: number[] = [];
      for (const [client, path] of [[lead, '/moderation'], [lead, '/decision'], [member, '/score'], [member, `/score/${p.candidates[0]}`], [member, '/what-happened']] as const) {
        counter.reset();
        const r = await client.get(url(p.panelId, path));
        assert.equal(r.statusCode, 200, path);
        out.push(counter.count());
      }
      return out;
    };
    const small = await measure(1, 1);
    const big = await measure(4, 3);
    assert.deepEqual(big, small);
  } finally {
    await counted.close();
  }
});
