/**
 * Forms of the pages people answer surveys on (everything but the questions themselves, which
 * answers.ts reads). Messages are catalogue keys; in children's mode the routes look up the
 * easy-read variant of each (the same key with "Easy" on the end).
 */
import { z } from 'zod';
import { ADJUSTMENTS } from '../activities/activities.service.ts';
import { cleanText, MAX_TEXT } from './answers.ts';
import { parseReceiptCode, parseResumeCode } from '../../lib/codes.ts';
import { SUPPORT_METHODS, SUPPORTER_RELATIONSHIPS, type SupporterRelationship, type SupportMethod } from './responses.repository.ts';
import type { ContactChannel } from '../../db/database.ts';
import { CONTACT_CHANNELS, CONTACT_FORMATS, isEmailAddress, normaliseUkMobile, type ContactFormat } from '../feedback/contacts.service.ts';

const E = 'surveys.respond.errors.';

const list = (value: unknown): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);

/** An idempotency key made when the page was drawn; anything else is replaced by a fresh one (see the route). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{20,100}$/;

export const startForm = z.object({
  how: z.preprocess(cleanText, z.enum(['own', 'supported'], E + 'howMissing')),
  adjustments: z.preprocess(list, z.array(z.enum(ADJUSTMENTS, E + 'adjustmentsInvalid')).max(ADJUSTMENTS.length)),
  adjustmentDetails: z.preprocess(cleanText, z.string().max(1000, E + 'adjustmentDetailsTooLong')),
  adjustmentContact: z.preprocess(cleanText, z.string().max(320, E + 'adjustmentContactTooLong')),
});

/**
 * Who helped and how. Checked by hand rather than field by field, so that every problem is reported
 * in one round (a zod refinement would wait until the other fields were right).
 */
export const supporterForm = z.unknown().transform((raw, ctx) => {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const fail = (field: string, key: string) => ctx.addIssue({ code: 'custom', path: [field], message: E + key });
  const relationship = cleanText(body.relationship);
  const relationshipOther = cleanText(body.relationshipOther);
  const methods = [...new Set(list(body.methods))];
  const isRelationship = (SUPPORTER_RELATIONSHIPS as readonly string[]).includes(relationship);
  if (!isRelationship) fail('relationship', 'relationshipMissing');
  else if (relationship === 'other' && !relationshipOther) fail('relationshipOther', 'relationshipOtherMissing');
  if (relationshipOther.length > 120) fail('relationshipOther', 'relationshipOtherTooLong');
  if (methods.length === 0) fail('methods', 'methodsMissing');
  else if (methods.some((m) => typeof m !== 'string' || !(SUPPORT_METHODS as readonly string[]).includes(m))) fail('methods', 'methodsInvalid');
  return { relationship: relationship as SupporterRelationship, relationshipOther, methods: methods as SupportMethod[] };
});

export const anythingElseForm = z.object({
  anythingElse: z.preprocess(cleanText, z.string().max(MAX_TEXT, E + 'anythingElseTooLong')),
});

/** One "About you" page: one of its options, or nothing (every one is optional). */
export function aboutYouForm(options: readonly string[]) {
  return z.object({
    value: z.preprocess(cleanText, z.union([z.literal(''), z.string().refine((v) => options.includes(v), E + 'chooseFromList')])),
  });
}

export const resumeForm = z.object({
  code: z.preprocess(cleanText, z.string().min(1, E + 'resumeCodeMissing').refine((v) => parseResumeCode(v) !== undefined, E + 'resumeCodeInvalid')),
});

export const receiptForm = z.object({
  code: z.preprocess(cleanText, z.string().min(1, E + 'receiptCodeMissing').refine((v) => parseReceiptCode(v) !== undefined, E + 'receiptCodeInvalid')),
});

const H = 'feedback.hearBack.errors.';

/**
 * "How would you like to hear what happened?" on the thank-you page. The address field that goes
 * with the chosen way is required and checked (a UK mobile for text messages, stored as +447…);
 * the others are ignored. "Through the person who helped me" only when someone did.
 * Checked by hand so every problem is reported in one round.
 */
export function hearBackForm(supported: boolean) {
  return z.unknown().transform((raw, ctx) => {
    const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const fail = (field: string, key: string) => ctx.addIssue({ code: 'custom', path: [field], message: H + key });
    const channel = cleanText(body.channel);
    const format = cleanText(body.format);
    const allowed: readonly string[] = supported ? CONTACT_CHANNELS : CONTACT_CHANNELS.filter((c) => c !== 'supporter');
    let address = '';
    if (!allowed.includes(channel)) fail('channel', 'channelMissing');
    else if (channel === 'email' || channel === 'supporter') {
      const field = channel === 'email' ? 'email' : 'supporterEmail';
      const typed = cleanText(body[field]);
      if (!typed) fail(field, `${field}Missing`);
      else if (!isEmailAddress(typed)) fail(field, `${field}Invalid`);
      address = typed;
    } else if (channel === 'sms') {
      const typed = cleanText(body.mobile);
      const mobile = normaliseUkMobile(typed);
      if (!typed) fail('mobile', 'mobileMissing');
      else if (!mobile) fail('mobile', 'mobileInvalid');
      address = mobile ?? '';
    }
    if (!(CONTACT_FORMATS as readonly string[]).includes(format)) fail('format', 'formatMissing');
    return { channel: channel as ContactChannel, address, format: format as ContactFormat };
  });
}

/** "May we share your words?": yes or no, never chosen for the person (no default). */
export const quotesForm = z.object({
  quotes: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.enum(['yes', 'no'], 'quotes.missing')),
});
