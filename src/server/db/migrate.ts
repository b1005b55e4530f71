import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Tables } from './tables';
import * as foundation from './migrations/0001-foundation';
import * as personRegistry from './migrations/0002-person-registry';
import * as personListIndexes from './migrations/0003-person-list-indexes';
import * as institutionsAndNotices from './migrations/0004-institutions-and-notices';
import * as baseAccreditation from './migrations/0005-base-accreditation';
import * as trainers from './migrations/0006-trainers';
import * as catalogueAndContests from './migrations/0007-catalogue-and-contests';
import * as institutionHistory from './migrations/0008-institution-history';
import * as accreditationPromotion from './migrations/0009-accreditation-promotion';
import * as trainingClasses from './migrations/0010-training-classes';
import * as subsidies from './migrations/0011-subsidies';

/** Forward-only, numbered, listed here in order: no directory scanning, so bundling cannot lose one. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-person-registry': personRegistry,
  '0003-person-list-indexes': personListIndexes,
  '0004-institutions-and-notices': institutionsAndNotices,
  '0005-base-accreditation': baseAccreditation,
  '0006-trainers': trainers,
  '0007-catalogue-and-contests': catalogueAndContests,
  '0008-institution-history': institutionHistory,
  '0009-accreditation-promotion': accreditationPromotion,
  '0010-training-classes': trainingClasses,
  '0011-subsidies': subsidies,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// Migrations run before the typed schema exists: the migrator works on an untyped database.
export async function migrateToLatest(db: Kysely<Tables> | Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider,
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
