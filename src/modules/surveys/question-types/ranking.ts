/** Ranking: the lead's items put in order of importance, one numbered choice per item. */
import { defineQuestionType, isRecord, isString, optionLabel, questionHeader, single, type QuestionOption } from './definition.ts';

export type RankingValue = { kind: 'ranking'; order: string[] };

const field = (option: QuestionOption) => `rank-${option.id}`;

export const ranking = defineQuestionType<RankingValue>({
  name: 'ranking',
  builder: {
    rows: 'written',
    rowNoun: 'items',
    maxOptions: 12,
  },
  answer: {
    parse(question, body, errors) {
      const count = question.options.length;
      const typed = question.options.map((option) => ({ option, raw: single(body[field(option)]) }));
      if (typed.every((t) => t.raw === '')) return null;
      const firstWith = new Map<number, QuestionOption>();
      const ranked: Array<{ option: QuestionOption; rank: number }> = [];
      const before = errors.length;
      for (const { option, raw } of typed) {
        const rank = raw && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
        if (!(rank >= 1 && rank <= count)) {
          errors.push({ field: field(option), key: 'rankMissing', params: { item: option.label, count } });
          continue;
        }
        const earlier = firstWith.get(rank);
        if (earlier) {
          errors.push({ field: field(option), key: 'rankDuplicate', params: { item: option.label, other: earlier.label, rank } });
          continue;
        }
        firstWith.set(rank, option);
        ranked.push({ option, rank });
      }
      if (errors.length > before) return null;
      return { kind: 'ranking', order: ranked.sort((a, b) => a.rank - b.rank).map((r) => r.option.id) };
    },
    required(question) {
      const first = question.options[0];
      return { field: first ? field(first) : 'answer', key: 'rankAll', params: { count: question.options.length } };
    },
    formValues: (value) => Object.fromEntries(value.order.map((id, i) => [`rank-${id}`, String(i + 1)])),
    read: (raw) => (isRecord(raw) && raw.kind === 'ranking' && Array.isArray(raw.order) && raw.order.every(isString) ? { kind: 'ranking', order: raw.order } : null),
    describe(question, value, label) {
      return value.order.map((id, i) => {
        const option = question.options.find((o) => o.id === id);
        return `${i + 1}. ${option ? label(option) : ''}`;
      });
    },
  },
  view: { model: (question) => ({ numbers: question.options.map((_, i) => i + 1) }) },
  results: {
    kind: 'ranking',
    tally(question, values) {
      const known = new Set(question.options.map((o) => o.id));
      const orders = values.map((v) => [...new Set(v.order.filter((id) => known.has(id)))]).filter((o) => o.length > 0);
      return {
        answered: orders.length,
        ranking: question.options.map((o) => {
          const ranks = orders.map((order) => order.indexOf(o.id) + 1).filter((r) => r > 0);
          return { label: o.label, averageRank: ranks.length ? ranks.reduce((s, r) => s + r, 0) / ranks.length : 0, first: orders.filter((order) => order[0] === o.id).length };
        }),
      };
    },
  },
  export: [{
    header: questionHeader,
    cell(question, value) {
      if (!value) return null;
      const items = value.order.map((id) => optionLabel(question, id)).filter((l) => l !== undefined);
      return items.map((item, i) => `${i + 1}. ${item}`).join('; ') || null;
    },
  }],
});
