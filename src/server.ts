/**
 * config → database (embedded or DATABASE_URL) → migrations → demo seed → app → listen.
 * On SIGTERM or SIGINT: readiness turns 503 at once, in-flight requests finish, exit within 5 s.
 * The database going away later never stops the process (decision 0014): pages answer 503 until it
 * is back, and an embedded server that stops on its own is started again.
 */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { prepareDatabase } from './db/bootstrap.ts';
import { createDb } from './db/db.ts';
import type { Db } from './db/database.ts';
import { DataDirInUseError, startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.ts';
import { DEMO_ACCOUNTS, DEMO_SLUG, seedDemo } from './seed/seed.ts';
import { DEMO_YOUNG_CODE, DEMO_YOUNG_NAME } from './seed/seed-recognition.ts';
import { DEMO_PICTURES } from './modules/accounts/index.ts';
import { demoReceiptCode } from './seed/seed-feedback.ts';
import { findAreaBySlug } from './modules/areas/areas.service.ts';
import { JOBS, startScheduler, type Scheduler } from './modules/jobs/index.ts';
import { areaNotifiers, installationNotifier } from './modules/notifications/notifications.service.ts';

const SHUTDOWN_DEADLINE_MS = 5000;

/** Says how messages leave this installation, without any secret. */
function describeTransport(config: Config): string {
  const transport = config.installationTransport;
  if (transport.kind === 'notify') return `GOV.UK Notify (${config.notifyBaseUrl})`;
  if (transport.kind === 'smtp') return `SMTP (${new URL(transport.url).host}), from ${transport.from}`;
  return 'kept in the outbox, not sent (set CHORUS_NOTIFY_API_KEY or CHORUS_SMTP_URL to send them)';
}

/** The receipt code the start-up message suggests trying, if the demo area has one. */
async function demoReceipt(db: Db): Promise<string | undefined> {
  const area = await findAreaBySlug(db, DEMO_SLUG);
  return (area && (await demoReceiptCode(db, area.id))) || undefined;
}

/**
 * What a person starting Chorus needs to read, in order, as one block of text (written at once, so
 * no log line can come between its lines): where it runs, in which mode, how messages leave, and
 * the demo's sign-in details.
 */
function startupMessage(config: Config, demo: { demo: boolean; seeded: boolean; receiptCode: string | undefined }): string {
  const url = config.baseUrl;
  const lines = ['', `Chorus is running at ${url}`];
  lines.push(
    config.env === 'development'
      ? 'Development mode (npm run dev): page templates are read again on every request, so edits show at once.'
      : `${config.env === 'production' ? 'Production' : 'Test'} mode: page templates are compiled once and kept in memory. For development, run npm run dev.`,
  );
  lines.push(`Email and text messages: ${describeTransport(config)}.`);
  if (demo.demo) {
    lines.push(`Demo area${demo.seeded ? ' (just created)' : ''}: ${url}/a/${DEMO_SLUG}`);
    lines.push(`Sign in at ${url}/sign-in with any of these (password: ${config.demoPassword}):`);
    for (const account of DEMO_ACCOUNTS) lines.push(`  ${account.email.padEnd(36)} ${account.role.replace('_', ' ')}`);
    lines.push(`A young person with no email address (${DEMO_YOUNG_NAME}, 9): sign in at ${url}/a/${DEMO_SLUG}/young/sign-in with the code ${DEMO_YOUNG_CODE} and the pictures ${DEMO_PICTURES.join(', ')}, in that order.`);
    if (demo.receiptCode) lines.push(`"What happened to my views?" at ${url}/a/${DEMO_SLUG}/my-views: try the receipt code ${demo.receiptCode}.`);
  }
  lines.push('Press Ctrl+C to stop.', '', '');
  return lines.join('\n');
}

async function main(config: Config) {
  let embedded: EmbeddedServer | undefined;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    console.log(`Starting the embedded PostgreSQL server (data in ${config.dataDir}) …`);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
    ownerUrl = embedded.adminUrl('chorus');
  }
  const { appUrl, applied, secret } = await prepareDatabase(ownerUrl, config.databaseAppUrl);
  if (applied.length > 0) console.log(`Applied ${applied.length} database migration(s).`);
  const db = createDb(appUrl);
  // The demo is on by default only for the embedded database: a real server gets no made-up data
  // unless CHORUS_DEMO=true is set explicitly.
  const demoWanted = config.demo && (embedded !== undefined || config.demoExplicit);
  const seeded = demoWanted ? await seedDemo(db, config.demoPassword, config.baseUrl) : false;
  // Messages of no area (invitations, password resets) go the installation's way; so do an area's,
  // until its admin chooses GOV.UK Notify or SMTP for it.
  const notifier = installationNotifier(db, config);
  const notifierFor = areaNotifiers(db, secret, { fallback: notifier, notifyBaseUrl: config.notifyBaseUrl });
  const app = await buildApp({ config: { ...config, demo: demoWanted }, db, secret, notifier, notifierFor, databaseUrl: appUrl });
  // Killed or crashed, the embedded server is started again with a backoff; the pool reconnects by itself.
  embedded?.keepRunning(app.log.child({ module: 'database' }));
  // Everything the start-up message says is looked up before listening, so nothing is awaited
  // between its lines.
  const receiptCode = demoWanted ? await demoReceipt(db) : undefined;
  // Fastify logs "Server listening at …" itself, and pino writes it whenever it gets round to it: it
  // used to land in the middle of the sign-in list. The message below says the same in words, so
  // that one line is left out (only for the listen call: every other log line is as configured).
  const level = app.log.level;
  app.log.level = 'warn';
  try {
    await app.listen({ port: config.port, host: config.host });
  } finally {
    app.log.level = level;
  }
  process.stdout.write(startupMessage(config, { demo: demoWanted, seeded, receiptCode }));
  // Every instance may run the scheduler: scheduled_job makes each run happen once (decision 0010).
  // Started after the message, so the jobs' log lines come after it too.
  const scheduler: Scheduler | undefined = config.jobs
    ? startScheduler({ db, jobs: JOBS, log: app.log.child({ module: 'jobs' }), services: { notifier, notifierFor, baseUrl: config.baseUrl } })
    : undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.draining = true;
    console.log(`${signal} received: finishing requests in progress, then stopping.`);
    const deadline = setTimeout(() => {
      console.error('Shutdown took longer than 5 seconds: stopping now.');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      await Promise.all([app.close(), scheduler?.stop()]);
      await db.destroy();
      await embedded?.stop();
      process.exit(0);
    } catch (error) {
      console.error('Error while stopping:', error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

try {
  await main(loadConfig());
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error('Chorus could not start:', error);
  }
  process.exit(1);
}
