/**
 * Free text: the person's own words, up to a limit the lead sets. The words become a contribution
 * (redacted, screened for safeguarding, themed); results link to them rather than count them.
 */
import { z } from 'zod';
import { cleanText, DEFAULT_FREE_TEXT_MAX, defineQuestionType, formText, isRecord, isString, MAX_TEXT, questionHeader, type Question, type QuestionSettings } from './definition.ts';

export type TextValue = { kind: 'text'; text: string };

/** The most a lead may allow in one box. */
export const FREE_TEXT_LIMIT = MAX_TEXT;

/** The characters this question accepts. */
export function textLimit(question: Question): number {
  const max = question.settings.maxLength ?? DEFAULT_FREE_TEXT_MAX;
  return Math.min(Math.max(1, Math.trunc(max)), MAX_TEXT);
}

export const freeText = defineQuestionType<TextValue>({
  name: 'free_text',
  builder: {
    rows: 'none',
    blankSettings: () => ({ maxLength: String(DEFAULT_FREE_TEXT_MAX) }),
    draftSettings: (question) => ({ maxLength: question.settings.maxLength ? String(question.settings.maxLength) : '' }),
    settingsSchema: z.object({
      maxLength: formText
        .transform((v) => v.trim())
        .refine((v) => v === '' || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= FREE_TEXT_LIMIT), {
          message: 'surveys.builder.errors.maxLength.invalid',
          params: { max: FREE_TEXT_LIMIT },
        }),
    }).transform(({ maxLength }): QuestionSettings => ({ maxLength: maxLength === '' ? DEFAULT_FREE_TEXT_MAX : Number(maxLength) })),
    summary: (question, t) => t('surveys.builder.list.maxLength', { max: question.settings.maxLength ?? DEFAULT_FREE_TEXT_MAX }),
  },
  answer: {
    parse(question, body, errors) {
      const text = cleanText(body.answer);
      if (text === '') return null;
      const max = textLimit(question);
      if (text.length > max) {
        errors.push({ field: 'answer', key: 'tooLong', params: { max } });
        return null;
      }
      return { kind: 'text', text };
    },
    required: () => ({ field: 'answer', key: 'enterText' }),
    formValues: (value) => ({ answer: value.text }),
    read: (raw) => (isRecord(raw) && raw.kind === 'text' && isString(raw.text) ? { kind: 'text', text: raw.text } : null),
    describe: (_question, value) => [value.text],
  },
  view: { model: (question) => ({ maxLength: textLimit(question) }) },
  results: {
    kind: 'free_text',
    tally: (_question, values) => ({ answered: values.filter((v) => v.text.trim().length > 0).length }),
  },
  // The redacted contribution (or the original, with personal details), never the raw answer by default.
  export: [{ header: questionHeader, cell: (_question, value, context) => (value ? context.writtenText('free_text', value.text) : null) }],
  written: (value) => (value.text.trim() ? { source: 'free_text', text: value.text } : null),
});
