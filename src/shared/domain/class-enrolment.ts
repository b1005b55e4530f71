import { type ClassTrainingType, classTrainingTypeLabels, externalParticipantTypes } from './class-codes';
import { type ClassStatus, classStatusLabels, liveClassStatuses } from './class-status';
import { type DisabilityCategory, disabilityCategoryLabels } from './disability';
import { type Sex, sexLabels } from './person-codes';
import { ageOn, type WorkingAgeBounds } from './person-validation';

/**
 * Enrolment on a training class (报名与学员名册, domain §5 and §6.3): who may be on a roster and
 * why not. Pure rules over facts the server reads; every reason that applies is answered at once,
 * so the person enrolling sees the whole picture instead of one refusal at a time.
 */

/** A roster line: a registered person, or (type 5 classes only) an external participant. */
export const participantKinds = ['person', 'external'] as const;
export type ParticipantKind = (typeof participantKinds)[number];
export const participantKindLabels: Record<ParticipantKind, string> = { person: '残疾人学员', external: '外部学员' };

export const enrolmentStatuses = ['applied', 'enrolled', 'declined', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  applied: '已报名，待机构确认',
  enrolled: '已录取',
  declined: '未录取',
  withdrawn: '已退出',
};
/** Lines that hold a place on the roster (the unique index of migration 0010 uses the same two). */
export const rosterHoldingStatuses: readonly EnrolmentStatus[] = ['applied', 'enrolled'];

export const enrolmentSources = ['trainee', 'institution', 'staff'] as const;
export type EnrolmentSource = (typeof enrolmentSources)[number];
export const enrolmentSourceLabels: Record<EnrolmentSource, string> = {
  trainee: '学员自行报名',
  institution: '培训机构录入',
  staff: '残联工作人员录入',
};

/** Statuses in which a class still takes enrolments: up to and including running, never once completion is submitted. */
export const enrollingClassStatuses: readonly ClassStatus[] = ['draft', 'submitted', 'returned', 'approved', 'running'];

/**
 * Types with no upper age bound: rural practical technology serves farmers past working age, and
 * high-skill training serves masters and heritage holders who teach long after it. Every other
 * type trains for employment and stops at the working-age maximum for the person's sex.
 */
export const typesWithoutUpperAge: readonly ClassTrainingType[] = ['rural_practical', 'high_skill'];

export const enrolmentReasonCodes = [
  'participant_kind',
  'not_registered',
  'merged',
  'category',
  'too_young',
  'too_old',
  'already_on_roster',
  'overlap',
  'full',
  'not_open',
] as const;
export type EnrolmentReasonCode = (typeof enrolmentReasonCodes)[number];

/** Reasons about the roster as it stands (answered 409); the others are about the participant (400). */
export const rosterConflictCodes: readonly EnrolmentReasonCode[] = ['already_on_roster', 'overlap', 'full', 'not_open'];

export interface EnrolmentReason {
  code: EnrolmentReasonCode;
  /** the form field the reason is about, when one is */
  field?: 'participantKind' | 'idNumber';
  message: string;
}

/** The same words whether the ID number or the name was wrong, so the form cannot probe the registry. */
export const NOT_FOUND_MESSAGE = '未找到匹配的登记记录';
export const ALREADY_ON_ROSTER = '该学员已在本班名册中（已报名或已录取），不能重复报名';

export interface EnrolmentClassFacts {
  trainingType: ClassTrainingType;
  status: ClassStatus;
  startsOn: string;
  endsOn: string;
  plannedSize: number;
  /** lines with status enrolled, not counting the line being accepted */
  enrolledCount: number;
  /** the programme's target categories; empty means every category */
  targetCategories: readonly string[];
}

export interface EnrolmentPersonFacts {
  status: 'active' | 'merged';
  sex: Sex;
  birthDate: string;
  disabilityCategory: DisabilityCategory | null;
}

/** Another class the person holds a place on (applied or enrolled). */
export interface OtherClassFacts {
  classNo: string;
  name: string;
  status: ClassStatus;
  startsOn: string;
  endsOn: string;
}

export interface EnrolmentFacts {
  class: EnrolmentClassFacts;
  /** for a person: the registry row, or null when no record matches */
  participant: { kind: 'person'; person: EnrolmentPersonFacts | null } | { kind: 'external' };
  /** the person already holds a place on this class (applied or enrolled), the accepted line aside */
  alreadyOnRoster: boolean;
  otherClasses: readonly OtherClassFacts[];
  workingAge: WorkingAgeBounds;
}

/** Two inclusive date ranges share at least one day. */
export function datesOverlap(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

/** The upper age bound for a type and sex, or null when the type has none. */
export function maxAgeFor(type: ClassTrainingType, sex: Sex, bounds: WorkingAgeBounds): number | null {
  if (typesWithoutUpperAge.includes(type)) return null;
  return sex === 'male' ? bounds.maxMale : bounds.maxFemale;
}

function categoryList(codes: readonly string[]): string {
  return codes.map((c) => disabilityCategoryLabels[c as DisabilityCategory] ?? c).join('、');
}

/** Every reason the participant may not take a place on the class; empty when they may. */
export function checkEnrolment(facts: EnrolmentFacts): EnrolmentReason[] {
  const reasons: EnrolmentReason[] = [];
  const cls = facts.class;
  const externalClass = externalParticipantTypes.includes(cls.trainingType);
  const typeLabel = classTrainingTypeLabels[cls.trainingType];

  if (facts.participant.kind === 'external' && !externalClass) {
    reasons.push({
      code: 'participant_kind',
      field: 'participantKind',
      message: `本班为“${typeLabel}”，学员须为已登记的残疾人；外部学员只能参加“${classTrainingTypeLabels.employer_staff}”班`,
    });
  }
  if (facts.participant.kind === 'person' && externalClass) {
    reasons.push({
      code: 'participant_kind',
      field: 'participantKind',
      message: `本班为“${typeLabel}”，学员为用人单位和就业服务机构人员，请按外部学员登记`,
    });
  }

  if (facts.participant.kind === 'person') {
    const person = facts.participant.person;
    if (!person) {
      reasons.push({ code: 'not_registered', field: 'idNumber', message: NOT_FOUND_MESSAGE });
    } else {
      if (person.status !== 'active') {
        reasons.push({ code: 'merged', field: 'idNumber', message: '该登记记录已合并到另一条记录，请使用保留记录的身份证号和姓名' });
      }
      if (cls.targetCategories.length > 0 && (!person.disabilityCategory || !cls.targetCategories.includes(person.disabilityCategory))) {
        reasons.push({
          code: 'category',
          field: 'idNumber',
          message: person.disabilityCategory
            ? `本班培训项目只面向${categoryList(cls.targetCategories)}的学员，该学员登记的残疾类别为${disabilityCategoryLabels[person.disabilityCategory]}`
            : `本班培训项目只面向${categoryList(cls.targetCategories)}的学员，该学员未登记残疾类别`,
        });
      }
      const age = ageOn(person.birthDate, cls.startsOn);
      if (age < facts.workingAge.min) {
        reasons.push({
          code: 'too_young',
          field: 'idNumber',
          message: `开班日（${cls.startsOn}）该学员 ${age} 岁，未满 ${facts.workingAge.min} 周岁`,
        });
      }
      const max = maxAgeFor(cls.trainingType, person.sex, facts.workingAge);
      if (max !== null && age > max) {
        reasons.push({
          code: 'too_old',
          field: 'idNumber',
          message: `开班日（${cls.startsOn}）该学员 ${age} 岁，超过“${typeLabel}”的${sexLabels[person.sex]}性年龄上限 ${max} 周岁`,
        });
      }
    }
  }

  if (facts.alreadyOnRoster) {
    reasons.push({ code: 'already_on_roster', field: 'idNumber', message: ALREADY_ON_ROSTER });
  }
  for (const other of facts.otherClasses) {
    if (!liveClassStatuses.includes(other.status) || !datesOverlap(cls, other)) continue;
    reasons.push({
      code: 'overlap',
      field: 'idNumber',
      message: `该学员已在培训班“${other.name}”（${other.classNo}，${other.startsOn} 至 ${other.endsOn}）的名册中，与本班时间重叠`,
    });
  }
  if (cls.enrolledCount >= cls.plannedSize) {
    reasons.push({ code: 'full', message: `本班计划招收 ${cls.plannedSize} 人，已录取 ${cls.enrolledCount} 人，名额已满` });
  }
  if (!enrollingClassStatuses.includes(cls.status)) {
    reasons.push({ code: 'not_open', message: `培训班当前为“${classStatusLabels[cls.status]}”，不再接受报名` });
  }
  return reasons;
}
