import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { PersonDetailView } from '../features/persons/person-detail';
import { usePerson } from '../features/persons/use-persons';
import { errorMessage } from '../lib/use-form-errors';

/** The page title names no person: titles end up in the browser's history. */
export function PersonsDetailPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  return (
    <>
      <PageHeader
        title="人员详情"
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
      {person.data && <PersonDetailView person={person.data} />}
    </>
  );
}
