import { Tag } from 'antd';
import { createElement } from 'react';
import type { ProgrammeStatus } from '../../../shared/domain/catalogue-codes';
import { programmeStatusLabels } from '../../../shared/domain/catalogue-codes';

/** Codes in the order of their code list, as labels joined by 、 (the order the forms show them). */
export function codesText<T extends string>(codes: readonly T[], labels: Record<T, string>, chosen: readonly T[], empty = '无'): string {
  const text = codes
    .filter((code) => chosen.includes(code))
    .map((code) => labels[code])
    .join('、');
  return text || empty;
}

const statusClass: Record<ProgrammeStatus, string> = {
  draft: '',
  on_notice: 'state-warn',
  active: 'state-good',
  superseded: '',
  retired: '',
  refused: 'state-bad',
};

/** A status in words (the tag's colour only repeats what the text says). */
export function ProgrammeStatusTag({ status }: { status: ProgrammeStatus }) {
  return createElement(Tag, { className: statusClass[status] || undefined }, programmeStatusLabels[status]);
}
