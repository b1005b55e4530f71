import { PageHeader } from '../components/page-header';
import { TrainerList } from '../features/trainers/trainer-list';

export function TrainersListPage() {
  return (
    <>
      <PageHeader
        title="师资库"
        description="残疾人职业技能培训师资：来源类别、专兼职、证书、所在机构和五年一周期全员轮训情况。证件号码和电话默认脱敏显示。"
      />
      <TrainerList />
    </>
  );
}
