import type { MaskedValue } from '../../../shared/domain/masking';

/** A stored masked name (张**) with what a screen reader should say instead of the stars. */
export function maskedHolder(text: string): MaskedValue {
  const first = [...text][0] ?? '';
  return { text, spoken: `${first}某（姓名已部分隐藏）` };
}

/** The 有效 / 已撤销 statement in words, never by colour alone. */
export function certificateStatusText(status: 'valid' | 'revoked'): string {
  return status === 'valid' ? '有效' : '已撤销';
}
