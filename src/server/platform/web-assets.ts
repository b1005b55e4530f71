import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendError } from './error-handler';

export const webDist = resolve(import.meta.dirname, '../../../dist/web');
const webSources = [resolve(import.meta.dirname, '../../web'), resolve(import.meta.dirname, '../../shared')];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Whether dist/web (or `distDir`) is missing or older than any source it is built from. */
export function webBuildIsStale(distDir: string = webDist): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return webSources.some((dir) => existsSync(dir) && newestMtime(dir) > built);
}

export async function buildWeb(outDir: string = webDist): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: resolve(import.meta.dirname, '../../../vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: resolve(outDir), emptyOutDir: true },
  });
}

/** Serves the built web app; any non-API path falls back to index.html for the client router. */
export async function registerWebAssets(app: FastifyInstance, distDir: string = webDist): Promise<void> {
  const root = resolve(distDir);
  const built = existsSync(join(root, 'index.html'));
  if (built) await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (built && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(request, reply, 'ROUTE_NOT_FOUND');
  });
}
