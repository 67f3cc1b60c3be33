/** Yes / no / not sure: three ready-made answers with symbols (the lead may reword them). */
import { chooseOne } from './choose-one.ts';
import { readyOption } from './definition.ts';

export const yesNoNotSure = chooseOne({
  name: 'yes_no_not_sure',
  builder: {
    rows: 'ready-made',
    rowsKey: 'answers',
    maxOptions: 3,
    readyMade: () => [readyOption('Yes', '1F44D'), readyOption('No', '1F44E'), readyOption('Not sure', '1F914')],
  },
});
