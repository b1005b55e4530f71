import { afterAll, beforeAll, describe } from 'vitest';
import { programmeStatuses, skillLevels } from '../../shared/domain/catalogue-codes';
import {
  budgetCategories,
  candidateKinds,
  candidateStatuses,
  contestAwards,
  contestLevels,
  contestStatuses,
} from '../../shared/domain/contest-codes';
import { trainingTypes } from '../../shared/domain/person-codes';
import { apprenticeshipStatuses, talentCategories } from '../../shared/domain/talent-codes';
import { itMatchesCodeLists } from '../testing/check-constraints';
import { openTestDatabase } from '../testing/test-app';
import type { Database } from './database';

/** Area D's code lists live once in src/shared and are mirrored by CHECK constraints of migration 0007. */
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(() => drop());

describe('CHECK constraints of the catalogue, contests and talent tables match the shared code lists', () => {
  itMatchesCodeLists(
    () => database.db,
    [
      ['catalogue_programme', 'status', programmeStatuses],
      ['catalogue_programme', 'skill_level', skillLevels],
      ['catalogue_programme', 'training_type', trainingTypes],
      ['contest', 'level', contestLevels],
      ['contest', 'status', contestStatuses],
      ['contest_entrant', 'award', contestAwards],
      ['contest_budget_line', 'category', budgetCategories],
      ['talent_candidate', 'kind', candidateKinds],
      ['talent_candidate', 'status', candidateStatuses],
      ['talent_member', 'categories', talentCategories],
      ['apprenticeship', 'status', apprenticeshipStatuses],
    ],
  );
});
