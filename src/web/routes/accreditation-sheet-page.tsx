import { PageHeader } from '../components/page-header';
import { ScoreSheetPage } from '../features/accreditation/score-sheet';

export function AccreditationSheetPage() {
  return (
    <>
      <PageHeader title="基地评估评分表" description="定期评估按现行评分表打分；评分表由省级统一制定，每次修改发布为新版本。" />
      <ScoreSheetPage />
    </>
  );
}
