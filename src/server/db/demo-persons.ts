import { checkCharacter } from '../../shared/domain/identity-number';
import type { DisabilityCategory, DisabilityLevel } from '../../shared/domain/disability';
import type { AccommodationNeed, EducationLevel, EmploymentForm, TrainingType } from '../../shared/domain/person-codes';
import { ageOn, todayInChina, type ValidatedPerson } from '../../shared/domain/person-validation';
import type { PersonalDataCrypto } from '../platform/personal-data-crypto';
import type { RegionsService } from '../modules/regions/regions.service';
import type { Database, Db } from './database';
import {
  type BulkSession,
  type BulkTarget,
  bulkTargetOf,
  inBulkTransaction,
  readSyntheticSerial,
  restoreIndexesAndKeys,
  suspendIndexesAndKeys,
  syntheticSerialKey,
  writePersonBatch,
  writePersonsIn,
} from './person-bulk-load';

/**
 * Synthetic persons for the demo and for scale runs. Deterministic: person number `serial` is a
 * pure function of (seed, serial, county list, today), drawn from a seeded PRNG, never Math.random
 * (its ID number depends on the first three only; `today` decides working age, hence employment).
 *
 * ID numbers are unique by construction: the serial goes through an affine permutation of
 * (birth day 1950-01-01…2008-12-31) × (3-digit sequence), so two serials never share a birth date
 * and sequence, whatever region code they carry. That leaves room for 21,550,000 persons; runs
 * that take consecutive serial ranges (the loaders keep the next free serial in app_meta) never
 * collide on the unique blind index.
 */

// ---------------------------------------------------------------------------------------------
// randomness

/** A seeded PRNG (mulberry32): floats in [0, 1). */
export type Random = () => number;

export function hashSeed(text: string): number {
  // FNV-1a, then a murmur finaliser
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return finalise(h);
}

function finalise(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number) => random() < p;
const digits = (random: Random, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** Picks by weight from `[value, weight]` pairs. */
function weighted<T>(random: Random, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let at = random() * total;
  for (const [value, w] of table) {
    at -= w;
    if (at < 0) return value;
  }
  return table[table.length - 1]![0];
}

// ---------------------------------------------------------------------------------------------
// ID numbers

const FIRST_DAY = Date.UTC(1950, 0, 1);
/** 1950-01-01 … 2008-12-31 */
export const BIRTH_DAYS = 21_550;
/** distinct (birth day, sequence) pairs: the most persons one serial space can hold */
export const SERIAL_CAPACITY = BIRTH_DAYS * 1000;
// x = (serial × STEP + SHIFT) mod SERIAL_CAPACITY is a bijection: STEP is coprime with 2⁴·5⁵·431.
const STEP = 7_368_787;
const SHIFT = 4_093_117;

/** The birth date ('YYYYMMDD') and 3-digit sequence that a serial owns. */
export function serialSlot(serial: number): { birth: string; sequence: string } {
  if (!Number.isInteger(serial) || serial < 0 || serial >= SERIAL_CAPACITY)
    throw new RangeError(`serial ${serial} outside 0…${SERIAL_CAPACITY - 1}`);
  const x = (serial * STEP + SHIFT) % SERIAL_CAPACITY;
  const day = new Date(FIRST_DAY + Math.floor(x / 1000) * 86_400_000);
  const birth = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  return { birth, sequence: String(x % 1000).padStart(3, '0') };
}

export function idNumberOf(regionCode: string, birth: string, sequence: string): string {
  const first17 = `${regionCode}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

// ---------------------------------------------------------------------------------------------
// names

const surnames: readonly (readonly [string, number])[] = [
  ...[...'王李张刘'].map((s) => [s, 7] as const),
  ...[...'杨马'].map((s) => [s, 4.5] as const),
  ...[...'陈赵'].map((s) => [s, 3] as const),
  ...[...'黄周吴徐孙郭高魏'].map((s) => [s, 1.3] as const),
  ...[...'朱胡何罗梁宋韩曹田董贾闫任杜白牛'].map((s) => [s, 0.8] as const),
  ...[...'林郑谢唐许冯邓彭肖袁潘于蒋蔡余程苏吕丁姚卢姜崔汪范石付孟秦薛段雷侯史郝常祁安包'].map((s) => [s, 0.45] as const),
  ...[...'叶沈钟谭陆金夏方邹熊邱江尹龙陶贺顾毛龚邵万武钱戴严孔向妥把喇'].map((s) => [s, 0.2] as const),
  ...['欧阳', '司马', '上官', '诸葛', '慕容'].map((s) => [s, 0.03] as const),
];
const maleChars = [...'伟强军磊勇杰涛斌超明刚平辉鹏华飞鑫波宁东海林峰建国志文永健俊亮成龙兵江宏武荣福贵生祥忠德发学民春光荣虎'];
const femaleChars = [...'芳娜敏静丽艳娟霞燕玲桂英兰梅琴萍红雪婷慧莉洁琳秀珍凤花云倩颖晶丹欣怡佳雯蓉莲'];
const neutralChars = [...'小玉金晓子文明晨宇雨思嘉安新家天立'];
const eraNames = {
  male: ['建国', '国庆', '卫东', '红军', '援朝', '建华', '建军', '志强', '建平', '振华'],
  female: ['秀英', '桂兰', '淑珍', '玉兰', '秀兰', '凤英', '翠花', '桂英', '秀珍'],
};
/** Extension B characters that occur in real names and fail naive UTF-16 handling (surrogate pairs). */
const rareChars = ['\u{20BB7}', '\u{2123C}', '\u{23C97}', '\u{28B49}', '\u{2A6A5}', '\u{2000B}', '\u{21A8A}', '\u{24B62}'];
const tibetan = {
  first: ['扎西', '才让', '多杰', '尕藏', '旦正', '桑吉', '贡保', '仁青', '索南', '加措', '当周', '完玛', '洛桑', '丹增', '次仁'],
  male: ['东主', '才让', '加', '太', '扎西', '多杰'],
  female: ['卓玛', '措', '草', '吉', '拉毛', '卓嘎', '央金'],
};
const dotted = {
  male: ['叶尔兰', '努尔兰', '阿斯哈尔', '买买提', '艾力', '吐尔逊', '阿不都', '热合曼', '哈力木', '别克'],
  female: ['阿依古丽', '古丽娜尔', '热依汗', '阿依努尔', '帕提曼', '再努尔', '古丽巴哈'],
  father: ['别克', '哈里别克', '吐尔逊', '艾买提', '热合曼', '胡赛音', '巴合提', '努尔', '阿布拉'],
};

function personName(random: Random, sex: 'male' | 'female', birthYear: number, countyCode: string): string {
  const city = countyCode.slice(0, 4);
  // 阿克塞 (Kazakh) and, rarely, anywhere: names with the middle dot
  if ((countyCode === '620924' && chance(random, 0.5)) || chance(random, 0.003))
    return `${pick(random, dotted[sex])}·${pick(random, dotted.father)}`;
  // 甘南, 天祝: Tibetan names, no surname
  if ((city === '6230' || countyCode === '620623') && chance(random, 0.45)) return pick(random, tibetan.first) + pick(random, tibetan[sex]);
  // 临夏, 张家川: the surname 马 much more often
  const surname = (city === '6229' || countyCode === '620525') && chance(random, 0.3) ? '马' : weighted(random, surnames);
  if (birthYear < 1970 && chance(random, 0.2)) return surname + pick(random, eraNames[sex]);
  const own = sex === 'male' ? maleChars : femaleChars;
  const char = () =>
    chance(random, 0.003) ? pick(random, rareChars) : chance(random, 0.75) ? pick(random, own) : pick(random, neutralChars);
  return chance(random, 0.3) ? surname + char() : surname + char() + char();
}

// ---------------------------------------------------------------------------------------------
// the rest of a record

const mobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '173',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '199',
];

/** Real county codes of neighbouring and far provinces, for hukou outside the province. */
const otherProvinceCounties = [
  '610102',
  '610113',
  '610302',
  '610402',
  '610502',
  '630102',
  '630121',
  '640104',
  '640181',
  '640402',
  '510104',
  '510107',
  '410105',
  '650102',
  '652301',
  '150102',
  '320106',
  '420106',
];

/** Shares among certificate holders: 肢体 by far the most, 言语 the fewest. */
const categoryWeights: readonly (readonly [DisabilityCategory, number])[] = [
  ['4', 50],
  ['1', 12],
  ['2', 12],
  ['3', 2],
  ['5', 9],
  ['6', 9],
  ['7', 6],
];
const levelWeights: readonly (readonly [DisabilityLevel, number])[] = [
  ['1', 14],
  ['2', 24],
  ['3', 27],
  ['4', 35],
];

function education(random: Random, birthYear: number, category: DisabilityCategory | null): EducationLevel {
  if (category === '5')
    return weighted(random, [
      ['none', 35],
      ['primary', 40],
      ['junior', 20],
      ['vocational', 5],
    ] as const);
  if (birthYear < 1965)
    return weighted(random, [
      ['none', 30],
      ['primary', 40],
      ['junior', 20],
      ['senior', 6],
      ['vocational', 2],
      ['college', 1.5],
      ['bachelor', 0.5],
    ] as const);
  if (birthYear < 1985)
    return weighted(random, [
      ['none', 12],
      ['primary', 30],
      ['junior', 35],
      ['senior', 10],
      ['vocational', 6],
      ['college', 4],
      ['bachelor', 2.5],
      ['postgraduate', 0.5],
    ] as const);
  return weighted(random, [
    ['none', 5],
    ['primary', 15],
    ['junior', 30],
    ['senior', 12],
    ['vocational', 15],
    ['college', 12],
    ['bachelor', 9],
    ['postgraduate', 2],
  ] as const);
}

function employmentForm(random: Random, rural: boolean, category: DisabilityCategory | null): EmploymentForm {
  if (category === '5' || category === '6')
    return weighted(random, [
      ['assisted', 45],
      ['public_welfare', 20],
      ['flexible', 20],
      ['concentrated', 15],
    ] as const);
  if (rural)
    return weighted(random, [
      ['rural_farming', 45],
      ['flexible', 25],
      ['public_welfare', 10],
      ['self_employed', 10],
      ['assisted', 5],
      ['quota', 5],
    ] as const);
  return weighted(random, [
    ['quota', 25],
    ['concentrated', 15],
    ['flexible', 25],
    ['self_employed', 15],
    ['public_welfare', 10],
    ['assisted', 10],
  ] as const);
}

const needsByCategory: Record<DisabilityCategory, readonly string[]> = {
  '1': ['盲人保健按摩', '盲人医疗按摩考证', '读屏软件与电脑操作'],
  '2': ['电商客服', '面点制作', '平面设计', '手工艺品制作', '汽车美容'],
  '3': ['电商客服', '面点制作', '手工艺品制作'],
  '4': ['电子商务与直播带货', '计算机操作', '手机维修', '刺绣与编织', '中式烹调'],
  '5': ['手工串珠', '洗车与保洁', '简单包装作业'],
  '6': ['园艺', '手工艺品制作', '保洁'],
  '7': ['手工艺品制作', '居家就业技能'],
};
const ruralNeeds = ['中药材种植（当归、黄芪）', '马铃薯种植', '牛羊养殖', '食用菌种植', '苹果栽培管理'];
const otherAccommodations = ['需要轮椅可通行的卫生间', '需要导盲犬同行', '需要助听设备（FM 系统）', '课程需配字幕', '每节课中途需要休息'];
const remarksList = ['家属代为联系', '行动不便，需上门服务', '低保户', '脱贫监测户', '有意愿参加就业创业培训', '已参加过一次技能培训'];

function accommodations(random: Random, category: DisabilityCategory | null, level: DisabilityLevel | null): AccommodationNeed[] {
  const needs = new Set<AccommodationNeed>();
  const severe = level === '1' || level === '2';
  switch (category) {
    case '1':
      if (chance(random, 0.85)) needs.add(severe ? 'screen_reader' : 'large_print');
      if (severe && chance(random, 0.3)) needs.add('large_print');
      break;
    case '2':
      if (chance(random, 0.7)) needs.add('sign_language');
      break;
    case '3':
      if (chance(random, 0.3)) needs.add('sign_language');
      break;
    case '4':
      if (severe ? chance(random, 0.7) : chance(random, 0.15)) needs.add('barrier_free_room');
      break;
    case '5':
    case '6':
      if (chance(random, severe ? 0.7 : 0.35)) needs.add('guardian_present');
      break;
    case '7':
      if (chance(random, 0.6)) needs.add('guardian_present');
      if (chance(random, 0.5)) needs.add('barrier_free_room');
      break;
  }
  if (chance(random, 0.02)) needs.add('other');
  return [...needs];
}

// ---------------------------------------------------------------------------------------------
// the generator

export interface CountyUnit {
  code: string;
  name: string;
}

/** A generated person: a validated record plus what the loaders need to lay it out. */
export interface SyntheticPerson extends ValidatedPerson {
  serial: number;
  /** how long before the load the record is dated, in seconds */
  recordedSecondsAgo: number;
}

export interface GeneratorOptions {
  counties: readonly CountyUnit[];
  /** 'YYYY-MM-DD': ages (working age, employment) are reckoned on this day */
  today: string;
  seed?: string;
}

export interface PersonGenerator {
  /** Person number `serial`; `county` pins the registration county (to cover every county). */
  person(serial: number, county?: CountyUnit): SyntheticPerson;
  counties: readonly CountyUnit[];
}

function countyWeight(county: CountyUnit): number {
  if (county.code === '620102') return 4; // 城关区: the demo registrars' county
  if (county.code.slice(2, 4) >= '90' || county.code.slice(4, 6) >= '70') return 0.3; // 矿区, 新区: small
  if (county.code.startsWith('6201') && county.name.endsWith('区')) return 2;
  if (county.name.endsWith('区')) return 1.4;
  if (county.name.endsWith('市')) return 1.2;
  return 1;
}

/** A code that can stand in an ID number: local codes outside the GB/T 2260 ranges cannot. */
const issuable = (code: string) => code.slice(2, 4) < '90' && code.slice(4, 6) < '70';

export function createPersonGenerator(options: GeneratorOptions): PersonGenerator {
  const { counties, today } = options;
  if (counties.length === 0) throw new Error('no county units to register persons in');
  const seed = hashSeed(options.seed ?? 'abletrain-synthetic-persons');
  const countyTable = counties.map((c) => [c, countyWeight(c)] as const);
  const issuableCounties = counties.filter((c) => issuable(c.code));

  function person(serial: number, pinned?: CountyUnit): SyntheticPerson {
    const random = createRandom(finalise(seed ^ Math.imul(serial + 1, 0x9e3779b1)));
    const { birth, sequence } = serialSlot(serial);
    const county = pinned ?? weighted(random, countyTable);

    const hukouRoll = random();
    const hukou =
      hukouRoll < 0.06
        ? pick(random, otherProvinceCounties)
        : hukouRoll < 0.15 || !issuable(county.code)
          ? pick(random, issuableCounties).code
          : county.code;
    const idNumber = idNumberOf(hukou, birth, sequence);
    const sex = Number(sequence[2]) % 2 === 1 ? 'male' : 'female';
    const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
    const birthYear = Number(birth.slice(0, 4));
    const age = ageOn(birthDate, today);
    const workingAge = age >= 16 && age <= (sex === 'male' ? 59 : 54);

    let certificateNumber: string | null = null;
    let certificateLegacy = false;
    let category: DisabilityCategory | null = null;
    let level: DisabilityLevel | null = null;
    const certificateRoll = random();
    if (certificateRoll < 0.015) {
      // a first-generation local number: kept as written, category and level unknown
      certificateLegacy = true;
      certificateNumber = `${county.code}${String(serial).padStart(9, '0')}`;
    } else if (certificateRoll < 0.95) {
      category = weighted(random, categoryWeights);
      level = weighted(random, levelWeights);
      certificateNumber = `${idNumber}${category}${level}`;
    }

    const districtLike = county.name.endsWith('区');
    const rural = !chance(random, districtLike ? 0.75 : 0.3);
    const employed = chance(random, workingAge ? 0.3 : 0.05);
    const form = employed ? (workingAge ? employmentForm(random, rural, category) : 'rural_farming') : null;

    const trainingWishes: TrainingType[] = [];
    if (workingAge && chance(random, employed ? 0.3 : 0.6)) {
      trainingWishes.push(
        employed
          ? weighted(random, [
              ['on_the_job', 60],
              ['high_skill', 10],
              ['entrepreneurship', 30],
            ] as const)
          : weighted(random, [
              ['employment_skills', 55],
              ['rural_practical', rural ? 30 : 3],
              ['entrepreneurship', 12],
              ['high_skill', 3],
            ] as const),
      );
      if (chance(random, 0.25)) {
        const second = weighted(random, [
          ['entrepreneurship', 40],
          ['rural_practical', rural ? 40 : 5],
          ['employment_skills', 20],
        ] as const);
        if (!trainingWishes.includes(second)) trainingWishes.push(second);
      }
    }
    const trainingNeeds =
      trainingWishes.length > 0 && chance(random, 0.35)
        ? trainingWishes.includes('rural_practical')
          ? pick(random, ruralNeeds)
          : pick(random, needsByCategory[category ?? '4'])
        : null;

    const needs = accommodations(random, category, level);
    const phoneRoll = random();
    const phone = phoneRoll < 0.08 ? null : phoneRoll < 0.1 ? `0931${digits(random, 7)}` : pick(random, mobilePrefixes) + digits(random, 8);
    const residenceRoll = random();

    return {
      serial,
      recordedSecondsAgo: Math.floor(random() * 3 * 365 * 86_400),
      idNumber,
      certificateNumber,
      certificateLegacy,
      name: personName(random, sex, birthYear, county.code),
      countyCode: county.code,
      hukouRegionCode: hukou,
      residenceRegionCode: residenceRoll < 0.1 ? null : residenceRoll < 0.14 ? pick(random, counties).code : county.code,
      urbanRural: chance(random, 0.03) ? null : rural ? 'rural' : 'urban',
      education: chance(random, 0.04) ? null : education(random, birthYear, category),
      phone,
      employmentStatus: employed ? 'employed' : 'unemployed',
      employmentForm: form,
      trainingWishes,
      trainingNeeds,
      accommodations: needs,
      accommodationOther: needs.includes('other') ? pick(random, otherAccommodations) : null,
      remarks: chance(random, 0.03) ? pick(random, remarksList) : null,
      sex,
      birthDate,
      disabilityCategory: category,
      disabilityLevel: level,
    };
  }

  return { person, counties };
}

/**
 * The persons of serials `first … first + count - 1`; the first of them are pinned one to each
 * county so that every county has someone.
 */
export function generatePersons(generator: PersonGenerator, first: number, count: number, coverFrom = first): SyntheticPerson[] {
  const persons: SyntheticPerson[] = [];
  for (let serial = first; serial < first + count; serial++) {
    const cover = serial - coverFrom;
    persons.push(generator.person(serial, cover >= 0 && cover < generator.counties.length ? generator.counties[cover] : undefined));
  }
  return persons;
}

/**
 * Possible duplicates for the review screen, made from existing persons: half the pairs share name
 * and phone (the second record moved to the first one's county), the other half are a second
 * record with the same name and birth date in the same county under an older ID number (another
 * region code: a hukou move). A second record's ID number shares birth date and sequence with its
 * first only, and carries another region code, so it collides with no serial.
 */
export function addPossibleDuplicates(persons: SyntheticPerson[], pairs: number, generator: PersonGenerator): SyntheticPerson[] {
  const extra: SyntheticPerson[] = [];
  const n = persons.length;
  if (n < generator.counties.length + 4 * pairs) return extra;
  const taken = new Set<number>();
  const pinned = generator.counties.length;
  const take = (start: number) => {
    let i = start % n;
    // leave the records pinned one to each county where they are
    while (taken.has(i) || i < pinned) i = (i + 1) % n;
    taken.add(i);
    return i;
  };
  for (let k = 0; k < pairs; k++) {
    const first = persons[take(k * 397 + 211)]!;
    if (k % 2 === 0) {
      const second = persons[take(k * 911 + 1_013)]!;
      first.phone ??= `139${String(93_000_000 + k * 7_919).slice(0, 8)}`;
      Object.assign(second, { name: first.name, phone: first.phone, countyCode: first.countyCode });
    } else {
      const region = first.hukouRegionCode === '620102' ? '620103' : '620102';
      const id = first.idNumber;
      const twinId = idNumberOf(region, id.slice(6, 14), id.slice(14, 17));
      // the rest of the record from an unrelated serial, as a second registration would differ
      const base = generator.person((first.serial + SERIAL_CAPACITY / 2) % SERIAL_CAPACITY);
      extra.push({
        ...base,
        serial: -1,
        idNumber: twinId,
        certificateNumber:
          base.disabilityCategory && base.disabilityLevel ? `${twinId}${base.disabilityCategory}${base.disabilityLevel}` : null,
        certificateLegacy: false,
        disabilityCategory: base.certificateLegacy ? null : base.disabilityCategory,
        disabilityLevel: base.certificateLegacy ? null : base.disabilityLevel,
        name: first.name,
        sex: first.sex,
        birthDate: first.birthDate,
        countyCode: first.countyCode,
        hukouRegionCode: region,
      });
    }
  }
  return extra;
}

// ---------------------------------------------------------------------------------------------
// the demo set

export const DEMO_PERSONS = 3_000;
export const DEMO_DUPLICATE_PAIRS = 8;
/** app_meta key marking that the demo persons are in (written in the same transaction as they are) */
export const demoPersonsKey = 'demo_persons';

export interface DemoPersonsOptions {
  crypto: PersonalDataCrypto;
  regions: RegionsService;
  today: string;
  count?: number;
}

/**
 * Loads the demo persons through the bulk path, with their 'create' change rows (source 'demo')
 * and first employment entries, in one transaction. Runs once: answers 0 when they are already in.
 */
export async function loadDemoPersons(database: Database, options: DemoPersonsOptions): Promise<number> {
  const { db } = database;
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', demoPersonsKey).executeTakeFirst();
  if (done) return 0;
  const counties = options.regions.countyUnits().map((r) => ({ code: r.code, name: r.name }));
  const generator = createPersonGenerator({ counties, today: options.today, seed: 'abletrain-demo' });
  const first = await readSyntheticSerial(db);
  const count = options.count ?? DEMO_PERSONS;
  const persons = generatePersons(generator, first, count);
  persons.push(...addPossibleDuplicates(persons, DEMO_DUPLICATE_PAIRS, generator));
  await writePersonBatch(bulkTargetOf(database), persons, {
    crypto: options.crypto,
    source: 'demo',
    now: new Date(),
    meta: [
      { key: syntheticSerialKey, value: { next: first + count } },
      { key: demoPersonsKey, value: { at: new Date().toISOString(), persons: persons.length } },
    ],
  });
  return persons.length;
}

// ---------------------------------------------------------------------------------------------
// scale runs

export interface SyntheticLoadOptions {
  crypto: PersonalDataCrypto;
  counties: readonly CountyUnit[];
  count: number;
  /** first serial; default: the next free one recorded in app_meta */
  offset?: number;
  batchSize?: number;
  seed?: string;
  today?: string;
  /** person_change.source */
  source?: string;
  /**
   * One transaction for the whole load, with the secondary indexes and foreign keys of the person
   * tables dropped before and put back after (several times faster for loads much larger than the
   * table; the tables are locked meanwhile). Otherwise one transaction per batch.
   */
  rebuildIndexes?: boolean;
  onBatch?: (progress: { done: number; count: number; elapsedMs: number }) => void;
  onIndexes?: (phase: 'dropped' | 'built', elapsedMs: number) => void;
}

/**
 * Adds `count` synthetic persons through the bulk path, taking serials from `offset` (default:
 * the next free serial in app_meta, advanced in the same transaction as the rows), so that a
 * second run adds other people. The first persons of a run are pinned one to each county.
 */
export async function loadSyntheticPersons(
  db: Db,
  target: BulkTarget,
  options: SyntheticLoadOptions,
): Promise<{ offset: number; count: number; elapsedMs: number }> {
  const started = performance.now();
  const recorded = await readSyntheticSerial(db);
  const offset = options.offset ?? recorded;
  const batchSize = options.batchSize ?? 10_000;
  if (offset + options.count > SERIAL_CAPACITY)
    throw new RangeError(`serials ${offset}…${offset + options.count - 1} exceed the ${SERIAL_CAPACITY} synthetic ID numbers`);
  const generator = createPersonGenerator({
    counties: options.counties,
    today: options.today ?? todayInChina(),
    seed: options.seed ?? 'abletrain-scale',
  });
  const batch = async (session: BulkSession, done: number) => {
    const size = Math.min(batchSize, options.count - done);
    await writePersonsIn(session, generatePersons(generator, offset + done, size, offset), {
      crypto: options.crypto,
      source: options.source ?? 'seed:scale',
      now: new Date(),
      meta: [{ key: syntheticSerialKey, value: { next: Math.max(recorded, offset + done + size) } }],
    });
    options.onBatch?.({ done: done + size, count: options.count, elapsedMs: performance.now() - started });
    return done + size;
  };
  if (options.rebuildIndexes) {
    await inBulkTransaction(target, async (session) => {
      const restore = await suspendIndexesAndKeys(session);
      options.onIndexes?.('dropped', performance.now() - started);
      for (let done = 0; done < options.count;) done = await batch(session, done);
      await restoreIndexesAndKeys(session, restore);
      options.onIndexes?.('built', performance.now() - started);
    });
  } else {
    for (let done = 0; done < options.count;) {
      const from = done;
      done = await inBulkTransaction(target, (session) => batch(session, from));
    }
  }
  return { offset, count: options.count, elapsedMs: performance.now() - started };
}
