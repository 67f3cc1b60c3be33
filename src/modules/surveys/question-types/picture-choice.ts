/** Picture choice: one picture from a few, side by side, each with a symbol and alt text (symbols are required). */
import { chooseOne } from './choose-one.ts';

export const pictureChoice = chooseOne({
  name: 'picture_choice',
  builder: { rows: 'written', rowsKey: 'pictures', maxOptions: 12, symbolRequired: true },
  view: { inline: true, symbolSize: () => 96 },
});
