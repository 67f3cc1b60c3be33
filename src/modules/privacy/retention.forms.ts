/**
 * The retention schedule form: one whole number per kind of data, in the kind's unit (months, days or
 * years), within the limits in retention-schedule.ts. Built from the schedule, so a kind added there
 * is a field here.
 */
import { z } from 'zod';
import { RETENTION_SCHEDULE, type RetentionKind } from './retention-schedule.ts';
import type { ScheduleInput } from './retention.service.ts';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

const period = (kind: RetentionKind, min: number, max: number) => {
  const key = (problem: string) => `retention.validation.${kind}.${problem}`;
  return z.preprocess(
    text,
    z
      .string()
      .min(1, key('missing'))
      .regex(/^\d{1,5}$/, key('notNumber'))
      .transform(Number)
      .pipe(z.number().int().min(min, key('range')).max(max, key('range'))),
  );
};

const fields = Object.fromEntries(RETENTION_SCHEDULE.map((rule) => [rule.kind, period(rule.kind, rule.min, rule.max)])) as Record<RetentionKind, ReturnType<typeof period>>;

export const retentionForm = z
  .object({
    ...fields,
    // The periods the page showed (retention.service.ts scheduleFingerprint).
    seen: z.preprocess(text, z.string().max(500)).catch(''),
  })
  .transform((v): ScheduleInput => {
    const { seen, ...periods } = v;
    return { periods: periods as Record<RetentionKind, number>, seen };
  });

/** The form's fields in page order (each field's id is its name). */
export const RETENTION_FIELDS: readonly RetentionKind[] = RETENTION_SCHEDULE.map((rule) => rule.kind);
