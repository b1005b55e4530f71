import { afterAll, beforeAll, describe } from 'vitest';
import { sexes } from '../../../shared/domain/person-codes';
import {
  qualificationKinds,
  rotationResults,
  trainerEngagements,
  trainerInstitutionRoles,
  trainerSources,
  trainerStatuses,
} from '../../../shared/domain/trainer-codes';
import type { Database } from '../../db/database';
import { itMatchesCodeLists } from '../../testing/check-constraints';
import { openTestDatabase } from '../../testing/test-app';

/** The trainer code lists live once in src/shared and are mirrored by CHECK constraints of migration 0006. */
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(() => drop());

describe('trainer CHECK constraints match the shared code lists', () => {
  itMatchesCodeLists(
    () => database.db,
    [
      ['trainer', 'sex', sexes],
      ['trainer', 'sources', trainerSources],
      ['trainer', 'engagement', trainerEngagements],
      ['trainer', 'status', trainerStatuses],
      ['trainer_qualification', 'kind', qualificationKinds],
      ['trainer_institution', 'role', trainerInstitutionRoles],
      ['trainer_rotation', 'result', rotationResults],
    ],
  );
});
