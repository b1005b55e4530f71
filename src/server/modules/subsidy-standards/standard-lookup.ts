import type { SkillLevel } from '../../../shared/domain/catalogue-codes';
import type { ClassTrainingType } from '../../../shared/domain/class-codes';
import { pickStandard, type StandardRule } from '../../../shared/domain/subsidy-codes';
import type { Db } from '../../db/database';
import type { RegionsService } from '../regions/regions.service';
import { placeOf } from '../subsidy-claims/claim-access';

/**
 * The subsidy standard that applies to a training: the most specific active one in force on the date
 * for the county, its city or the province (pickStandard decides). Claims read it when generated and
 * when checked; the standards page shows the same answer.
 */
export async function standardFor(
  db: Db,
  regions: RegionsService,
  context: { countyCode: string; trainingType: ClassTrainingType; programmeCode: string; skillLevel: SkillLevel; on: string },
): Promise<StandardRule | null> {
  const place = placeOf(regions, context.countyCode);
  const rows = await db
    .selectFrom('subsidy_standard')
    .selectAll()
    .where('training_type', '=', context.trainingType)
    .where('status', '=', 'active')
    .where('region_code', 'in', [place.countyCode, place.cityCode, place.provinceCode])
    .execute();
  const rules: StandardRule[] = rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    regionLevel: regions.get(r.region_code)?.level ?? 'province',
    trainingType: r.training_type,
    programmeCode: r.programme_code,
    skillLevel: r.skill_level,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    status: r.status,
    tuitionFen: Number(r.tuition_fen),
    materialsFen: Number(r.materials_fen),
    examFeeFen: Number(r.exam_fee_fen),
    assistingStaffFen: Number(r.assisting_staff_fen),
  }));
  return pickStandard(rules, {
    ...place,
    trainingType: context.trainingType,
    programmeCode: context.programmeCode,
    skillLevel: context.skillLevel,
    on: context.on,
  });
}
