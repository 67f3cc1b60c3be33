/**
 * Activities in words, for pages: who it is for, when, where, and the "have your say" items. Dates
 * and times are London times, written the GOV.UK way in English ("Tuesday 12 May 2026", "4pm to
 * 5:30pm") and with the 24-hour clock in Welsh.
 */
import type { Translate } from '../../lib/messages/messages.ts';
import type { Activity } from './activities.repository.ts';
import { londonParts, longDate } from './london-time.ts';

/** "Tuesday 12 May 2026" in London. */
export function dayText(instant: Date, lang: string): string {
  return longDate(instant, lang);
}

/** "4pm", "5:30pm", "midday" (GOV.UK style) in English; "16:00" in Welsh. */
export function clockText(instant: Date, lang: string, t: Translate): string {
  const { minutes, time } = londonParts(instant);
  if (lang === 'cy') return time;
  if (minutes === 12 * 60) return t('activities.time.midday');
  if (minutes === 0) return t('activities.time.midnight');
  const hour = Math.floor(minutes / 60), minute = minutes % 60;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`;
}

/** "Tuesday 12 May 2026, 4pm to 5:30pm", or "" when there is no date. */
export function whenText(activity: Pick<Activity, 'startsAt' | 'endsAt'>, lang: string, t: Translate): string {
  const { startsAt, endsAt } = activity;
  if (!startsAt) return '';
  const day = dayText(startsAt, lang);
  if (!endsAt) return t('activities.time.dayAt', { day, start: clockText(startsAt, lang, t) });
  if (londonParts(endsAt).date !== londonParts(startsAt).date) {
    return t('activities.time.days', { day, start: clockText(startsAt, lang, t), endDay: dayText(endsAt, lang), end: clockText(endsAt, lang, t) });
  }
  return t('activities.time.range', { day, start: clockText(startsAt, lang, t), end: clockText(endsAt, lang, t) });
}

/** "Children and young people aged 8 to 11 or 12 to 15", "Parent carers", … */
export function audienceText(activity: Pick<Activity, 'audience' | 'ageBands'>, t: Translate): string {
  const who = t(`activities.options.audiences.${activity.audience}`);
  if (activity.ageBands.length === 0 || activity.audience === 'parent_carers') return who;
  const ages = joinOr(activity.ageBands.map((b) => t(`activities.options.ageBands.${b}`)), t);
  // "Children and young people aged 8 to 11, and parent carers": the ages belong to the children.
  if (activity.audience === 'both') return t('activities.view.audienceBothAged', { ages });
  return t('activities.view.audienceAged', { who, ages });
}

function joinOr(items: string[], t: Translate): string {
  if (items.length <= 1) return items.join('');
  return t('activities.view.listOr', { items: items.slice(0, -1).join(', '), last: items.at(-1) });
}

/** The venue's name and address in one line: "Riverside Hub, 1 Mill Lane, RV1 2AB". */
export function placeText(activity: Pick<Activity, 'venueName' | 'venueAddress'>): string {
  return [activity.venueName, activity.venueAddress.replace(/\s*\n\s*/g, ', ')].filter(Boolean).join(', ');
}

/** Where it happens, in one line: "Riverside Hub, 1 Mill Lane" or "Online". */
export function whereText(activity: Pick<Activity, 'venueKind' | 'venueName' | 'venueAddress'>, t: Translate): string {
  const place = placeText(activity);
  if (activity.venueKind === 'online') return t('activities.options.venueKinds.online');
  if (activity.venueKind === 'hybrid') return t('activities.view.hybridAt', { place });
  if (activity.venueKind === 'in_person') return place;
  return '';
}

export type HaveYourSayItem = { title: string; href: string; audience: string; when: string; how: string; kind: 'survey' | 'session' };

/** The items on "Have your say": open surveys first (answer now), then upcoming sessions. */
export function haveYourSayItems(
  takePart: { surveys: Activity[]; sessions: Activity[] },
  areaSlug: string,
  t: Translate,
  lang: string,
): { surveys: HaveYourSayItem[]; sessions: HaveYourSayItem[] } {
  const surveys = takePart.surveys.map((a) => ({
    kind: 'survey' as const,
    title: a.title,
    href: `/a/${areaSlug}/surveys/${a.id}`,
    audience: audienceText(a, t),
    when: a.endsAt ? t('activities.haveYourSay.surveyCloses', { day: dayText(a.endsAt, lang) }) : '',
    how: t('activities.haveYourSay.howSurvey'),
  }));
  const sessions = takePart.sessions.map((a) => ({
    kind: 'session' as const,
    title: a.title,
    href: `/a/${areaSlug}/take-part/${a.id}`,
    audience: audienceText(a, t),
    when: whenText(a, lang, t) || t('activities.view.dateToFollow'),
    how: t(`activities.haveYourSay.how.${a.venueKind}`, { place: placeText(a) }),
  }));
  return { surveys, sessions };
}
