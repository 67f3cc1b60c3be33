/**
 * Every action written to the audit log has words on the audit page: an admin reading the log
 * sees "Looked at the original words of a contribution", never a raw key.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { translator } from '../../lib/messages/messages.ts';

const modules = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

test('every audited action has a label in English and Welsh', () => {
  const actions = new Set<string>();
  for (const file of sourceFiles(modules)) {
    const text = readFileSync(file, 'utf8');
    // audit(tx, areaId, actor, 'the.action', …) or 'the.thing.done' — possibly over several lines.
    for (const m of text.matchAll(/\baudit\(\s*\w+,[^;]*?,\s*'([a-z_]+(?:\.[a-z_]+)+)'/gs)) actions.add(m[1]!);
  }
  assert.ok(actions.size >= 20, `found ${actions.size} audited actions`);
  for (const language of ['en', 'cy'] as const) {
    const t = translator(language);
    const missing = [...actions].filter((action) => t(`audit.actions.${action}`) === `audit.actions.${action}`);
    assert.deepEqual(missing, [], `${language}: no label for ${missing.join(', ')}`);
  }
});
