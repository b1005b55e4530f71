import type { PersonSummary } from '../../../shared/contracts/persons-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { summaryColumns, toSummary } from '../persons/person-record';
import type { PersonsService } from '../persons/persons.service';
import type { RegionsService } from '../regions/regions.service';

/**
 * Registry persons as contests and the talent roster show them: picked through the persons
 * service (existence and region scope), shown as the registry's masked summary. Lists read the
 * summary columns of many persons in one query instead of one service call per row.
 */
export class RegistryPersons {
  constructor(
    private readonly db: Db,
    private readonly persons: PersonsService,
    private readonly regions: RegionsService,
  ) {}

  /** A person the actor may enter somewhere: in scope and not merged away. Read before any transaction. */
  async pick(actor: Actor, personId: string): Promise<{ id: string; name: string; countyCode: string }> {
    const person = await this.persons.get(actor, personId);
    if (person.status !== 'active') throw new AppError('CONFLICT', '该记录已合并到另一条记录，请选择保留的记录');
    return { id: person.id, name: person.name, countyCode: person.countyCode };
  }

  async summaries(ids: readonly string[]): Promise<Map<string, PersonSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('person as p')
      .select([...summaryColumns])
      .where('p.id', 'in', unique)
      .execute();
    const view = {
      today: todayInChina(),
      workingAge: this.persons.options.workingAge,
      regionName: (code: string) => this.regions.get(code)?.name ?? code,
    };
    return new Map(rows.map((row) => [row.id, toSummary(row, view)]));
  }
}
