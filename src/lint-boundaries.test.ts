/**
 * The module boundaries (decision 0016) are enforced by the lint, so the lint itself is tested: the
 * project's own eslint.config.js reads snippets as if they were files at these paths, and must
 * refuse exactly the imports that cross a boundary, and nothing else.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '..');
let eslint: ESLint;

before(() => {
  eslint = new ESLint({ cwd: root });
});

/** The lines on which the boundary rule fails a snippet linted as if it were the file at `file`. */
async function refusedLines(file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  assert.ok(result, `no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${file} did not parse`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
}

test('a module may not reach into another module: repository, forms, other files, types included', async () => {
  const lines = await refusedLines(
    'src/modules/themes/themes.service.ts',
    [
      "import { listQuestions } from '../surveys/questions.repository.ts';",
      "import type { Question } from '../surveys/questions.repository.ts';",
      "import { receiptForm } from '../surveys/respond.forms.ts';",
      "import { ADJUSTMENTS } from '../activities/activity-options.ts';",
      "export { sendAlertsNow } from '../privacy/safeguarding.alerts.ts';",
      'export const used = [listQuestions, receiptForm, ADJUSTMENTS] as const;',
      'export type Used = Question;',
    ].join('\n'),
  );
  assert.deepEqual(lines, [1, 2, 3, 4, 5]);
});

test('a module may use another module through its service or index.ts, and its own files freely', async () => {
  const lines = await refusedLines(
    'src/modules/themes/themes.service.ts',
    [
      "import { getActivity, type Activity } from '../activities/activities.service.ts';",
      "import { JOBS } from '../jobs/index.ts';",
      "import * as repo from './themes.repository.ts';",
      "import { suggest } from './suggestions.ts';",
      "import { NotFoundError } from '../../lib/errors.ts';",
      'export const used = [getActivity, JOBS, repo, suggest, NotFoundError] as const;',
      'export type Used = Activity;',
    ].join('\n'),
  );
  assert.deepEqual(lines, []);
});

test('routes call services: a routes file may not import a repository, its own or any other', async () => {
  const lines = await refusedLines(
    'src/modules/themes/themes.routes.ts',
    [
      "import * as themes from './themes.service.ts';",
      "import * as repo from './themes.repository.ts';",
      "import type { ThemeSummary } from './themes.repository.ts';",
      "import { getActivity } from '../activities/activities.service.ts';",
      'export const used = [themes, repo, getActivity] as const;',
      'export type Used = ThemeSummary;',
    ].join('\n'),
  );
  assert.deepEqual(lines, [2, 3]);
});

test('a file in a module\'s subfolder (or its subfolder) may not reach into another module either', async () => {
  const lines = await refusedLines(
    'src/modules/notifications/testing/fake.ts',
    [
      "import { secretBox } from '../secret-box.ts';",
      "import { answerText } from '../../surveys/answers.ts';",
      "import { findActivity } from '../../activities/activities.service.ts';",
      'export const used = [secretBox, answerText, findActivity] as const;',
    ].join('\n'),
  );
  assert.deepEqual(lines, [2]);
  const deeper = await refusedLines(
    'src/modules/surveys/question-types/fixtures/x.ts',
    [
      "import { defineQuestionType } from '../definition.ts';",
      "import { listQuestions } from '../../questions.repository.ts';",
      "import { ADJUSTMENTS } from '../../../activities/activity-options.ts';",
      "import { findActivity } from '../../../activities/activities.service.ts';",
      'export const used = [defineQuestionType, listQuestions, ADJUSTMENTS, findActivity] as const;',
    ].join('\n'),
  );
  assert.deepEqual(deeper, [3]);
});

test('src/lib imports nothing from src/modules or src/plugins', async () => {
  const lines = await refusedLines(
    'src/lib/x.ts',
    [
      "import { getActivity } from '../modules/activities/activities.service.ts';",
      "import type { RouteAccess } from '../plugins/auth.ts';",
      "import { NotFoundError } from './errors.ts';",
      'export const used = [getActivity, NotFoundError] as const;',
      'export type Used = RouteAccess;',
    ].join('\n'),
  );
  assert.deepEqual(lines, [1, 2]);
  assert.deepEqual(await refusedLines('src/lib/messages/x.ts', "export { ROLES } from '../../modules/accounts/accounts.service.ts';"), [1]);
});

test('outside src/modules (the seed, plugins, bench, browser tests) a module is used through its service or index.ts', async () => {
  const code = (prefix: string) =>
    [
      `import { addQuestion } from '${prefix}modules/surveys/questions.service.ts';`,
      `import * as repo from '${prefix}modules/surveys/questions.repository.ts';`,
      `import { JOBS } from '${prefix}modules/jobs/index.ts';`,
      `import { startScheduler } from '${prefix}modules/jobs/scheduler.ts';`,
      'export const used = [addQuestion, repo, JOBS, startScheduler] as const;',
    ].join('\n');
  assert.deepEqual(await refusedLines('src/seed/x.ts', code('../')), [2, 4]);
  assert.deepEqual(await refusedLines('src/plugins/x.ts', code('../')), [2, 4]);
  assert.deepEqual(await refusedLines('bench/x.ts', code('../src/')), [2, 4]);
  assert.deepEqual(await refusedLines('e2e/x.test.ts', code('../src/')), [2, 4]);
});

test('app.ts, where modules are put together, may also register their routes, but no more', async () => {
  const lines = await refusedLines(
    'src/app.ts',
    [
      "import themesRoutes from './modules/themes/themes.routes.ts';",
      "import * as repo from './modules/themes/themes.repository.ts';",
      'export const used = [themesRoutes, repo] as const;',
    ].join('\n'),
  );
  assert.deepEqual(lines, [2]);
});
