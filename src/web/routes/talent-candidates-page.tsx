import { PageHeader } from '../components/page-header';
import { TalentCandidates } from '../features/talent/talent-candidates';

export function TalentCandidatesPage() {
  return (
    <>
      <PageHeader
        title="竞赛获奖候选人"
        description="职业技能竞赛录入奖项后，获奖人员自动列入高技能人才候选；省级及以上竞赛的获奖人员同时列入师资库候选。"
      />
      <TalentCandidates />
    </>
  );
}
