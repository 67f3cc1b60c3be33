/** Number: a number typed in, with optional limits; results group the numbers and give the median. */
import { z } from 'zod';
import { cleanText, defineQuestionType, formText, isRecord, questionHeader, type QuestionSettings } from './definition.ts';
import { distribution, median } from './statistics.ts';

export type NumberValue = { kind: 'number'; value: number };

/** Numbers beyond this are not answers anyone means, and would lose precision. */
const NUMBER_LIMIT = 1e12;
const LIMIT = /^-?\d{1,9}(\.\d{1,4})?$/;

const limit = formText.transform((v) => v.trim());

export const number = defineQuestionType<NumberValue>({
  name: 'number',
  builder: {
    rows: 'none',
    blankSettings: () => ({ min: '', max: '' }),
    draftSettings: ({ settings }) => ({ min: settings.min === undefined ? '' : String(settings.min), max: settings.max === undefined ? '' : String(settings.max) }),
    settingsSchema: z
      .object({
        min: limit.refine((v) => v === '' || LIMIT.test(v), { message: 'surveys.builder.errors.min.invalid' }),
        max: limit.refine((v) => v === '' || LIMIT.test(v), { message: 'surveys.builder.errors.max.invalid' }),
      })
      .transform(({ min, max }): QuestionSettings => ({ ...(min === '' ? {} : { min: Number(min) }), ...(max === '' ? {} : { max: Number(max) }) }))
      .refine((s) => s.min === undefined || s.max === undefined || s.min <= s.max, { message: 'surveys.builder.errors.max.belowMin', path: ['max'] }),
    summary(question, t) {
      const { min, max } = question.settings;
      if (min !== undefined && max !== undefined) return t('surveys.builder.list.numberRange', { min, max });
      if (min !== undefined) return t('surveys.builder.list.numberMin', { min });
      if (max !== undefined) return t('surveys.builder.list.numberMax', { max });
      return t('surveys.builder.list.numberAny');
    },
  },
  answer: {
    parse(question, body, errors) {
      const typed = cleanText(body.answer).replace(/[\s,]/g, '');
      if (typed === '') return null;
      const { min, max } = question.settings;
      const n = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(typed) ? Number(typed) : NaN;
      if (!Number.isFinite(n) || Math.abs(n) > NUMBER_LIMIT) {
        errors.push({ field: 'answer', key: 'notNumber' });
        return null;
      }
      const low = typeof min === 'number' && n < min;
      const high = typeof max === 'number' && n > max;
      if (low || high) {
        if (typeof min === 'number' && typeof max === 'number') errors.push({ field: 'answer', key: 'between', params: { min, max } });
        else if (low) errors.push({ field: 'answer', key: 'tooSmall', params: { min: min! } });
        else errors.push({ field: 'answer', key: 'tooBig', params: { max: max! } });
        return null;
      }
      return { kind: 'number', value: n };
    },
    required: () => ({ field: 'answer', key: 'enterNumber' }),
    formValues: (value) => ({ answer: String(value.value) }),
    read: (raw) => (isRecord(raw) && raw.kind === 'number' && typeof raw.value === 'number' && Number.isFinite(raw.value) ? { kind: 'number', value: raw.value } : null),
    describe: (_question, value) => [String(value.value)],
  },
  view: { model: (question) => ({ min: question.settings.min, max: question.settings.max }) },
  results: {
    kind: 'distribution',
    tally(_question, values) {
      const numbers = values.map((v) => v.value);
      return { answered: numbers.length, rows: distribution(numbers), median: median(numbers) };
    },
  },
  export: [{ header: questionHeader, cell: (_question, value) => (value ? value.value : null) }],
});
