import { PageHeader } from '../components/page-header';
import { ImportWizard } from '../features/persons/import-wizard';

export function PersonsImportPage() {
  return (
    <>
      <PageHeader
        title="批量导入人员"
        description="三步完成：上传文件，试运行检查（不写入数据），正式导入。未通过的行不会影响其他行，错误明细可下载修改后重新导入。"
      />
      <ImportWizard />
    </>
  );
}
