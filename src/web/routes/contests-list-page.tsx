import { PageHeader } from '../components/page-header';
import { ContestList } from '../features/contests/contest-list';

export function ContestsListPage() {
  return (
    <>
      <PageHeader
        title="职业技能竞赛"
        description="本辖区主办的和上级主办的残疾人职业技能竞赛：报名、成绩、奖项和经费。参赛人员来自实名库，证件号码脱敏显示。"
      />
      <ContestList />
    </>
  );
}
