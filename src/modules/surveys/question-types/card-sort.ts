/**
 * Card sort, Talking Mats style: each of the lead's cards goes on "I like it", "Not sure" or
 * "I don't like it", with an optional "tell us why" box whose words become a contribution.
 */
import { z } from 'zod';
import { CARD_PILES, cleanText, defineQuestionType, formText, isRecord, isString, MAX_COMMENT, single, type CardPile, type QuestionOption, type QuestionSettings } from './definition.ts';

export type CardSortValue = { kind: 'card_sort'; piles: Record<string, CardPile>; comment?: string };

const field = (option: QuestionOption) => `pile-${option.id}`;

/** A required card sort with no card placed: one message, pointing at the link that starts sorting again. */
const cardSortRequired = { field: 'sort-cards', key: 'sortAll' };

export const cardSort = defineQuestionType<CardSortValue>({
  name: 'card_sort',
  builder: {
    rows: 'written',
    rowNoun: 'items',
    maxOptions: 12,
    blankSettings: () => ({ allowComment: false }),
    draftSettings: (question) => ({ allowComment: question.settings.allowComment === true }),
    settingsSchema: z.object({ allowComment: formText }).transform(({ allowComment }): QuestionSettings => ({ allowComment: allowComment === 'yes' })),
    summary: (question, t) => t(question.settings.allowComment ? 'surveys.builder.list.comment' : 'surveys.builder.list.noComment'),
  },
  answer: {
    // Any card may be left out ("you do not have to answer every question"): the answer is the
    // cards placed. A required question needs one card placed, and says so once, not once a card.
    parse(question, body, errors) {
      const comment = question.settings.allowComment ? cleanText(body.comment) : '';
      const piles: Record<string, CardPile> = {};
      for (const option of question.options) {
        const raw = single(body[field(option)]);
        if (raw !== null && (CARD_PILES as readonly string[]).includes(raw)) piles[option.id] = raw as CardPile;
      }
      const placed = Object.keys(piles).length > 0;
      if (comment.length > MAX_COMMENT) errors.push({ field: 'comment', key: 'commentTooLong', params: { max: MAX_COMMENT } });
      if (!placed && comment !== '' && question.required) errors.push(cardSortRequired);
      if (errors.length > 0 || (!placed && comment === '')) return null;
      return comment ? { kind: 'card_sort', piles, comment } : { kind: 'card_sort', piles };
    },
    required: () => cardSortRequired,
    formValues: (value) => ({ ...Object.fromEntries(Object.entries(value.piles).map(([id, pile]) => [`pile-${id}`, pile])), ...(value.comment ? { comment: value.comment } : {}) }),
    read(raw) {
      if (!isRecord(raw) || raw.kind !== 'card_sort' || !isRecord(raw.piles)) return null;
      const piles: Record<string, CardPile> = {};
      for (const [id, pile] of Object.entries(raw.piles)) if ((CARD_PILES as readonly unknown[]).includes(pile)) piles[id] = pile as CardPile;
      return { kind: 'card_sort', piles, ...(isString(raw.comment) ? { comment: raw.comment } : {}) };
    },
    lineSymbols: (question, value) => question.options.filter((o) => value.piles[o.id]).map((o) => o.symbol),
    describe: (question, value, label, t) => [
      ...question.options.filter((o) => value.piles[o.id]).map((o) => `${label(o)}: ${t(`surveys.respond.piles.${value.piles[o.id]}`)}`),
      ...(value.comment ? [value.comment] : []),
    ],
  },
  view: { model: (question) => ({ allowComment: Boolean(question.settings.allowComment), maxComment: MAX_COMMENT }) },
  results: {
    kind: 'card_sort',
    tally(question, values) {
      const known = new Set(question.options.map((o) => o.id));
      const sorts = values.map((v) => v.piles).filter((piles) => Object.keys(piles).some((id) => known.has(id)));
      return {
        answered: sorts.length,
        cardSort: question.options.map((o) => {
          const piles = CARD_PILES.map((pile) => sorts.filter((s) => s[o.id] === pile).length) as [number, number, number];
          return { label: o.label, piles, notPlaced: sorts.length - piles[0] - piles[1] - piles[2] };
        }),
      };
    },
  },
  export: [
    // One column per card, holding the pile it went on: a lead can sort and count a card's column.
    {
      eachOption: true,
      header: (question, t, card) => t('surveys.results.export.columns.card', { number: question.position, card: card!.label }),
      cell(_question, value, { t }, card) {
        const pile = value?.piles[card!.id];
        return pile ? t(`surveys.results.export.piles.${pile}`) : null;
      },
    },
    // "Tell us why", only when the question offers it.
    {
      when: (question) => question.settings.allowComment === true,
      header: (question, t) => t('surveys.results.export.columns.comment', { number: question.position }),
      cell: (_question, value, context) => (value ? context.writtenText('card_sort', value.comment ?? null) : null),
    },
  ],
  written: (value) => (value.comment?.trim() ? { source: 'card_sort', text: value.comment } : null),
});
