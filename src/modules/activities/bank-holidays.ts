/**
 * England and Wales bank holidays, shipped as data (data/bank-holidays.json, with its source and a
 * note of how sure it is). Schools are closed and many families are away on these days.
 */
import data from './data/bank-holidays.json' with { type: 'json' };

export type BankHoliday = { date: string; key: string; substitute: boolean };

export type BankHolidayData = {
  holidays: readonly BankHoliday[];
  /** Years the list covers: outside them a date cannot be checked. */
  firstYear: number;
  lastYear: number;
};

export const BANK_HOLIDAYS: BankHolidayData = {
  holidays: data.events.map((e) => ({ date: e.date, key: e.key, substitute: e.substitute })),
  firstYear: data.firstYear,
  lastYear: data.lastYear,
};

export const BANK_HOLIDAY_SOURCE = data.source;
