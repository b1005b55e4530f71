import type { InstitutionStatus } from '../../../shared/domain/institution-codes';

/** What the history shows for each audited action on an institution. */
export const historyActionLabels: Record<string, string> = {
  'institutions.create': '登记',
  'institutions.update': '修改',
  'institutions.profile_update': '机构修改自身信息',
  'institutions.submit': '提交公示',
  'institutions.effective': '公示期满，生效',
  'institutions.refused': '异议成立，未通过公示',
  'institutions.withdrawn': '公示撤回，退回待公示',
  'institutions.close': '注销',
};

/** The tag class of a status: the words carry the meaning, colour only repeats it. */
export const statusTagClass: Record<InstitutionStatus, string> = {
  draft: 'state-warn',
  on_notice: 'state-warn',
  active: 'state-good',
  refused: 'state-bad',
  closed: 'state-bad',
};

/** One occupation per line, as typed; blank lines dropped. */
export function occupationsFromText(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function occupationsToText(occupations: readonly string[]): string {
  return occupations.join('\n');
}
