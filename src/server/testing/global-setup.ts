import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { type Db, openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createRegionsRepository } from '../modules/regions/regions.repository';
import { RegionsService } from '../modules/regions/regions.service';
import { testDatabaseUrl } from '../config';

/**
 * One migrated template per run, so a test file starts from a copy instead of running initdb
 * and every migration again: a PGlite data-dir dump, and on PostgreSQL a template database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = testDatabaseUrl();
  if (url) {
    const name = `abletrain_tpl_${process.pid}`;
    const admin = await openDatabase({ url, poolSize: 1 });
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)}`.execute(admin.db);
    await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
    const template = await openDatabase({ url: withDatabase(url, name), poolSize: 1 });
    await prepare(template.db);
    await template.close();
    project.provide('templateDatabase', name);
    return async () => {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db).catch(() => undefined);
      await admin.close();
    };
  }
  const dir = resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `template-${process.pid}.tar.gz`);
  const database = await openDatabase({ dataDir: 'memory://' });
  await prepare(database.db);
  const dump = await database.pglite!.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('templateDatabase', file);
  return async () => rmSync(file, { force: true });
}

async function prepare(db: Db): Promise<void> {
  await migrateToLatest(db);
  await new RegionsService(createRegionsRepository(db), '620000').load();
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
