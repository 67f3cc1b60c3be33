/** Multiple choice: any number of answers from a list the lead writes. */
import { defineQuestionType, isRecord, isString, many, optionLabel, questionHeader } from './definition.ts';

export type OptionsValue = { kind: 'options'; optionIds: string[] };

export const multipleChoice = defineQuestionType<OptionsValue>({
  name: 'multiple_choice',
  builder: {
    rows: 'written',
    maxOptions: 20,
    drivesConditions: true,
  },
  answer: {
    parse(question, body, errors) {
      const chosen = many(body.answer);
      if (chosen === null || chosen.some((id) => !question.options.some((o) => o.id === id))) {
        errors.push({ field: 'answer', key: 'chooseFromList' });
        return null;
      }
      if (chosen.length === 0) return null;
      // In the order the options are shown, each once, however the browser sent them.
      return { kind: 'options', optionIds: question.options.filter((o) => chosen.includes(o.id)).map((o) => o.id) };
    },
    required: () => ({ field: 'answer', key: 'chooseSome' }),
    formValues: (value) => ({ answer: value.optionIds }),
    read: (raw) => (isRecord(raw) && raw.kind === 'options' && Array.isArray(raw.optionIds) && raw.optionIds.every(isString) ? { kind: 'options', optionIds: raw.optionIds } : null),
    describe(question, value, label) {
      return value.optionIds.map((id) => {
        const option = question.options.find((o) => o.id === id);
        return option ? label(option) : '';
      });
    },
    chosenOptions: (value) => value.optionIds,
    lineSymbols: (question, value) => value.optionIds.map((id) => question.options.find((o) => o.id === id)?.symbol ?? null),
  },
  results: {
    kind: 'multiple',
    citable: true,
    tally(question, values) {
      const known = new Set(question.options.map((o) => o.id));
      const chosen = values.map((v) => new Set(v.optionIds.filter((id) => known.has(id)))).filter((s) => s.size > 0);
      return { answered: chosen.length, rows: question.options.map((o) => ({ label: o.label, symbol: o.symbol, count: chosen.filter((s) => s.has(o.id)).length })) };
    },
  },
  export: [{
    header: questionHeader,
    cell: (question, value) => (value ? value.optionIds.map((id) => optionLabel(question, id)).filter((l) => l !== undefined).join('; ') || null : null),
  }],
});
