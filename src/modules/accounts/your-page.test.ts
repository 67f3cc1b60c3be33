/**
 * "Your page" from the header when the address names no area: the person's own area's page, or
 * their account when they belong to no area (the operator); signed out, sign in first. And where
 * each person lands after signing in when no page asked for them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Client, DEMO_PASSWORD, seededApp } from '../../testing/harness.ts';

let app: FastifyInstance;
let close: () => Promise<void>;
before(async () => {
  ({ app, close } = await seededApp({ config: { baseUrl: 'http://chorus.test' } }));
});
after(() => close());

test('the header’s “Your page” outside an area leads to the person’s area, or to their account', async () => {
  assert.match(String((await new Client(app).get('/your-page')).headers.location), /^\/sign-in/);
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  assert.equal((await parent.get('/your-page')).headers.location, '/a/riverside/your-page');
  const operator = new Client(app);
  await operator.signIn('operator@chorus.example');
  assert.equal((await operator.get('/your-page')).headers.location, '/account');
});

test('after signing in with nothing else asked: each person where their day starts', async () => {
  const landing = async (email: string) => {
    const client = new Client(app);
    await client.get('/sign-in');
    return (await client.post('/sign-in', { email, password: DEMO_PASSWORD })).headers.location;
  };
  assert.equal(await landing('parent@riverside.example'), '/a/riverside/your-page');
  assert.equal(await landing('lead@riverside.example'), '/a/riverside/activities');
  assert.equal(await landing('practitioner@riverside.example'), '/a/riverside/activities');
  assert.equal(await landing('decision-maker@riverside.example'), '/a/riverside/manage');
  assert.equal(await landing('admin@riverside.example'), '/a/riverside/manage');
  assert.equal(await landing('operator@chorus.example'), '/account');
});
