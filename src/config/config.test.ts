import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('defaults: port 3000, embedded database in ./data, demo on, loopback only', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.ok(config.dataDir.endsWith('/data'));
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.demo, true);
  assert.equal(config.demoExplicit, false);
  assert.equal(config.baseUrl, 'http://localhost:3000');
  assert.equal(config.demoPassword, 'chorus-demo-password');
});

test('settings are honoured, and an empty variable means "not set"', () => {
  const config = loadConfig({ PORT: '8080', CHORUS_DATA_DIR: '/tmp/x', DATABASE_URL: '', CHORUS_DEMO: 'false', CHORUS_BASE_URL: 'https://chorus.example.org/' });
  assert.equal(config.port, 8080);
  assert.equal(config.dataDir, '/tmp/x');
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.demo, false);
  assert.equal(config.demoExplicit, true);
  assert.equal(config.baseUrl, 'https://chorus.example.org');
});

test('bad settings stop the start with every problem named', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty', CHORUS_DEMO_PASSWORD: 'short' }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /PORT/);
    assert.match(error.message, /CHORUS_DEMO_PASSWORD must be 12 characters or more/);
    return true;
  });
});
