/** Rating: 1 to 5 or 1 to 10, one numbered button each; results show every point of the scale and the median. */
import { z } from 'zod';
import { defineQuestionType, formText, isRecord, questionHeader, single, type Question, type QuestionSettings } from './definition.ts';
import { distribution, median } from './statistics.ts';

export type RatingValue = { kind: 'rating'; value: number };

/** The top of this question's scale. */
export function ratingMax(question: Question): number {
  return question.settings.maxRating === 10 ? 10 : 5;
}

export const rating = defineQuestionType<RatingValue>({
  name: 'rating',
  builder: {
    rows: 'none',
    blankSettings: () => ({ maxRating: '5' }),
    draftSettings: (question) => ({ maxRating: question.settings.maxRating ? String(question.settings.maxRating) : '' }),
    settingsSchema: z.object({
      maxRating: formText.refine((v) => v === '5' || v === '10', { message: 'surveys.builder.errors.maxRating.missing' }),
    }).transform(({ maxRating }): QuestionSettings => ({ maxRating: maxRating === '10' ? 10 : 5 })),
    summary: (question, t) => t('surveys.builder.list.rating', { max: question.settings.maxRating ?? 5 }),
  },
  answer: {
    parse(question, body, errors) {
      const chosen = single(body.answer);
      if (chosen === '') return null;
      const max = ratingMax(question);
      const n = chosen !== null && /^\d{1,2}$/.test(chosen) ? Number(chosen) : NaN;
      if (!(n >= 1 && n <= max)) {
        errors.push({ field: 'answer', key: 'chooseRating', params: { max } });
        return null;
      }
      return { kind: 'rating', value: n };
    },
    required: (question) => ({ field: 'answer', key: 'chooseRating', params: { max: ratingMax(question) } }),
    formValues: (value) => ({ answer: String(value.value) }),
    read: (raw) => (isRecord(raw) && raw.kind === 'rating' && Number.isInteger(raw.value) ? { kind: 'rating', value: raw.value as number } : null),
    describe: (question, value, _label, t) => [t('surveys.respond.question.ratingValue', { value: value.value, max: ratingMax(question) })],
  },
  view: { model: (question) => ({ numbers: Array.from({ length: ratingMax(question) }, (_, i) => i + 1) }) },
  results: {
    kind: 'distribution',
    tally(question, values) {
      const max = question.settings.maxRating ?? 5;
      const numbers = values.map((v) => v.value).filter((v) => v >= 1 && v <= max);
      return { answered: numbers.length, rows: distribution(numbers, { min: 1, max }), median: median(numbers) };
    },
  },
  export: [{ header: questionHeader, cell: (_question, value) => (value ? value.value : null) }],
});
