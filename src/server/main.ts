import { buildApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { seedDemo } from './db/demo-seed';
import { migrateToLatest } from './db/migrate';
import { buildWeb, webBuildIsStale } from './platform/web-assets';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  if (config.WEB_BUILD_ON_START && webBuildIsStale(config.WEB_DIST_DIR)) {
    console.log('构建前端页面 (building the web app)…');
    await buildWeb(config.WEB_DIST_DIR);
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrateToLatest(database.db);
  const { app, services } = await buildApp(config, database);
  if (config.demoMode && (await seedDemo(database, { crypto: services.persons.crypto, regions: services.regions })))
    app.log.info('demo data loaded');
  services.jobs.start();
  // public notice (area E): ended notices take effect without anyone having to ask
  services.notices.startSettling(config.NOTICE_SETTLE_SECONDS * 1000, app.log);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await services.jobs.stop();
    await services.notices.stopSettling();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    { startupMs: Math.round(performance.now() - started), database: database.kind, demoMode: config.demoMode },
    'AbleTrain ready',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
