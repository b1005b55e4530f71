import { buildWeb, webBuildIsStale } from '../../src/server/platform/web-assets';

/** Builds the web app once per run when it is missing or older than its sources. */
export default async function setup(): Promise<void> {
  if (webBuildIsStale()) await buildWeb();
}
