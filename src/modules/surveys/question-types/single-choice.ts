/** Single choice: one answer from a list the lead writes, with an optional symbol for each. */
import { chooseOne } from './choose-one.ts';

export const singleChoice = chooseOne({ name: 'single_choice', builder: { rows: 'written', maxOptions: 20 } });
