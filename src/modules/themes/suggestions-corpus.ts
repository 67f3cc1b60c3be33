/**
 * A labelled set of comments for measuring suggested themes: what parent carers and children wrote
 * in SEND surveys (made up, in the shapes real answers take), each with the theme a participation lead
 * would put it in. `null` marks a courtesy answer ("thank you for asking", "no comment", "n/a") that
 * says nothing about a service and belongs in no theme; 'other' marks a real comment that is alone in
 * what it says, so it belongs in no suggested group either.
 */
export type LabelledComment = { id: string; text: string; theme: string | null };

export const LABELLED_COMMENTS: readonly LabelledComment[] = [
  // Waiting for assessments and appointments.
  { id: 'wait-1', text: 'We waited eighteen months for an autism assessment.', theme: 'waiting' },
  { id: 'wait-2', text: 'The waiting list for CAMHS is far too long.', theme: 'waiting' },
  { id: 'wait-3', text: 'Waiting times for the clinic are terrible and nobody tells you where you are on the list.', theme: 'waiting' },
  { id: 'wait-4', text: 'Thank you for asking. The wait for speech therapy was over a year.', theme: 'waiting' },
  { id: 'wait-5', text: 'Still waiting for an OT appointment after two years.', theme: 'waiting' },
  { id: 'wait-6', text: 'I have been waiting since Year 3 for a diagnosis.', theme: 'waiting' },
  // Getting there: buses, taxis, transport.
  { id: 'bus-1', text: 'The school bus was late again and he missed registration.', theme: 'transport' },
  { id: 'bus-2', text: 'The buses never come on time in the morning.', theme: 'transport' },
  { id: 'bus-3', text: 'The taxi driver changes every week, which really upsets her.', theme: 'transport' },
  { id: 'bus-4', text: 'Home to school transport stopped without warning.', theme: 'transport' },
  { id: 'bus-5', text: 'Thanks. Transport to the short breaks club is the hardest part.', theme: 'transport' },
  { id: 'bus-6', text: 'The minibus has no wheelchair space so we drive every day.', theme: 'transport' },
  // Quiet spaces and noise.
  { id: 'quiet-1', text: 'A quiet room would help when it gets too loud.', theme: 'quiet' },
  { id: 'quiet-2', text: 'Please give him somewhere quiet to calm down.', theme: 'quiet' },
  { id: 'quiet-3', text: 'The dinner hall is too noisy, I eat in the toilets.', theme: 'quiet' },
  { id: 'quiet-4', text: 'I need a quiet space at lunchtime.', theme: 'quiet' },
  { id: 'quiet-5', text: 'The noise in the corridors makes my head hurt.', theme: 'quiet' },
  // EHCP plans and reviews.
  { id: 'ehcp-1', text: 'The EHCP took 40 weeks instead of 20.', theme: 'ehcp' },
  { id: 'ehcp-2', text: 'Nobody follows what is written in her EHCP.', theme: 'ehcp' },
  { id: 'ehcp-3', text: 'The annual review of the plan was cancelled twice.', theme: 'ehcp' },
  { id: 'ehcp-4', text: 'We had to go to tribunal to get the EHCP changed.', theme: 'ehcp' },
  { id: 'ehcp-5', text: 'His plan says one to one support but he never gets it.', theme: 'ehcp' },
  // Being told things, calls and emails answered.
  { id: 'talk-1', text: 'Nobody answers the phone at the SEN team.', theme: 'communication' },
  { id: 'talk-2', text: 'My emails go unanswered for weeks.', theme: 'communication' },
  { id: 'talk-3', text: 'We are never told who our caseworker is, and emails bounce.', theme: 'communication' },
  { id: 'talk-4', text: 'A phone call back would make such a difference.', theme: 'communication' },
  // Short breaks and respite.
  { id: 'break-1', text: 'Short breaks are the only rest we get as a family.', theme: 'breaks' },
  { id: 'break-2', text: 'The holiday club was brilliant, please keep it.', theme: 'breaks' },
  { id: 'break-3', text: 'We lost our respite hours and nobody explained why.', theme: 'breaks' },
  { id: 'break-4', text: 'More holiday club places in the summer please.', theme: 'breaks' },
  { id: 'break-5', text: 'Respite at weekends would help us cope.', theme: 'breaks' },
  // Staff who understand.
  { id: 'staff-1', text: 'Teachers need training in autism, not just a leaflet.', theme: 'training' },
  { id: 'staff-2', text: 'The supply teacher did not understand his needs at all.', theme: 'training' },
  { id: 'staff-3', text: 'Staff at the club were kind and understood her.', theme: 'training' },
  { id: 'staff-4', text: 'More training for lunchtime staff about ADHD.', theme: 'training' },
  // Real comments alone in what they say.
  { id: 'alone-1', text: 'I love the music sessions.', theme: 'other' },
  { id: 'alone-2', text: 'The swimming pool changing rooms have no hoist.', theme: 'other' },
  { id: 'alone-3', text: 'Can the survey be on paper next time?', theme: 'other' },
  // Courtesy answers: they say nothing about a service.
  { id: 'courtesy-1', text: 'Thank you for asking.', theme: null },
  { id: 'courtesy-2', text: 'Thanks for asking us!', theme: null },
  { id: 'courtesy-3', text: 'No comment', theme: null },
  { id: 'courtesy-4', text: 'No comment at this time, thank you.', theme: null },
  { id: 'courtesy-5', text: 'Nothing else to add.', theme: null },
  { id: 'courtesy-6', text: 'nothing else', theme: null },
  { id: 'courtesy-7', text: 'n/a', theme: null },
  { id: 'courtesy-8', text: 'N/A thanks', theme: null },
  { id: 'courtesy-9', text: 'Thank you for listening to us.', theme: null },
  { id: 'courtesy-10', text: 'Thanks for listening', theme: null },
  { id: 'courtesy-11', text: 'None, thank you.', theme: null },
  { id: 'courtesy-12', text: 'Not really, thanks for asking.', theme: null },
  { id: 'courtesy-13', text: 'No. Thank you for the survey.', theme: null },
  { id: 'courtesy-14', text: 'Thank you for the survey, nothing to add.', theme: null },
];

/**
 * Precision and recall of a set of suggested groups against the labels. A suggested comment is right
 * when its label is the most common real label in its group (a group of courtesy answers has none, so
 * every comment in it is wrong); precision is right / suggested. Recall is right / the comments that
 * share a real label with at least one other comment (those a suggestion could group).
 */
export function scoreSuggestions(groups: ReadonlyArray<readonly string[]>, labelled: readonly LabelledComment[] = LABELLED_COMMENTS): { precision: number; recall: number; suggested: number; right: number; groupable: number } {
  const label = new Map(labelled.map((c) => [c.id, c.theme]));
  let suggested = 0;
  let right = 0;
  for (const group of groups) {
    const counts = new Map<string, number>();
    for (const id of group) {
      const l = label.get(id);
      if (l && l !== 'other') counts.set(l, (counts.get(l) ?? 0) + 1);
    }
    const top = [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0];
    suggested += group.length;
    right += group.filter((id) => top !== undefined && label.get(id) === top).length;
  }
  const perLabel = new Map<string, number>();
  for (const c of labelled) if (c.theme && c.theme !== 'other') perLabel.set(c.theme, (perLabel.get(c.theme) ?? 0) + 1);
  const groupable = labelled.filter((c) => c.theme && c.theme !== 'other' && (perLabel.get(c.theme) ?? 0) > 1).length;
  return { precision: suggested === 0 ? 1 : right / suggested, recall: groupable === 0 ? 1 : right / groupable, suggested, right, groupable };
}
