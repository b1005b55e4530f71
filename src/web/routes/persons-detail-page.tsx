import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { PersonDetailView } from '../features/persons/person-detail';
import { usePerson } from '../features/persons/use-persons';

/** The page title names no person: titles end up in the browser's history. */
export function PersonsDetailPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  return (
    <RecordPage
      query={person}
      title="人员详情"
      description={person.data ? <span className="person-heading">{`${person.data.name}（${person.data.countyName}）`}</span> : undefined}
      back={{ to: '/persons', label: '返回人员列表' }}
    >
      {(data) => <PersonDetailView person={data} />}
    </RecordPage>
  );
}
