/**
 * The panel's maths (issue 16 §1, "a combined result with the youth and professional panels'
 * weights stated up front"), in one pure function so the moderation page, "what happened" and the
 * board report all say the same thing and a test can check it by hand.
 */

export type SentScore = { memberId: string; side: 'youth' | 'adults'; candidateId: string; criterionId: string; score: number };
export type Weighted = { id: string; weight: number };

export type CandidateResult = {
  candidateId: string;
  /** Each member's weighted score (only members who sent scores for this candidate). */
  members: Map<string, number>;
  youth: number | null;
  adults: number | null;
  /** Null when nobody has sent scores for the candidate. */
  combined: number | null;
  /** Which side the combined result comes from when only one side has sent scores. */
  onlySide: 'youth' | 'adults' | null;
};

/**
 * Combined results of a panel, from SENT scores only.
 *
 * - A member's score for a candidate = Σ(weight × score) / Σ(weight) over the criteria they scored.
 * - A side's score = the mean of its members' scores (young people; adults are parent carers and staff).
 * - combined = (youthWeight × youth + (100 − youthWeight) × adults) / 100.
 * - If one side has no sent scores, combined = the other side's (and `onlySide` says which).
 *
 * Results are in candidate order as given; numbers are not rounded (round when showing them).
 */
export function combinedResults(input: { youthWeight: number; criteria: readonly Weighted[]; candidateIds: readonly string[]; scores: readonly SentScore[] }): CandidateResult[] {
  const weight = new Map(input.criteria.map((c) => [c.id, c.weight]));
  // candidate → member → [Σ w×s, Σ w, side]
  const sums = new Map<string, Map<string, { ws: number; w: number; side: 'youth' | 'adults' }>>();
  for (const s of input.scores) {
    const w = weight.get(s.criterionId);
    if (w === undefined) continue;
    let byMember = sums.get(s.candidateId);
    if (!byMember) sums.set(s.candidateId, (byMember = new Map()));
    const m = byMember.get(s.memberId) ?? { ws: 0, w: 0, side: s.side };
    m.ws += w * s.score;
    m.w += w;
    byMember.set(s.memberId, m);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return input.candidateIds.map((candidateId) => {
    const members = new Map<string, number>();
    const youthScores: number[] = [];
    const adultScores: number[] = [];
    for (const [memberId, m] of sums.get(candidateId) ?? []) {
      if (m.w === 0) continue;
      const score = m.ws / m.w;
      members.set(memberId, score);
      (m.side === 'youth' ? youthScores : adultScores).push(score);
    }
    const youth = mean(youthScores);
    const adults = mean(adultScores);
    let combined: number | null = null;
    let onlySide: 'youth' | 'adults' | null = null;
    if (youth !== null && adults !== null) combined = (input.youthWeight * youth + (100 - input.youthWeight) * adults) / 100;
    else if (youth !== null) [combined, onlySide] = [youth, 'youth'];
    else if (adults !== null) [combined, onlySide] = [adults, 'adults'];
    return { candidateId, members, youth, adults, combined, onlySide };
  });
}

/** One decimal place, as people read it ("4.2"); "–" for nothing. */
export function oneDecimal(n: number | null): string {
  return n === null ? '–' : (Math.round(n * 10) / 10).toFixed(1);
}

