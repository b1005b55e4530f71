import type { Transaction } from 'kysely';
import { buildCreditCode } from '../../shared/domain/credit-code';
import type { AccessibilityFeature, InstitutionKind, InstitutionStatus } from '../../shared/domain/institution-codes';
import type { Tables } from './tables';

interface DemoInstitution {
  name: string;
  kind: InstitutionKind;
  countyCode: string;
  /** registration authority, kind, registering office's region and organisation-code body: both check characters are computed */
  code: [string, string, string, string];
  status: InstitutionStatus;
  address: string;
  contactName: string;
  contactPhone: string;
  accessibility: AccessibilityFeature[];
  accessibilityNote?: string;
  occupations: string[];
}

/** The demo account that administers the first institution's accounts. */
export const DEMO_INSTITUTION_ADMIN = 'jigou.demo';

/** A few institutions over several counties: most in effect, one on notice, two still drafts. */
export const demoInstitutions: DemoInstitution[] = [
  {
    name: '兰州市残疾人职业技能培训中心',
    kind: 'public_centre',
    countyCode: '620102',
    code: ['1', '2', '620100', 'MB190321'],
    status: 'active',
    address: '甘肃省兰州市城关区雁南路 138 号',
    contactName: '王老师',
    contactPhone: '0931-8123456',
    accessibility: [
      'step_free_entrance',
      'ramp',
      'lift',
      'accessible_toilet',
      'tactile_paving',
      'accessible_parking',
      'accessible_classroom',
      'braille_signage',
      'sign_language',
      'screen_reader_computers',
    ],
    accessibilityNote: '手语翻译须提前 3 个工作日预约；实训楼一层设无障碍宿舍 6 间。',
    occupations: ['保健按摩师', '电子商务师', '网络直播营销', '中式面点师', '计算机操作员'],
  },
  {
    name: '兰州市七里河区阳光职业技能培训学校',
    kind: 'training_institution',
    countyCode: '620103',
    code: ['5', '2', '620103', 'MJ380417'],
    status: 'active',
    address: '甘肃省兰州市七里河区西津西路 56 号',
    contactName: '李老师',
    contactPhone: '13919312468',
    accessibility: ['step_free_entrance', 'ramp', 'accessible_toilet'],
    occupations: ['电子商务客服', '电子商务美工', '西式面点师'],
  },
  {
    name: '兰州市城关区启智特殊教育学校',
    kind: 'special_school',
    countyCode: '620102',
    code: ['1', '2', '620102', 'MB207854'],
    status: 'on_notice',
    address: '甘肃省兰州市城关区东岗西路 412 号',
    contactName: '张老师',
    contactPhone: '0931-8467210',
    accessibility: [
      'step_free_entrance',
      'lift',
      'accessible_toilet',
      'tactile_paving',
      'braille_signage',
      'hearing_loop',
      'sign_language',
    ],
    occupations: ['盲人保健按摩', '手工编织', '面点制作'],
  },
  {
    name: '天水市麦积区残疾人职业培训基地',
    kind: 'public_centre',
    countyCode: '620503',
    code: ['1', '2', '620503', 'MB063115'],
    status: 'active',
    address: '甘肃省天水市麦积区桥南伯阳路 21 号',
    contactName: '赵老师',
    contactPhone: '0938-2716543',
    accessibility: ['step_free_entrance', 'ramp', 'accessible_toilet', 'accessible_parking'],
    occupations: ['果树栽培', '中药材种植', '农村电商'],
  },
  {
    name: '酒泉市肃州区巧手非遗文化传承协会',
    kind: 'social_organisation',
    countyCode: '620902',
    code: ['5', '1', '620902', 'MJ271946'],
    status: 'active',
    address: '甘肃省酒泉市肃州区南大街 9 号',
    contactName: '马老师',
    contactPhone: '13893712345',
    accessibility: ['step_free_entrance', 'accessible_toilet'],
    occupations: ['剪纸', '刺绣', '夜光杯雕刻'],
  },
  {
    name: '甘肃陇原电子商务有限公司',
    kind: 'enterprise',
    countyCode: '620102',
    code: ['9', '1', '620102', 'MA72K4Q8'],
    status: 'draft',
    address: '甘肃省兰州市城关区张掖路 88 号 12 层',
    contactName: '陈经理',
    contactPhone: '18993107766',
    accessibility: ['step_free_entrance', 'lift', 'accessible_toilet', 'screen_reader_computers'],
    occupations: ['电子商务客服', '网络直播营销'],
  },
  {
    name: '定西市安定区明目盲人按摩培训学校',
    kind: 'training_institution',
    countyCode: '621102',
    code: ['5', '2', '621102', 'MJ504372'],
    status: 'draft',
    address: '甘肃省定西市安定区永定路 150 号',
    contactName: '孙老师',
    contactPhone: '0932-8231456',
    accessibility: ['step_free_entrance', 'tactile_paving', 'braille_signage', 'audio_guidance'],
    occupations: ['保健按摩师', '医疗按摩'],
  },
];

const DAY_MS = 86_400_000;

/**
 * Demo institutions (demo mode only), inside the demo seed's transaction: the one on notice gets
 * its open notice, and the demo institution account becomes the first institution's admin.
 */
export async function seedDemoInstitutions(trx: Transaction<Tables>, now: Date = new Date()): Promise<void> {
  for (const demo of demoInstitutions) {
    const row = await trx
      .insertInto('institution')
      .values({
        county_code: demo.countyCode,
        name: demo.name,
        kind: demo.kind,
        credit_code: buildCreditCode(...demo.code),
        address: demo.address,
        contact_name: demo.contactName,
        contact_phone: demo.contactPhone,
        accessibility: demo.accessibility,
        accessibility_note: demo.accessibilityNote ?? null,
        occupations: demo.occupations,
        status: demo.status,
      })
      .returning(['id', 'credit_code'])
      .executeTakeFirstOrThrow();
    if (demo.status === 'on_notice') {
      await trx
        .insertInto('public_notice')
        .values({
          subject_kind: 'institution',
          subject_id: row.id,
          region_code: demo.countyCode,
          title: `培训机构公示：${demo.name}`,
          summary: [`机构名称：${demo.name}`, `统一社会信用代码：${row.credit_code}`, `地址：${demo.address}`].join('\n'),
          starts_at: new Date(now.getTime() - 2 * DAY_MS),
          ends_at: new Date(now.getTime() + 5 * DAY_MS),
        })
        .execute();
    }
    if (demo === demoInstitutions[0]) {
      await trx
        .updateTable('app_user')
        .set({ institution_id: row.id, institution_admin: true, organization_name: demo.name })
        .where('username', '=', DEMO_INSTITUTION_ADMIN)
        .execute();
    }
  }
}
