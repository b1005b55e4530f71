export const productName = '残疾人职业技能培训管理服务平台';

export function pageTitle(title: string): string {
  return `${title} - ${productName}`;
}
