import { PageHeader } from '../components/page-header';
import { TalentRoster } from '../features/talent/talent-roster';

export function TalentRosterPage() {
  return (
    <>
      <PageHeader
        title="高技能人才名册"
        description="在校残疾学生、创业成功残疾人、非遗传承人、竞赛获奖技术能手和具备专利专长的残疾人人才。人员来自实名库，证件号码脱敏显示。"
      />
      <TalentRoster />
    </>
  );
}
