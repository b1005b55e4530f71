import type { FundPositionView } from '../../../shared/contracts/funds-contracts';
import { formatFen } from '../../../shared/domain/class-codes';

/** The position as one sentence, for a screen reader and for a status line. */
export function positionText(p: FundPositionView): string {
  return `预算 ${formatFen(p.budgetFen)}，已审定未支付 ${formatFen(p.committedFen)}，已支付 ${formatFen(p.paidFen)}，可用余额 ${formatFen(p.availableFen)}`;
}

export function currentYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}
