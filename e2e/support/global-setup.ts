import { mkdirSync, rmSync } from 'node:fs';
import { buildWeb } from '../../src/server/platform/web-assets';
import { e2eTemplateDataDir, e2eWebDist, startServer } from './server';

/**
 * Builds the web app once per run (a couple of seconds) into the journeys' own directory, always:
 * a build left by another command may be stale, a development build, or replaced mid-run. Vitest
 * runs with NODE_ENV=test, which Vite would carry into the bundle (React's development build,
 * StrictMode's double effects, antd's dev class names), so the build runs as production: the
 * journeys test the bundle `npm start` serves.
 */
export default async function setup(): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildWeb(e2eWebDist);
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  // One seeded database for every journey to start from (its server also proves the build serves).
  rmSync(e2eTemplateDataDir, { recursive: true, force: true });
  mkdirSync(e2eTemplateDataDir, { recursive: true });
  const seeding = await startServer({}, { dataDir: e2eTemplateDataDir });
  const index = await fetch(`${seeding.baseUrl}/login`);
  const served = index.ok && (await index.text()).includes('<div id="root">');
  await seeding.stop({ keepData: true });
  if (!served) throw new Error('the e2e web build is not served');
}
