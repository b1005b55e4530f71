import type { MaskedValue } from '../../shared/domain/masking';

/**
 * A masked number as it is shown (620***********12) and as it should be heard: the stars are
 * hidden from screen readers and the spoken form (“身份证号 620 开头，12 结尾，中间 13 位已隐藏”)
 * is read instead.
 */
export function MaskedText({ value, empty = '未登记' }: { value: MaskedValue | null | undefined; empty?: string }) {
  if (!value) return <>{empty}</>;
  return (
    <span className="masked-text">
      <span aria-hidden="true">{value.text}</span>
      <span className="visually-hidden">{value.spoken}</span>
    </span>
  );
}
