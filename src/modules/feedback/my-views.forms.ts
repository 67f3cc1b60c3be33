/**
 * Forms of "what happened to my views": the receipt code a person kept, and their answer to "do you
 * feel listened to?". Messages are catalogue keys. The receipt code's words are the same as on the
 * survey pages (surveys.respond.errors.*): it is the same code, asked for in the same way.
 */
import { z } from 'zod';
import type { ListenedRating } from '../../db/database.ts';
import { parseReceiptCode } from '../../lib/codes.ts';
import { LISTENED_RATINGS } from './response-statuses.ts';

const first = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');
const text = (value: unknown) => first(value).trim();

export const receiptForm = z.object({
  code: z.preprocess(
    text,
    z
      .string()
      .min(1, 'surveys.respond.errors.receiptCodeMissing')
      .refine((v) => parseReceiptCode(v) !== undefined, 'surveys.respond.errors.receiptCodeInvalid'),
  ),
});

const RATING_KEYS = LISTENED_RATINGS.map((r) => r.key) as [ListenedRating, ...ListenedRating[]];

export const listenedForm = z.object({
  rating: z.preprocess(text, z.enum(RATING_KEYS, 'feedback.myViews.errors.ratingMissing')),
});
