import { normaliseIdInput } from './identity-number';

/** GB/T 26341-2010 categories (the 19th character of a second-generation certificate number). */
export const disabilityCategories = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type DisabilityCategory = (typeof disabilityCategories)[number];
export const disabilityCategoryLabels: Record<DisabilityCategory, string> = {
  '1': '视力残疾',
  '2': '听力残疾',
  '3': '言语残疾',
  '4': '肢体残疾',
  '5': '智力残疾',
  '6': '精神残疾',
  '7': '多重残疾',
};

/** Levels: 1 is the most severe, 4 the mildest (the 20th character). */
export const disabilityLevels = ['1', '2', '3', '4'] as const;
export type DisabilityLevel = (typeof disabilityLevels)[number];
export const disabilityLevelLabels: Record<DisabilityLevel, string> = { '1': '一级', '2': '二级', '3': '三级', '4': '四级' };

export type CertificateCheckResult =
  { ok: true; value: string; category: DisabilityCategory; level: DisabilityLevel } | { ok: false; message: string };

/**
 * A second-generation certificate number is the holder's 18-character ID number followed by the
 * category digit and the level digit; the first 18 must equal the holder's (already valid) ID.
 */
export function checkCertificateNumber(input: string, idNumber: string): CertificateCheckResult {
  const value = normaliseIdInput(input);
  if (value.length === 0) return { ok: false, message: '请填写残疾人证号' };
  if (value.length !== 20)
    return { ok: false, message: `残疾人证号应为 20 位（身份证号 + 残疾类别 + 残疾等级），当前为 ${value.length} 位` };
  if (value.slice(0, 18) !== idNumber) return { ok: false, message: '残疾人证号前 18 位须与身份证号一致' };
  const category = value[18]!;
  const level = value[19]!;
  if (!(disabilityCategories as readonly string[]).includes(category))
    return { ok: false, message: '残疾人证号第 19 位（残疾类别）须为 1–7' };
  if (!(disabilityLevels as readonly string[]).includes(level)) return { ok: false, message: '残疾人证号第 20 位（残疾等级）须为 1–4' };
  return { ok: true, value, category: category as DisabilityCategory, level: level as DisabilityLevel };
}
