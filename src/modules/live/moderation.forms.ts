/**
 * The moderation buttons' forms. Hiding takes an optional reason from a short fixed list (a
 * facilitator in a busy room picks one, or none), so the form cannot fail: an unknown value is no reason.
 */
import { z } from 'zod';

export const HIDE_REASONS = ['off_topic', 'unkind', 'personal', 'repeat', 'other'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];

export const hideForm = z.object({
  reason: z.preprocess((v) => ((HIDE_REASONS as readonly unknown[]).includes(v) ? v : undefined), z.enum(HIDE_REASONS).optional()),
  back: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
});

export const showForm = z.object({
  back: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
});
