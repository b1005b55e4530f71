import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/persons-contracts';
import { disabilityCategoryLabels, disabilityLevelLabels } from '../../../shared/domain/disability';
import {
  accommodationLabels,
  accommodationNeeds,
  educationLabels,
  employmentStatusLabels,
  sexLabels,
  trainingTypeLabels,
  trainingTypes,
  urbanRuralLabels,
} from '../../../shared/domain/person-codes';
import { attachmentHeader, type ExportColumn, exportWorkbook, XLSX_MEDIA_TYPE } from '../../platform/excel-export';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { PersonExportRow, PersonsService } from './persons.service';

function labelsInOrder<C extends string>(codes: readonly C[], labels: Record<C, string>, chosen: readonly C[]): string {
  return codes
    .filter((c) => chosen.includes(c))
    .map((c) => labels[c])
    .join('、');
}

const exportColumns: ExportColumn<PersonExportRow>[] = [
  { header: '姓名', value: (p) => p.name },
  { header: '性别', width: 8, value: (p) => sexLabels[p.sex] },
  { header: '出生日期', width: 12, value: (p) => p.birthDate },
  { header: '年龄', width: 8, value: (p) => p.age },
  { header: '身份证号', width: 22, value: (p) => p.idNumber },
  { header: '残疾人证号', width: 24, value: (p) => p.certificateNumber },
  { header: '残疾类别', width: 12, value: (p) => (p.disabilityCategory ? disabilityCategoryLabels[p.disabilityCategory] : null) },
  { header: '残疾等级', width: 10, value: (p) => (p.disabilityLevel ? disabilityLevelLabels[p.disabilityLevel] : null) },
  { header: '登记县区', value: (p) => p.countyName },
  { header: '户籍地', width: 22, value: (p) => p.hukouName },
  { header: '城乡', width: 8, value: (p) => (p.urbanRural ? urbanRuralLabels[p.urbanRural] : null) },
  { header: '文化程度', width: 12, value: (p) => (p.education ? educationLabels[p.education] : null) },
  { header: '就业状况', width: 10, value: (p) => employmentStatusLabels[p.employmentStatus] },
  // in the order of the code lists, as the forms show them
  { header: '培训意愿', width: 30, value: (p) => labelsInOrder(trainingTypes, trainingTypeLabels, p.trainingWishes) },
  { header: '便利需求', width: 30, value: (p) => labelsInOrder(accommodationNeeds, accommodationLabels, p.accommodations) },
];

/**
 * The real-name registry. Every answer holds personal data and leaves with `no-store` (the API
 * default); ID and certificate numbers travel only in request bodies, never in a URL.
 * The import routes live in person-import.routes.ts.
 */
export function registerPersonsRoutes(app: FastifyInstance, persons: PersonsService): void {
  registerRoute(app, contracts.listPersons, async ({ query }, request) => persons.list(requireActor(request.actor), query));

  registerRoute(app, contracts.exportPersons, async ({ query }, request, reply) => {
    const { full, rows } = await persons.exportRows(requireActor(request.actor), query, requestMeta(request));
    const name = full ? '残疾人名单（完整证件号码）' : '残疾人名单';
    return reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentHeader(`${name}.xlsx`))
      .header('cache-control', 'no-store')
      .send(exportWorkbook('残疾人名单', exportColumns, rows));
  });

  registerRoute(app, contracts.searchPersonById, async ({ body }, request) =>
    persons.searchByNumber(requireActor(request.actor), body.number, requestMeta(request)),
  );

  registerRoute(app, contracts.listDuplicates, async ({ query }, request) => persons.duplicates(requireActor(request.actor), query));

  registerRoute(app, contracts.dismissDuplicate, async ({ body }, request) =>
    persons.dismissDuplicate(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.mergePersons, async ({ body }, request) =>
    persons.merge(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.getPerson, async ({ params }, request) => persons.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.unmaskPerson, async ({ params, body }, request) =>
    persons.unmask(requireActor(request.actor), params.id, body.field, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.createPerson, async ({ body }, request) =>
    persons.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.updatePerson, async ({ params, body }, request) =>
    persons.update(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.addConsent, async ({ params, body }, request) =>
    persons.addConsent(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.withdrawConsent, async ({ params, body }, request) =>
    persons.withdrawConsent(requireActor(request.actor), params.id, params.consentId, body.withdrawnOn, requestMeta(request)),
  );

  registerRoute(app, contracts.recordEmployment, async ({ params, body }, request) =>
    persons.recordEmployment(requireActor(request.actor), params.id, body, requestMeta(request)),
  );
}
