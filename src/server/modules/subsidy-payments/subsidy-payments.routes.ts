import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as contracts from '../../../shared/contracts/subsidy-payments-contracts';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../../../shared/contracts/subsidy-payments-contracts';
import { attachmentHeader, type ExportColumn, exportWorkbook, XLSX_MEDIA_TYPE } from '../../platform/excel-export';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import {
  type IdempotentAnswer,
  IdempotencyKeyReused,
  type PaymentExportRow,
  type SubsidyPaymentsService,
} from './subsidy-payments.service';

const exportColumns: ExportColumn<PaymentExportRow>[] = [
  { header: '序号', width: 8, value: (r) => r.index },
  { header: '申领编号', width: 26, value: (r) => r.claimNo },
  { header: '收款人', width: 20, value: (r) => r.payeeName },
  { header: '开户银行', width: 24, value: (r) => r.bankName },
  { header: '银行账号', width: 26, value: (r) => r.bankAccount },
  { header: '金额（元）', width: 14, value: (r) => r.amountYuan },
  { header: '培训机构', width: 28, value: (r) => r.institutionName },
  { header: '申领状态', width: 16, value: (r) => r.status },
  { header: '已支付', width: 8, value: (r) => (r.paid ? '是' : '否') },
  { header: '凭证号', width: 20, value: (r) => r.voucherRef },
];

/**
 * A key used before for another request answers 422 (Unprocessable Content, as the IETF
 * Idempotency-Key draft says); the shared error codes have no such status, so it is sent here.
 */
async function idempotently<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<IdempotentAnswer<T>>,
): Promise<T | FastifyReply> {
  try {
    const answer = await work();
    if (answer.replayed) reply.header(REPLAYED_HEADER, 'true');
    return answer.body;
  } catch (error) {
    if (!(error instanceof IdempotencyKeyReused)) throw error;
    return reply
      .status(422)
      .header('cache-control', 'no-store')
      .send({ code: error.code, message: error.message, details: error.details, requestId: request.id });
  }
}

/** Payment batches, payments and reversals (money requests carry an Idempotency-Key header). */
export function registerSubsidyPaymentsRoutes(app: FastifyInstance, payments: SubsidyPaymentsService): void {
  registerRoute(app, contracts.listPaymentBatches, async ({ query }, request) => payments.list(requireActor(request.actor), query));

  registerRoute(app, contracts.listBatchFunds, async (_input, request) => payments.funds(requireActor(request.actor)));

  registerRoute(app, contracts.listBatchCandidates, async ({ query }, request) =>
    payments.candidates(requireActor(request.actor), query.fundId),
  );

  registerRoute(app, contracts.getPaymentBatch, async ({ params }, request) => payments.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createPaymentBatch, async ({ body }, request) =>
    payments.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.removeBatchClaim, async ({ params, body }, request) =>
    payments.removeClaim(requireActor(request.actor), params.id, body.claimId, requestMeta(request)),
  );

  registerRoute(app, contracts.cancelPaymentBatch, async ({ params, body }, request) =>
    payments.cancel(requireActor(request.actor), params.id, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.payPaymentBatch, async ({ params, body }, request, reply) =>
    idempotently(request, reply, () =>
      payments.pay(requireActor(request.actor), params.id, request.headers[IDEMPOTENCY_HEADER], body, requestMeta(request)),
    ),
  );

  registerRoute(app, contracts.reverseSubsidyPayment, async ({ params, body }, request, reply) =>
    idempotently(request, reply, () =>
      payments.reverse(requireActor(request.actor), params.id, request.headers[IDEMPOTENCY_HEADER], body, requestMeta(request)),
    ),
  );

  registerRoute(app, contracts.listClaimPayments, async ({ params }, request) =>
    payments.claimPayments(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.exportPaymentBatch, async ({ params, query }, request, reply) => {
    const { batchNo, full, rows } = await payments.exportRows(requireActor(request.actor), params.id, query, requestMeta(request));
    return reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentHeader(`支付批次${batchNo}${full ? '（完整账号）' : ''}.xlsx`))
      .header('cache-control', 'no-store')
      .send(exportWorkbook('付款清单', exportColumns, rows));
  });
}
