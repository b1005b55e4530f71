import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { PersonEdit } from '../features/persons/person-edit';
import { usePerson } from '../features/persons/use-persons';
import { errorMessage } from '../lib/use-form-errors';

export function PersonsEditPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  return (
    <>
      <PageHeader
        title="修改人员信息"
        description={person.data ? <span className="person-heading">{`${person.data.name}（${person.data.countyName}）`}</span> : undefined}
      />
      {person.isPending && <LoadingState />}
      {person.isError && (
        <>
          <Alert type="error" role="alert" showIcon title={errorMessage(person.error)} />
          <p>
            <Link to="/persons">返回人员列表</Link>
          </p>
        </>
      )}
      {person.data && <PersonEdit key={person.data.id} person={person.data} />}
    </>
  );
}
