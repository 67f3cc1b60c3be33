/** Smiley scale: 3 or 5 ready-made faces, side by side (the lead may reword them). */
import { z } from 'zod';
import { chooseOne } from './choose-one.ts';
import { formText, readyOption, type QuestionSettings } from './definition.ts';

const faces = (points: 3 | 5) =>
  points === 5
    ? [readyOption('Very happy', '1F604'), readyOption('Happy', '1F642'), readyOption('Okay', '1F610'), readyOption('Sad', '1F641'), readyOption('Very sad', '1F622')]
    : [readyOption('Happy', '1F642'), readyOption('Okay', '1F610'), readyOption('Sad', '1F641')];

export const smileyScale = chooseOne({
  name: 'smiley_scale',
  builder: {
    rows: 'ready-made',
    rowsKey: 'faces',
    maxOptions: 5,
    readyMade: (settings) => faces(settings.points === 5 ? 5 : 3),
    blankSettings: () => ({ points: '3' }),
    draftSettings: (question) => ({ points: String(question.settings.points ?? question.options.length) }),
    settingsSchema: z.object({
      points: formText.refine((v) => v === '3' || v === '5', { message: 'surveys.builder.errors.points.missing' }),
    }).transform(({ points }): QuestionSettings => ({ points: points === '5' ? 5 : 3 })),
    summary: (question, t) => t('surveys.builder.list.faces', { count: question.settings.points ?? question.options.length }),
  },
  view: { inline: true, symbolSize: () => 64 },
});
