import type { ValidatedPerson } from '../../../shared/domain/person-validation';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { PersonRow, Tables } from '../../db/tables';
import { type Actor, inScope } from '../../platform/actor';
import type { AuditTrail } from '../../platform/audit-trail';
import type { PersonalDataCrypto } from '../../platform/personal-data-crypto';
import type { RegionsService } from '../regions/regions.service';
import { changedFields, toColumns } from './person-record';
import { personsRepository } from './persons.repository';

export type UpsertStrategy = 'create_only' | 'create_and_update';

export type UpsertOutcome =
  | { kind: 'created'; person: PersonRow }
  | { kind: 'updated'; person: PersonRow; fields: string[] }
  | { kind: 'unchanged'; person: PersonRow }
  | { kind: 'refused'; field: 'idNumber' | 'certificateNumber' | 'countyCode'; message: string };

export interface UpsertSource {
  /** 'form', or `import:<jobId>:<row>` */
  source: string;
  changeKind: 'create' | 'import';
}

/** The real-name registry: one person per ID number, numbers sealed, every change recorded. */
export class PersonsService {
  constructor(
    readonly db: Db,
    readonly audit: AuditTrail,
    readonly regions: RegionsService,
    readonly crypto: PersonalDataCrypto,
  ) {}

  /**
   * Creates the person of an ID number, or (with create_and_update) brings the existing record
   * up to date, inside the caller's transaction. A person registered in a county outside the
   * actor's scope is refused without saying anything about that record. Does not audit: the
   * caller records one audit event for its whole operation.
   */
  async upsert(trx: Transaction<Tables>, actor: Actor, person: ValidatedPerson, strategy: UpsertStrategy, origin: UpsertSource): Promise<UpsertOutcome> {
    if (!inScope(actor.scope, person.countyCode)) {
      return { kind: 'refused', field: 'countyCode', message: `不能登记本账号管辖范围以外（${person.countyCode}）的人员` };
    }
    const columns = toColumns(person, this.crypto);
    let existing = await personsRepository.findByIdIndexForUpdate(trx, columns.id_number_index);
    // A merged record stands for its survivor: the update goes there.
    while (existing?.merged_into) existing = await personsRepository.findById(trx, existing.merged_into);

    if (columns.certificate_index) {
      const holder = await personsRepository.findByCertificateIndex(trx, columns.certificate_index);
      if (holder && holder.id !== existing?.id && holder.merged_into !== existing?.id) {
        return { kind: 'refused', field: 'certificateNumber', message: '该残疾人证号已登记在另一人名下' };
      }
    }

    const actorName = actor.username;
    if (!existing) {
      const created = await personsRepository.insert(trx, columns, actor.userId);
      await personsRepository.recordChange(trx, { personId: created.id, countyCode: created.county_code, kind: origin.changeKind, fields: [], actorId: actor.userId, actorName, source: origin.source });
      await personsRepository.recordEmployment(trx, {
        personId: created.id,
        countyCode: created.county_code,
        status: created.employment_status,
        form: created.employment_form,
        employerName: null,
        startedOn: null,
        actorId: actor.userId,
      });
      return { kind: 'created', person: created };
    }
    if (!inScope(actor.scope, existing.county_code)) {
      return { kind: 'refused', field: 'idNumber', message: '该身份证号已在本账号管辖范围以外的县区登记，请联系上级残联' };
    }
    if (strategy === 'create_only') return { kind: 'unchanged', person: existing };

    const fields = changedFields(existing, columns);
    if (fields.length === 0) return { kind: 'unchanged', person: existing };
    const { id_number_sealed: _sealed, id_number_index: _index, id_number_masked: _masked, ...changes } = columns;
    if (!fields.includes('certificateNumber')) {
      // keep the stored ciphertext: re-sealing an unchanged number would only churn the row
      delete (changes as Partial<typeof changes>).certificate_sealed;
    }
    const updated = await personsRepository.update(trx, existing.id, existing.version, changes, actor.userId);
    if (!updated) throw new Error('person row changed under a row lock');
    await personsRepository.recordChange(trx, { personId: updated.id, countyCode: updated.county_code, kind: origin.changeKind === 'import' ? 'import' : 'update', fields, actorId: actor.userId, actorName, source: origin.source });
    if (fields.includes('employmentStatus') || fields.includes('employmentForm')) {
      await personsRepository.recordEmployment(trx, {
        personId: updated.id,
        countyCode: updated.county_code,
        status: updated.employment_status,
        form: updated.employment_form,
        employerName: null,
        startedOn: null,
        actorId: actor.userId,
      });
    }
    return { kind: 'updated', person: updated, fields };
  }
}
