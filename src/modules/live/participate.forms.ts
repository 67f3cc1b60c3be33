/**
 * The participate part's forms (issue 15): the join code, joining, each kind of answer, a post, an
 * upvote and hearing back. Messages are catalogue keys under live.participate.errors.
 */
import { z } from 'zod';
import { isEmailAddress, normaliseUkMobile } from '../feedback/contacts.service.ts';
import { parseJoinCode, readSettings, type LiveInteraction } from './core.ts';

const E = 'live.participate.errors.';
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

export const NICKNAME_MAX = 40;
export const WORD_MAX = 40;
export const TEXT_MAX = 500;
export const QUESTION_MAX = 300;

/** A key made when a form is drawn, sent back with it: the same form sent twice is one action. */
export const CLIENT_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export const joinCodeForm = z.object({
  code: z.unknown().transform((v, ctx) => {
    const typed = text(v);
    if (!typed) {
      ctx.addIssue({ code: 'custom', message: `${E}code.missing` });
      return z.NEVER;
    }
    const code = parseJoinCode(typed.slice(0, 40));
    if (!code) {
      ctx.addIssue({ code: 'custom', message: `${E}code.format` });
      return z.NEVER;
    }
    return code;
  }),
});

/** Joining: the rules agreed, a name if they like, themselves or a group of 2 to 10. */
export const joinForm = z.unknown().transform((raw, ctx) => {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const fail = (field: string, key: string, params?: Record<string, unknown>) => ctx.addIssue({ code: 'custom', path: [field], message: E + key, ...(params ? { params } : {}) });
  if (body.agree !== 'yes') fail('agree', 'agree.missing');
  const nickname = text(body.nickname).replace(/\s+/g, ' ');
  if (nickname.length > NICKNAME_MAX) fail('nickname', 'nickname.tooLong', { max: NICKNAME_MAX });
  let groupSize = 1;
  if (body.who !== 'me' && body.who !== 'group') fail('who', 'who.missing');
  else if (body.who === 'group') {
    const typed = text(body.groupSize);
    const n = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
    if (!(n >= 2 && n <= 10)) fail('groupSize', 'groupSize.range');
    else groupSize = n;
  }
  const joinKey = typeof body.joinKey === 'string' && CLIENT_KEY.test(body.joinKey) ? body.joinKey : '';
  return { nickname, groupSize, joinKey };
});

/** An answer as the form sent it, checked against the interaction's own settings. */
export type AnswerProblem = { field: string; key: string; params?: Record<string, unknown> };

export type ParsedAnswer =
  | { ok: true; kind: 'choice'; value: { options: string[] } }
  | { ok: true; kind: 'scale'; value: { value: number } }
  | { ok: true; kind: 'word_cloud'; value: { words: string[] } }
  | { ok: true; kind: 'ranking'; value: { order: string[] } }
  | { ok: false; problems: AnswerProblem[]; values: Record<string, unknown> };

export function parseAnswer(interaction: LiveInteraction, raw: unknown): ParsedAnswer {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const fail = (field: string, key: string, params?: Record<string, unknown>): ParsedAnswer => ({ ok: false, problems: [{ field, key: E + key, ...(params ? { params } : {}) }], values: body });
  switch (interaction.kind) {
    case 'choice': {
      const settings = readSettings('choice', interaction.settings);
      const ids = new Set(settings.options.map((o) => o.id));
      const chosen = [...new Set(list(body.option))];
      if (chosen.length === 0 || chosen.some((c) => !ids.has(c))) return fail('option', settings.multiple ? 'choice.missingMany' : 'choice.missing');
      if (!settings.multiple && chosen.length > 1) return fail('option', 'choice.missing');
      // Stored in the options' own order, so the same choice sent twice is the same value.
      return { ok: true, kind: 'choice', value: { options: settings.options.map((o) => o.id).filter((id) => chosen.includes(id)) } };
    }
    case 'scale': {
      const v = text(body.value);
      if (!/^[1-5]$/.test(v)) return fail('value', 'scale.missing');
      return { ok: true, kind: 'scale', value: { value: Number(v) } };
    }
    case 'word_cloud': {
      const settings = readSettings('word_cloud', interaction.settings);
      const words: string[] = [];
      for (let i = 1; i <= settings.maxWords; i += 1) {
        const w = text(body[`word${i}`]).replace(/\s+/g, ' ');
        if (w.length > WORD_MAX) return fail(`word${i}`, 'words.tooLong', { max: WORD_MAX });
        if (w) words.push(w);
      }
      if (words.length === 0) return fail('word1', 'words.missing');
      return { ok: true, kind: 'word_cloud', value: { words } };
    }
    case 'ranking': {
      const settings = readSettings('ranking', interaction.settings);
      const n = settings.options.length;
      const places = new Map<number, string>();
      for (const o of settings.options) {
        const v = text(body[`rank-${o.id}`]);
        const place = /^\d{1,2}$/.test(v) ? Number(v) : NaN;
        if (!(place >= 1 && place <= n)) return fail(`rank-${o.id}`, 'ranking.missing', { option: o.label });
        if (places.has(place)) return fail(`rank-${o.id}`, 'ranking.twice', { option: o.label });
        places.set(place, o.id);
      }
      return { ok: true, kind: 'ranking', value: { order: [...places].sort((a, b) => a[0] - b[0]).map(([, id]) => id) } };
    }
    default:
      return fail('form', 'notAnswerable');
  }
}

const clientKey = z.unknown().transform((v, ctx) => {
  if (typeof v !== 'string' || !CLIENT_KEY.test(v)) ctx.addIssue({ code: 'custom', message: `${E}form.resend` });
  return typeof v === 'string' ? v : '';
});

/** An open answer or a question: the words (field `text`) and the form's key. */
export const postForm = (max: number, kind: 'text' | 'question') =>
  z.object({
    text: z.unknown().transform((v, ctx) => {
      const typed = text(v);
      if (!typed) ctx.addIssue({ code: 'custom', message: `${E}${kind}.missing` });
      else if (typed.length > max) ctx.addIssue({ code: 'custom', message: `${E}${kind}.tooLong`, params: { max } });
      return typed;
    }),
    clientKey,
  });

export const voteForm = z.object({
  vote: z.enum(['add', 'remove'], `${E}form.resend`),
});

export const HEAR_BACK_CHOICES = ['email', 'sms', 'none'] as const;

/** "Do you want to hear what happened?": email, a text message, or no thanks (the code is enough). */
export const hearBackForm = z.unknown().transform((raw, ctx) => {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const fail = (field: string, key: string) => ctx.addIssue({ code: 'custom', path: [field], message: E + key });
  const channel = text(body.channel);
  const format = text(body.format);
  let address = '';
  if (!(HEAR_BACK_CHOICES as readonly string[]).includes(channel)) fail('channel', 'hearBack.channelMissing');
  else if (channel === 'email') {
    const typed = text(body.email);
    if (!typed) fail('email', 'hearBack.emailMissing');
    else if (!isEmailAddress(typed)) fail('email', 'hearBack.emailInvalid');
    address = typed;
  } else if (channel === 'sms') {
    const typed = text(body.mobile);
    const mobile = normaliseUkMobile(typed);
    if (!typed) fail('mobile', 'hearBack.mobileMissing');
    else if (!mobile) fail('mobile', 'hearBack.mobileInvalid');
    address = mobile ?? '';
  }
  if (format !== 'easy_read' && format !== 'standard') fail('format', 'hearBack.formatMissing');
  return { channel: channel as (typeof HEAR_BACK_CHOICES)[number], address, format: format === 'standard' ? ('standard' as const) : ('easy_read' as const) };
});
