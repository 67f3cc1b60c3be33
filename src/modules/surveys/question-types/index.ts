/**
 * The question types, registered in one list. The order is the order the builder offers them.
 * To add a type: write its file beside these (see definition.ts), its template
 * views/respond/types/<name>.njk, any settings fields in views/builder/settings/<name>.njk, its
 * words under surveys.builder.types.<name> in the message catalogues, and add it here.
 */
import { cardSort } from './card-sort.ts';
import { date } from './date.ts';
import type { QuestionTypeDefinition } from './definition.ts';
import { freeText } from './free-text.ts';
import { multipleChoice } from './multiple-choice.ts';
import { number } from './number.ts';
import { pictureChoice } from './picture-choice.ts';
import { ranking } from './ranking.ts';
import { rating } from './rating.ts';
import { singleChoice } from './single-choice.ts';
import { smileyScale } from './smiley-scale.ts';
import { yesNoNotSure } from './yes-no-not-sure.ts';

export const REGISTRY: readonly QuestionTypeDefinition[] = [
  singleChoice,
  multipleChoice,
  smileyScale,
  yesNoNotSure,
  freeText,
  number,
  date,
  rating,
  ranking,
  cardSort,
  pictureChoice,
];
