import { sql } from 'kysely';
import type { DiscrepancyView, ReconciliationCheck } from '../../../shared/contracts/funds-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import type { Db } from '../../db/database';

interface Row {
  subject_id: string;
  fund_id: string | null;
  claim_no: string | null;
  batch_no: string | null;
  expected: number | string | null;
  found: number | string | null;
}

type Finding = Omit<DiscrepancyView, 'fundCode'>;

/**
 * The cross-checks of the reconciliation report, each one query over the funds of the report: every
 * row a query answers breaks the check. A clean ledger answers no row at all.
 */
export async function findDiscrepancies(db: Db, fundIds: string[]): Promise<Finding[]> {
  if (fundIds.length === 0) return [];
  const funds = sql.join(fundIds);
  const run = async (
    check: ReconciliationCheck,
    subjectKind: Finding['subjectKind'],
    query: ReturnType<typeof sql<Row>>,
    detail: (r: Row) => string,
  ) =>
    (await query.execute(db)).rows.map((r): Finding => ({
      check,
      fundId: r.fund_id,
      subjectKind,
      subjectId: r.subject_id,
      claimNo: r.claim_no,
      batchNo: r.batch_no,
      detail: detail(r),
    }));
  const fen = (v: number | string | null) => formatFen(Number(v ?? 0));

  const paymentWithoutLedger = (kind: 'payment' | 'reversal') => sql<Row>`
    SELECT p.id AS subject_id, p.fund_id, c.claim_no, b.batch_no, p.amount_fen AS expected, NULL AS found
      FROM subsidy_payment p
      JOIN subsidy_claim c ON c.id = p.claim_id
      JOIN payment_batch b ON b.id = p.batch_id
     WHERE p.kind = ${kind} AND p.fund_id IN (${funds})
       AND NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.payment_id = p.id AND l.kind = ${kind})
     ORDER BY p.created_at, p.id`;
  const ledgerWithoutPayment = (kind: 'payment' | 'reversal') => sql<Row>`
    SELECT l.id AS subject_id, l.fund_id, c.claim_no, b.batch_no, NULL AS expected, l.amount_fen AS found
      FROM ledger_entry l
      LEFT JOIN subsidy_claim c ON c.id = l.claim_id
      LEFT JOIN payment_batch b ON b.id = l.batch_id
     WHERE l.kind = ${kind} AND l.fund_id IN (${funds})
       AND NOT EXISTS (SELECT 1 FROM subsidy_payment p WHERE p.id = l.payment_id AND p.kind = ${kind})
     ORDER BY l.created_at, l.id`;

  const results = await Promise.all([
    run('payment_without_ledger', 'payment', paymentWithoutLedger('payment'), (r) => `支付 ${fen(r.expected)}，台账中没有对应的支付分录`),
    run(
      'ledger_payment_without_payment',
      'ledger_entry',
      ledgerWithoutPayment('payment'),
      (r) => `台账支付分录 ${fen(r.found)}，没有对应的支付记录`,
    ),
    run('reversal_without_ledger', 'payment', paymentWithoutLedger('reversal'), (r) => `冲销 ${fen(r.expected)}，台账中没有对应的冲销分录`),
    run(
      'ledger_reversal_without_reversal',
      'ledger_entry',
      ledgerWithoutPayment('reversal'),
      (r) => `台账冲销分录 ${fen(r.found)}，没有对应的冲销记录`,
    ),
    run(
      'paid_claim_net_payments',
      'claim',
      sql<Row>`
        SELECT c.id AS subject_id, c.fund_id, c.claim_no, NULL AS batch_no, 1 AS expected,
               (SELECT count(*) FILTER (WHERE p.kind = 'payment') - count(*) FILTER (WHERE p.kind = 'reversal')
                  FROM subsidy_payment p WHERE p.claim_id = c.id)::int AS found
          FROM subsidy_claim c
         WHERE c.status = 'paid' AND c.fund_id IN (${funds})
           AND (SELECT count(*) FILTER (WHERE p.kind = 'payment') - count(*) FILTER (WHERE p.kind = 'reversal')
                  FROM subsidy_payment p WHERE p.claim_id = c.id) <> 1
         ORDER BY c.claim_no`,
      (r) => `申领状态为已支付，净支付 ${Number(r.found)} 笔（应为 1 笔）`,
    ),
    run(
      'claim_without_commitment',
      'claim',
      sql<Row>`
        SELECT c.id AS subject_id, c.fund_id, c.claim_no, NULL AS batch_no, c.amount_fen AS expected, NULL AS found
          FROM subsidy_claim c
         WHERE c.status IN ('approved', 'batched', 'paid') AND c.fund_id IN (${funds})
           AND (SELECT count(*) FILTER (WHERE l.kind = 'commitment') - count(*) FILTER (WHERE l.kind = 'release')
                  FROM ledger_entry l WHERE l.claim_id = c.id) < 1
         ORDER BY c.claim_no`,
      (r) => `申领金额 ${fen(r.expected)}，台账中没有资金占用分录`,
    ),
    run(
      'batch_total_mismatch',
      'batch',
      sql<Row>`
        SELECT b.id AS subject_id, b.fund_id, NULL AS claim_no, b.batch_no, b.total_fen AS expected,
               coalesce((SELECT sum(p.amount_fen) FROM subsidy_payment p WHERE p.batch_id = b.id AND p.kind = 'payment'), 0)::bigint AS found
          FROM payment_batch b
         WHERE b.status = 'paid' AND b.fund_id IN (${funds})
           AND b.total_fen <> coalesce((SELECT sum(p.amount_fen) FROM subsidy_payment p WHERE p.batch_id = b.id AND p.kind = 'payment'), 0)
         ORDER BY b.batch_no`,
      (r) => `批次合计 ${fen(r.expected)}，支付记录之和 ${fen(r.found)}`,
    ),
    run(
      'ledger_amount_mismatch',
      'ledger_entry',
      sql<Row>`
        SELECT l.id AS subject_id, l.fund_id, c.claim_no, b.batch_no, p.amount_fen AS expected, l.amount_fen AS found
          FROM ledger_entry l
          JOIN subsidy_payment p ON p.id = l.payment_id AND p.kind = l.kind
          JOIN subsidy_claim c ON c.id = p.claim_id
          JOIN payment_batch b ON b.id = p.batch_id
         WHERE l.fund_id IN (${funds}) AND l.amount_fen <> p.amount_fen
         ORDER BY l.created_at, l.id`,
      (r) => `台账金额 ${fen(r.found)}，支付记录金额 ${fen(r.expected)}`,
    ),
  ]);
  return results.flat();
}
