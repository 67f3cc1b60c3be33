/**
 * What the "choose one option" types share (single choice, smiley scale, yes / no / not sure,
 * picture choice): one answer from the question's options, counted per option, quotable on a theme.
 * Each of those types is its own file and says how it differs (ready-made faces, pictures…).
 */
import { defineQuestionType, isRecord, isString, optionLabel, questionHeader, single, type QuestionTypeDefinition, type QuestionTypeInput } from './definition.ts';

export type OptionValue = { kind: 'option'; optionId: string };

type Differences = {
  name: string;
  builder: QuestionTypeInput<OptionValue>['builder'] & Pick<QuestionTypeDefinition<OptionValue>['builder'], 'maxOptions'>;
  view?: QuestionTypeDefinition<OptionValue>['view'];
};

export function chooseOne({ name, builder, view }: Differences): QuestionTypeDefinition {
  return defineQuestionType<OptionValue>({
    name,
    builder: {
      drivesConditions: true,
      ...builder,
    },
    answer: {
      parse(question, body, errors) {
        const chosen = single(body.answer);
        if (chosen === '') return null;
        if (chosen === null || !question.options.some((o) => o.id === chosen)) {
          errors.push({ field: 'answer', key: 'chooseFromList' });
          return null;
        }
        return { kind: 'option', optionId: chosen };
      },
      required: () => ({ field: 'answer', key: 'chooseOne' }),
      formValues: (value) => ({ answer: value.optionId }),
      read: (raw) => (isRecord(raw) && raw.kind === 'option' && isString(raw.optionId) ? { kind: 'option', optionId: raw.optionId } : null),
      describe(question, value, label) {
        const option = question.options.find((o) => o.id === value.optionId);
        return [option ? label(option) : ''];
      },
      chosenOptions: (value) => [value.optionId],
      lineSymbols: (question, value) => [question.options.find((o) => o.id === value.optionId)?.symbol ?? null],
    },
    view,
    results: {
      kind: 'options',
      citable: true,
      tally(question, values) {
        const known = new Set(question.options.map((o) => o.id));
        const chosen = values.map((v) => v.optionId).filter((id) => known.has(id));
        return { answered: chosen.length, rows: question.options.map((o) => ({ label: o.label, symbol: o.symbol, count: chosen.filter((id) => id === o.id).length })) };
      },
    },
    export: [{ header: questionHeader, cell: (question, value) => (value ? (optionLabel(question, value.optionId) ?? null) : null) }],
  });
}
