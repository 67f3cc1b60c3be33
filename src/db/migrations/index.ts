/**
 * Every migration, in order. Listed by hand (not read from the folder) so a typo'd file name or a
 * stray file can never change what runs.
 */
import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-22T0900_foundation.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-22T0900_foundation': foundation,
};
