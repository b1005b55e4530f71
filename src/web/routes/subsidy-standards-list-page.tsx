import { Alert } from 'antd';
import { useLocation } from 'react-router';
import { PageHeader } from '../components/page-header';
import { StandardsList } from '../features/subsidy-standards/standards-list';

export interface StandardsLocationState {
  /** a short confirmation to show once after a standard was saved */
  notice?: string;
}

export function SubsidyStandardsListPage() {
  const notice = (useLocation().state as StandardsLocationState | null)?.notice;
  return (
    <>
      <PageHeader
        title="补贴标准"
        description="职业培训补贴按培训类型、项目和等级定标准（每人）。省级为全省默认标准，市州、县区可为本区域定调整标准；标准建立后不再修改，调整金额时停用原标准或为其设定停止执行日期，再新增标准。竞赛集训的获奖奖金、差旅、食宿和杂费只登记、不补贴。"
      />
      {notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      <StandardsList />
    </>
  );
}
