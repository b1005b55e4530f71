import { PageHeader } from '../components/page-header';
import { PersonList } from '../features/persons/person-list';

export function PersonsListPage() {
  return (
    <>
      <PageHeader
        title="人员登记"
        description="本辖区残疾人实名制登记信息。证件号码和电话默认脱敏显示；查看完整号码和完整导出须说明原因，并记入审计日志。"
      />
      <PersonList />
    </>
  );
}
