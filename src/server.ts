/**
 * config → database (embedded or DATABASE_URL) → migrations → demo seed → app → listen.
 * On SIGTERM or SIGINT: readiness turns 503 at once, in-flight requests finish, exit within 5 s.
 */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { prepareDatabase } from './db/bootstrap.ts';
import { createDb } from './db/db.ts';
import { DataDirInUseError, startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.ts';
import { DEMO_ACCOUNTS, DEMO_SLUG, seedDemo } from './db/seed.ts';

const SHUTDOWN_DEADLINE_MS = 5000;

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
  const seeded = demoWanted ? await seedDemo(db, config.demoPassword) : false;
  const app = await buildApp({ config: { ...config, demo: demoWanted }, db, secret });
  await app.listen({ port: config.port, host: config.host });

  const url = config.baseUrl;
  console.log(`\nChorus is running at ${url}`);
  if (demoWanted) {
    console.log(`Demo area${seeded ? ' (just created)' : ''}: ${url}/a/${DEMO_SLUG}`);
    console.log(`Sign in at ${url}/sign-in with any of these (password: ${config.demoPassword}):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(36)} ${account.role.replace('_', ' ')}`);
  }
  console.log('Press Ctrl+C to stop.\n');

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
      await app.close();
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
