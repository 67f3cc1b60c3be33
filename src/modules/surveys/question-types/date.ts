/** Date: the GOV.UK date input (day, month, year); results count answers by month. */
import { cleanText, defineQuestionType, isRecord, isString, questionHeader } from './definition.ts';
import { byMonth } from './statistics.ts';

export type DateValue = { kind: 'date'; date: string };

export const date = defineQuestionType<DateValue>({
  name: 'date',
  builder: { rows: 'none' },
  answer: {
    parse(_question, body, errors) {
      const parts = { day: cleanText(body['answer-day']), month: cleanText(body['answer-month']), year: cleanText(body['answer-year']) };
      if (!parts.day && !parts.month && !parts.year) return null;
      const missing = (['day', 'month', 'year'] as const).find((p) => !parts[p]);
      if (missing) {
        errors.push({ field: `answer-${missing}`, key: `dateMissing${missing[0]!.toUpperCase()}${missing.slice(1)}` });
        return null;
      }
      const day = Number(parts.day), month = Number(parts.month), year = Number(parts.year);
      const when = new Date(Date.UTC(year, month - 1, day));
      const real =
        /^\d{1,2}$/.test(parts.day) && /^\d{1,2}$/.test(parts.month) && /^\d{4}$/.test(parts.year) &&
        year >= 1900 && year <= 2100 &&
        when.getUTCFullYear() === year && when.getUTCMonth() === month - 1 && when.getUTCDate() === day;
      if (!real) {
        errors.push({ field: 'answer-day', key: 'dateReal' });
        return null;
      }
      return { kind: 'date', date: when.toISOString().slice(0, 10) };
    },
    required: () => ({ field: 'answer-day', key: 'enterDate' }),
    formValues(value) {
      const [year = '', month = '', day = ''] = value.date.split('-');
      return { 'answer-day': String(Number(day)), 'answer-month': String(Number(month)), 'answer-year': year };
    },
    read: (raw) => (isRecord(raw) && raw.kind === 'date' && isString(raw.date) && /^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(raw.date) ? { kind: 'date', date: raw.date } : null),
    describe(_question, value, _label, _t, lang) {
      const when = new Date(`${value.date}T12:00:00Z`);
      return [new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(when)];
    },
  },
  results: {
    kind: 'months',
    tally: (_question, values) => ({ answered: values.length, rows: byMonth(values.map((v) => v.date)) }),
  },
  export: [{ header: questionHeader, cell: (_question, value) => (value ? value.date : null) }],
});
