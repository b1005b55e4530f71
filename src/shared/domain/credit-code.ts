/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters —
 * registration authority (1), organisation kind (1), region code of the registering office (6),
 * organisation code (9, with its own GB 11714 check character), check character (1).
 * Pure, for server, forms and demo data alike.
 */

/** The 31 characters of the code, in value order: no I, O, Z, S or V (they look like 1, 0, 2, 5, U). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Registration authorities (登记管理部门) and the organisation kinds each may register. */
export const creditCodeAuthorities: Record<string, { label: string; kinds: Record<string, string> }> = {
  '1': { label: '机构编制', kinds: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { label: '外交', kinds: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    label: '司法行政',
    kinds: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { label: '文化', kinds: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { label: '民政', kinds: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { label: '旅游', kinds: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { label: '宗教', kinds: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { label: '工会', kinds: { '1': '基层工会', '9': '其他' } },
  '9': { label: '市场监督管理（工商）', kinds: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { label: '中央军委改革和编制办公室', kinds: { '1': '军队事业单位', '9': '其他' } },
  N: { label: '农业', kinds: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { label: '其他', kinds: { '1': '其他' } },
};

// The provinces of GB/T 2260 plus 10 for offices at national level.
const REGION_PREFIXES = new Set([
  '10', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]); // prettier-ignore

/** Weight of position i (0-based) in the final check: 3^i mod 31. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let weight = 1;
  for (let k = 0; k < i; k++) weight = (weight * 3) % 31;
  return weight;
});

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The final check character for the first 17 characters (which must be in the charset). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an 8-character organisation code body: 0–9 or X. */
export function organisationCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(body8[i]!) * ORG_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? 'X' : String(check);
}

/** Full-width characters, lower case, spaces and hyphens are what people paste; normalise first. */
export function normaliseCreditCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

export type CreditCodeCheckResult =
  | { ok: true; value: string; authority: string; kind: string; regionCode: string; organisationCode: string }
  | { ok: false; message: string };

const CONFUSABLE: Record<string, string> = { I: '1', O: '0', Z: '2', S: '5', V: 'U' };

/**
 * Checks a unified social credit code and says in Chinese what is wrong, naming the position,
 * so a person typing it from a licence can find the mistake.
 */
export function checkCreditCode(input: string): CreditCodeCheckResult {
  const value = normaliseCreditCode(input);
  if (value.length === 0) return { ok: false, message: '请填写统一社会信用代码' };
  if (value.length !== 18) return { ok: false, message: `统一社会信用代码应为 18 位，当前为 ${value.length} 位` };
  for (let i = 0; i < 18; i++) {
    const c = value[i]!;
    if (!CREDIT_CODE_CHARSET.includes(c)) {
      const hint = CONFUSABLE[c] ? `，是否应为“${CONFUSABLE[c]}”` : '';
      return {
        ok: false,
        message: `统一社会信用代码第 ${i + 1} 位“${c}”不是有效字符（只含数字和大写字母，不使用 I、O、Z、S、V${hint}）`,
      };
    }
  }
  const authority = creditCodeAuthorities[value[0]!];
  if (!authority) return { ok: false, message: `统一社会信用代码第 1 位（登记管理部门代码）“${value[0]}”不存在` };
  if (!authority.kinds[value[1]!]) {
    return {
      ok: false,
      message: `统一社会信用代码第 2 位（机构类别代码）“${value[1]}”不是${authority.label}部门登记的机构类别`,
    };
  }
  const regionCode = value.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode) || !REGION_PREFIXES.has(regionCode.slice(0, 2))) {
    return { ok: false, message: `统一社会信用代码第 3–8 位（登记管理机关行政区划码）“${regionCode}”不是有效的区划代码` };
  }
  const organisationCode = value.slice(8, 17);
  if (organisationCodeCheckCharacter(organisationCode.slice(0, 8)) !== organisationCode[8]) {
    return { ok: false, message: '统一社会信用代码第 9–17 位（组织机构代码）的校验位不正确，请核对' };
  }
  if (creditCodeCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return { ok: false, message: '统一社会信用代码校验码（第 18 位）不正确，请核对' };
  }
  return { ok: true, value, authority: value[0]!, kind: value[1]!, regionCode, organisationCode };
}

/**
 * A valid code from its parts, both check characters computed: demo data and tests use it.
 * `organisationBody` is 8 characters of the charset.
 */
export function buildCreditCode(authority: string, kind: string, regionCode: string, organisationBody: string): string {
  const organisationCode = organisationBody + organisationCodeCheckCharacter(organisationBody);
  const first17 = `${authority}${kind}${regionCode}${organisationCode}`;
  return first17 + creditCodeCheckCharacter(first17);
}
