/**
 * The demo area's young inspectors (issue 16 acceptance 1), made through the same services the pages
 * use: a programme looking at inclusive physical activity at holiday clubs, with four young
 * inspectors and a checklist they wrote (one idea dropped); two visits last month, rated on the
 * inspectors' phones and reported to the providers:
 * - the leisure centre's holiday camp rated well (so it shows on the public young inspectors' page);
 * - Sunny Days Holiday Club rated low, so a re-inspection is planned, and Sunny Days responded with
 *   what they will do and by when.
 * The inspectors' notes became contributions (themable, answerable). Made-up names only.
 */
import type { Db } from '../db/database.ts';
import { createActivity, emptyActivityDetails, londonToUtc, setActivityStatus } from '../modules/activities/activities.service.ts';
import { addProvider, agreeCriterion, createProgramme, DEFAULT_RATING_WORDS, planVisit, proposeCriterion, recordVisit, respondAsProvider, saveRating, sendReport, writeReport } from '../modules/inspections/index.ts';
import { programmePanel, visitVersion } from './demo-sql.ts';
import { daysAgo, readyMember, type PanelSeedPeople } from './seed-panels.ts';

const DAY = 86_400_000;

type Ratings = ReadonlyArray<readonly [number, string]>;

export async function seedDemoInspections(db: Db, areaId: string, areaSlug: string, baseUrl: string, people: PanelSeedPeople, now = new Date()): Promise<void> {
  const youthVoice = people.organisationIds.get('Riverside Youth Voice')!;
  const lead = people.leadId;
  const programmeActivity = await createActivity(db, areaId, lead, {
    ...emptyActivityDetails(),
    organisationId: youthVoice,
    title: 'Young inspectors: sport and play at holiday clubs',
    purpose: 'Young inspectors visit holiday clubs and rate how well disabled children and young people, and those with SEN, can join in sport and play.',
    easyReadPurpose: 'Young inspectors visit holiday clubs and say how good they are for everyone.',
    type: 'inspection',
    level: 'strategic',
    stage: 'review',
    services: ['Short breaks'],
    audience: 'children_young_people',
    ageBands: ['12_15', '16_18'],
    startsAt: londonToUtc(daysAgo(60, now), '16:00'),
    endsAt: londonToUtc(daysAgo(60, now), '18:00'),
    venueKind: 'in_person',
    venueName: 'Riverside Youth Centre',
    groundRules: ['confidentiality', 'respect', 'ok_not_to_answer', 'ok_to_leave'],
    contactName: 'Jess Patel',
    contactEmail: 'send.team@riverside.example',
  });
  await setActivityStatus(db, areaId, lead, programmeActivity.id, 'open');
  const programmeId = await createProgramme(db, lead, areaId, programmeActivity.id, {
    title: 'Sport and play at holiday clubs',
    focus: 'Inclusive physical activity at holiday clubs: can every child get in, join the games, and have somewhere calm to go?',
    ratingWords: { ...DEFAULT_RATING_WORDS },
    reinspectAtOrBelow: 3,
    reinspectAfterDays: 90,
    standardAtOrAbove: 4,
  });
  const team = { id: await programmePanel(db, areaId, programmeId), activityId: programmeActivity.id };
  const inspectors = [
    await readyMember(db, areaId, lead, team, { kind: 'young_person', name: 'Gabi', ageBand: '12_15' }),
    await readyMember(db, areaId, lead, team, { kind: 'young_person', name: 'Harun', ageBand: '16_18' }),
    await readyMember(db, areaId, lead, team, { kind: 'young_person', name: 'Isla', ageBand: '16_18' }),
    await readyMember(db, areaId, lead, team, { kind: 'young_person', name: 'Jay', ageBand: '12_15' }),
  ];
  // The checklist, written by the inspectors at their first meeting.
  const ideas: Array<[number, string, string, string, 'agreed' | 'dropped']> = [
    [0, 'Easy to get in', '267F', 'A ramp or a lift, wide doors, and a changing place or accessible toilet.', 'agreed'],
    [1, 'Games everyone can play', '26BD', 'Staff change the rules or the kit so everyone joins in, not just watches.', 'agreed'],
    [2, 'A calm place to go', '1F92B', 'Somewhere quiet to take a break, and you are allowed to use it.', 'agreed'],
    [3, 'Staff who understand', '1F9D1-200D-1F3EB', 'Staff know about SEND, speak to you (not just your parent), and check you are OK.', 'agreed'],
    [3, 'The food is good', '1F355', '', 'dropped'],
  ];
  const criteria: string[] = [];
  for (const [who, title, symbol, goodLooksLike, status] of ideas) {
    const { id } = await proposeCriterion(db, areaId, programmeId, { memberId: inspectors[who]!, actorId: null }, { title, goodLooksLike, symbol });
    await agreeCriterion(db, areaId, programmeId, id, status, { actorId: lead });
    if (status === 'agreed') criteria.push(id);
  }

  const leisure = await addProvider(db, lead, areaId, { name: 'Riverside Leisure Centre holiday camp', venue: 'Riverside Leisure Centre, Park Road', contactEmail: 'camp@riverside-leisure.example' });
  const sunny = await addProvider(db, lead, areaId, { name: 'Sunny Days Holiday Club', venue: 'Mill Lane Sports Hall', contactEmail: 'office@sunny-days.example' });

  const visit = async (providerId: string, daysBefore: number, ratings: readonly Ratings[], summary: string, easyRead: string): Promise<{ visitId: string; token: string }> => {
    const day = daysAgo(daysBefore, now);
    const visitId = await planVisit(db, lead, areaId, programmeId, { providerId, startsAt: londonToUtc(day, '10:00'), endsAt: londonToUtc(day, '12:00'), venueAccess: ['step_free', 'accessible_toilet'] });
    for (const [i, member] of inspectors.entries()) {
      for (const [c, criterionId] of criteria.entries()) {
        const [rating, note] = ratings[i]![c]!;
        await saveRating(db, areaId, programmeId, visitId, member, criterionId, { rating, note });
      }
    }
    await recordVisit(db, lead, areaId, programmeId, visitId, { visitedOn: day, minutes: 150, memberIds: inspectors });
    const written = await writeReport(db, lead, areaId, programmeId, visitId, { summary, easyReadSummary: easyRead, version: await visitVersion(db, areaId, visitId) });
    if (!written.ok) throw new Error(`demo report not written: ${written.reason}`);
    const sent = await sendReport(db, lead, areaId, programmeId, visitId, (token) => `${baseUrl}/a/${areaSlug}/provider-report/${token}`);
    return { visitId, token: sent.token };
  };

  await visit(
    leisure,
    34,
    [
      [[5, 'Big ramp and a changing place with a hoist.'], [4, 'They lowered the basketball net for me.'], [4, 'There is a chill-out room with beanbags.'], [5, 'The coach asked me what I wanted to do.']],
      [[5, 'Lift to every floor.'], [5, 'Wheelchair basketball with everyone.'], [3, 'The quiet room was locked at first.'], [4, 'Staff were kind.']],
      [[4, 'Doors are heavy.'], [4, 'Games were fun.'], [4, 'Calm corner in the hall.'], [5, 'They knew Makaton.']],
      [[5, 'Easy to get in.'], [4, 'I joined every game.'], [4, 'Good quiet room.'], [4, 'Nice staff.']],
    ],
    'The young inspectors rated the camp 4.3 out of 5. Everyone could get in, and the coaches changed games so everyone joined in. The quiet room was good, but it was locked when the inspectors arrived. Staff knew Makaton and spoke to young people directly.',
    'The camp is good for everyone. You can get in easily. Games are for everyone. Staff are kind. Keep the quiet room open.',
  );
  const low = await visit(
    sunny,
    30,
    [
      [[2, 'Steps at the front door. The ramp is round the back by the bins.'], [2, 'I watched most of the games.'], [1, 'Nowhere quiet to go.'], [3, 'One helper was nice.']],
      [[3, 'Accessible toilet but used as a store room.'], [2, 'Football only, no changes.'], [2, 'Too loud all the time.'], [3, 'They talked to my mum, not me.']],
      [[2, 'Hard to find the way in.'], [3, 'Dodgeball was fun.'], [2, 'No calm place.'], [2, 'Staff did not know about autism.']],
      [[3, 'OK once inside.'], [2, 'I was left out.'], [2, 'Loud.'], [3, 'Friendly.']],
    ],
    'The young inspectors rated the club 2.3 out of 5. The way in for wheelchair users is round the back, and the accessible toilet was full of equipment. Most games were not changed so everyone could play, there was no quiet place, and some staff spoke to parents rather than to young people.',
    'The club needs to get better. The way in is hard. Not everyone can play. There is no quiet place. The young inspectors will visit again.',
  );
  await respondAsProvider(
    db,
    areaId,
    low.token,
    {
      response: 'Thank you to the young inspectors. We were sorry to read the report and we agree with it. We have already cleared the accessible toilet.',
      actions: [
        { action: 'Open the side entrance with the ramp for everyone, with a sign at the front.', dueOn: new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10) },
        { action: 'Set up a quiet room with beanbags and ear defenders, open all day.', dueOn: new Date(now.getTime() + 30 * DAY).toISOString().slice(0, 10) },
        { action: 'Autism awareness and inclusive games training for every member of staff.', dueOn: new Date(now.getTime() + 45 * DAY).toISOString().slice(0, 10) },
      ],
    },
    (programme, visitId) => `${baseUrl}/a/${areaSlug}/inspections/${programme}/visits/${visitId}/report`,
  );
}
