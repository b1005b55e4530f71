/**
 * Random spot checks (随机抽查) over running classes, documented so that anyone can re-run them.
 *
 * The method: for every class id of the population compute a keyed digest with the draw's seed as
 * the key (HMAC-SHA256 on the server, hex), rank the ids by that digest (ties, which need a hash
 * collision, by the id itself), and take the first n. The result depends only on the seed and the
 * set of ids, not on the order they were read in, so storing the seed and the population lets an
 * auditor recompute the sample with any HMAC-SHA256 tool. The digest is passed in because this
 * module runs in the browser too and may not import node:crypto.
 */

/** A keyed digest as lowercase hex, e.g. HMAC-SHA256(key = seed, message = class id). */
export type KeyedDigest = (key: string, message: string) => string;

export interface RankedEntry {
  classId: string;
  digest: string;
}

export interface DrawResult {
  /** the whole population in ranked order */
  ranked: RankedEntry[];
  /** the first n of the ranking (all of them when n is at least the population) */
  selected: string[];
}

/** The population ranked by the keyed digest of each id (duplicates counted once). */
export function rankPopulation(classIds: readonly string[], seed: string, digest: KeyedDigest): RankedEntry[] {
  const unique = [...new Set(classIds)];
  return unique
    .map((classId) => ({ classId, digest: digest(seed, classId) }))
    .sort((a, b) => compare(a.digest, b.digest) || compare(a.classId, b.classId));
}

/** Ranks the population and takes the first `sampleSize`. */
export function drawSample(classIds: readonly string[], seed: string, sampleSize: number, digest: KeyedDigest): DrawResult {
  if (!Number.isInteger(sampleSize) || sampleSize < 1) throw new RangeError('sampleSize must be a positive integer');
  const ranked = rankPopulation(classIds, seed, digest);
  return { ranked, selected: ranked.slice(0, sampleSize).map((e) => e.classId) };
}

/** Whether a stored draw's selection is what the method gives for its seed and population. */
export function verifyDraw(
  draw: { seed: string; sampleSize: number; population: readonly string[]; selected: readonly string[] },
  digest: KeyedDigest,
): { matches: boolean; recomputed: string[] } {
  const { ranked, selected } = drawSample(draw.population, draw.seed, draw.sampleSize, digest);
  const orderMatches = ranked.every((e, i) => e.classId === draw.population[i]) && ranked.length === draw.population.length;
  const matches = orderMatches && selected.length === draw.selected.length && selected.every((id, i) => id === draw.selected[i]);
  return { matches, recomputed: selected };
}

/** The plain-language description stored with every draw (shown to staff and to auditors). */
export function drawMethodText(seed: string, sampleSize: number, populationSize: number): string {
  const taken = Math.min(sampleSize, populationSize);
  return [
    `本次抽查从 ${populationSize} 个正在开班的培训班中随机抽取 ${taken} 个（计划抽取 ${sampleSize} 个，不足时全部抽取）。`,
    `方法：以随机种子“${seed}”为密钥，对每个培训班的系统编号（UUID，小写）计算 HMAC-SHA256 值（十六进制小写），`,
    '按该值从小到大排序（相同时按系统编号排序），取排在最前面的培训班。',
    '随机种子在抽取时由系统的密码学随机数生成，抽取结果只取决于种子和参与抽取的培训班名单，与名单的先后顺序无关；',
    '种子、名单（按排序结果列出）和抽中的培训班随本记录保存，任何人可用任一 HMAC-SHA256 工具重新计算核对。',
  ].join('');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
