import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/trainers-contracts';
import { sexLabels } from '../../../shared/domain/person-codes';
import { trainerEngagementLabels, trainerSourceLabels, trainerSources } from '../../../shared/domain/trainer-codes';
import { rotationStateLabels } from '../../../shared/domain/trainer-rotation';
import { attachmentHeader, type ExportColumn, exportWorkbook, XLSX_MEDIA_TYPE } from '../../platform/excel-export';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { RotationDueExportRow, TrainersService } from './trainers.service';

const dueColumns: ExportColumn<RotationDueExportRow>[] = [
  { header: '姓名', value: (t) => t.name },
  { header: '性别', width: 8, value: (t) => sexLabels[t.sex] },
  { header: '身份证号', width: 22, value: (t) => t.idNumber },
  { header: '登记县区', value: (t) => t.countyName },
  {
    header: '来源类别',
    width: 40,
    value: (t) =>
      trainerSources
        .filter((s) => t.sources.includes(s))
        .map((s) => trainerSourceLabels[s])
        .join('、'),
  },
  { header: '专职/兼职', width: 10, value: (t) => trainerEngagementLabels[t.engagement] },
  { header: '所在机构', width: 30, value: (t) => t.institutionNames.join('、') },
  { header: '轮训截止日', width: 12, value: (t) => t.dueDate },
  { header: '轮训状态', width: 10, value: (t) => rotationStateLabels[t.state] },
  // negative: days overdue; numbers stay numbers in the sheet
  { header: '距截止日天数', width: 12, value: (t) => t.daysUntilDue },
];

/** The trainer pool. Answers hold personal data and leave with `no-store` (the API default). */
export function registerTrainersRoutes(app: FastifyInstance, trainers: TrainersService): void {
  registerRoute(app, contracts.listTrainers, async ({ query }, request) => trainers.list(requireActor(request.actor), query));

  registerRoute(app, contracts.listRotationDue, async ({ query }, request) => trainers.dueList(requireActor(request.actor), query));

  registerRoute(app, contracts.exportRotationDue, async ({ query }, request, reply) => {
    const rows = await trainers.dueExportRows(requireActor(request.actor), query, requestMeta(request));
    return reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentHeader('师资轮训到期与逾期名单.xlsx'))
      .header('cache-control', 'no-store')
      .send(exportWorkbook('轮训到期与逾期', dueColumns, rows));
  });

  registerRoute(app, contracts.listTrainerInstitutionOptions, async ({ query }, request) =>
    trainers.institutionOptions(requireActor(request.actor), query.q),
  );

  registerRoute(app, contracts.getTrainer, async ({ params }, request) => trainers.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createTrainer, async ({ body }, request) =>
    trainers.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.updateTrainer, async ({ params, body }, request) =>
    trainers.update(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.unmaskTrainer, async ({ params, body }, request) =>
    trainers.unmask(requireActor(request.actor), params.id, body.field, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.addRotation, async ({ params, body }, request) =>
    trainers.addRotation(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.voidRotation, async ({ params, body }, request) =>
    trainers.voidRotation(requireActor(request.actor), params.id, params.rotationId, body.reason, body.correction, requestMeta(request)),
  );

  registerRoute(app, contracts.checkMayTeach, async ({ params, query }, request) =>
    trainers.checkMayTeach(requireActor(request.actor), params.id, query.on),
  );

  registerRoute(app, contracts.checkMayTeachBatch, async ({ body }, request) =>
    trainers.checkMayTeachMany(requireActor(request.actor), body.trainerIds, body.on),
  );

  registerRoute(app, contracts.listTrainingBases, async () => trainers.trainingBases());

  registerRoute(app, contracts.designateTrainingBase, async ({ body }, request) =>
    trainers.designateBase(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.endTrainingBase, async ({ params, body }, request) =>
    trainers.endBase(requireActor(request.actor), params.id, body, requestMeta(request)),
  );
}
