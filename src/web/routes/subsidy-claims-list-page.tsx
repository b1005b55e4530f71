import { PageHeader } from '../components/page-header';
import { useCurrentUser } from '../features/auth/use-session';
import { ClaimsList } from '../features/subsidy-claims/claims-list';

export function SubsidyClaimsListPage() {
  const user = useCurrentUser();
  const isInstitution = user.kind === 'institution';
  return (
    <>
      <PageHeader
        title={isInstitution ? '我的补贴申领' : '补贴申领'}
        description={
          isInstitution
            ? '培训班结业后，为每名取得培训合格证书的学员生成补贴申领。请在考核后规定天数内填写收款账户并提交；提交时系统核查补贴资格并保存说明。'
            : '管辖区域内培训机构提交的职业培训补贴申领，以及每次资格核查的说明。'
        }
      />
      <ClaimsList isInstitution={isInstitution} />
    </>
  );
}
