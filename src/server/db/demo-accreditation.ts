import type { Transaction } from 'kysely';
import { addDays, addMonths, type AccreditationTier, type BaseKind } from '../../shared/domain/accreditation';
import { todayInChina } from '../../shared/domain/person-validation';
import type { Tables } from './tables';

interface DemoBase {
  institution: string;
  baseName: string;
  baseKind: BaseKind;
  tier: AccreditationTier;
  /** the region that granted it: the unit, its city or the province */
  grantingRegionCode: string;
  plaqueNo: string;
  /** how long ago the term began, and how long it runs, in months */
  startedMonthsAgo: number;
  termMonths: number;
  /** months since the last evaluation (none when null) */
  evaluatedMonthsAgo: number | null;
  occupations: string[];
}

/**
 * Accredited bases in a few counties, so the coverage map has covered and uncovered units, the
 * reminders page has something due, and one application waits for the 城关区 reviewer.
 * 城关区 itself stays uncovered: its first base is what the browser journey accredits.
 */
const demoBases: DemoBase[] = [
  {
    institution: '兰州市七里河区阳光职业技能培训学校',
    baseName: '七里河区残疾人电子商务职业培训基地',
    baseKind: 'general',
    tier: 'county',
    grantingRegionCode: '620103',
    plaqueNo: 'GS-QLH-2024-001',
    startedMonthsAgo: 14,
    termMonths: 36,
    evaluatedMonthsAgo: 2,
    occupations: ['电子商务客服', '电子商务美工'],
  },
  {
    institution: '兰州市七里河区阳光职业技能培训学校',
    baseName: '兰州市残疾人电子商务实习实训基地',
    baseKind: 'practice_internship',
    tier: 'city',
    grantingRegionCode: '620100',
    plaqueNo: 'GS-LZ-2023-005',
    startedMonthsAgo: 20,
    termMonths: 48,
    evaluatedMonthsAgo: 8,
    occupations: ['电子商务客服', '网络直播营销'],
  },
  {
    institution: '天水市麦积区残疾人职业培训基地',
    baseName: '天水市残疾人农村实用技术培训基地',
    baseKind: 'practice_internship',
    tier: 'city',
    grantingRegionCode: '620500',
    plaqueNo: 'GS-TS-2023-003',
    startedMonthsAgo: 34,
    termMonths: 36,
    // the term ends within the reminder window
    evaluatedMonthsAgo: 9,
    occupations: ['果树栽培', '中药材种植', '农村电商'],
  },
  {
    institution: '酒泉市肃州区巧手非遗文化传承协会',
    baseName: '甘肃省残疾人非遗传承培训基地（酒泉）',
    baseKind: 'intangible_heritage',
    tier: 'province',
    grantingRegionCode: '620000',
    plaqueNo: 'GS-2024-FY-002',
    startedMonthsAgo: 13,
    termMonths: 60,
    // a yearly evaluation falls due
    evaluatedMonthsAgo: null,
    occupations: ['剪纸', '刺绣', '夜光杯雕刻'],
  },
];

export async function seedDemoAccreditation(trx: Transaction<Tables>, today: string = todayInChina()): Promise<void> {
  const institutions = new Map(
    (await trx.selectFrom('institution').select(['id', 'name', 'county_code']).execute()).map((row) => [row.name, row]),
  );
  for (const demo of demoBases) {
    const institution = institutions.get(demo.institution);
    if (!institution) continue;
    const termStart = addMonths(today, -demo.startedMonthsAgo);
    const accreditedOn = addDays(termStart, -1);
    const { id } = await trx
      .insertInto('base_accreditation')
      .values({
        institution_id: institution.id,
        county_code: institution.county_code,
        base_name: demo.baseName,
        base_kind: demo.baseKind,
        occupations: demo.occupations,
        requested_tier: demo.tier,
        tier: demo.tier,
        granting_region_code: demo.grantingRegionCode,
        plaque_no: demo.plaqueNo,
        term_start: termStart,
        term_end: addDays(addMonths(termStart, demo.termMonths), -1),
        status: 'active',
        application_note: '演示数据',
        documents: '[]',
        applied_at: new Date(`${addDays(termStart, -30)}T09:00:00+08:00`),
        accredited_on: accreditedOn,
        last_evaluated_on: demo.evaluatedMonthsAgo === null ? null : addMonths(today, -demo.evaluatedMonthsAgo),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
    const events = [
      { command: 'apply', from_status: null, to_status: 'applied', to_tier: null, occurred_at: at(addDays(termStart, -30)) },
      { command: 'accredit', from_status: 'applied', to_status: 'on_notice', to_tier: demo.tier, occurred_at: at(addDays(termStart, -8)) },
      { command: 'notice_effective', from_status: 'on_notice', to_status: 'active', to_tier: demo.tier, occurred_at: at(accreditedOn) },
    ] as const;
    for (const event of events) {
      await trx
        .insertInto('accreditation_event')
        .values({
          accreditation_id: id,
          county_code: institution.county_code,
          ...event,
          from_tier: event.command === 'apply' || event.command === 'accredit' ? null : demo.tier,
          reason: null,
          documents: '[]',
          details: event.command === 'accredit' ? JSON.stringify({ plaqueNo: demo.plaqueNo }) : '{}',
          actor_name: event.command === 'notice_effective' ? null : '演示数据',
        })
        .execute();
    }
  }

  // one application waiting for the 城关区 reviewer
  const centre = institutions.get('兰州市残疾人职业技能培训中心');
  if (centre) {
    const { id } = await trx
      .insertInto('base_accreditation')
      .values({
        institution_id: centre.id,
        county_code: centre.county_code,
        base_name: '城关区残疾人职业技能培训基地',
        base_kind: 'general',
        occupations: ['中式面点师', '计算机操作员'],
        requested_tier: 'county',
        granting_region_code: centre.county_code,
        application_note: '已具备标准化实训教室 4 间、无障碍宿舍 6 间，申请县区级残疾人职业培训基地挂牌。',
        documents: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('accreditation_event')
      .values({
        accreditation_id: id,
        county_code: centre.county_code,
        command: 'apply',
        from_status: null,
        to_status: 'applied',
        from_tier: null,
        to_tier: null,
        reason: null,
        documents: '[]',
        details: '{}',
        actor_name: '培训机构联系人',
      })
      .execute();
  }
}
