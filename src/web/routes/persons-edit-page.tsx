import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { PersonEdit } from '../features/persons/person-edit';
import { usePerson } from '../features/persons/use-persons';

export function PersonsEditPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  return (
    <RecordPage
      query={person}
      title="修改人员信息"
      description={person.data ? <span className="person-heading">{`${person.data.name}（${person.data.countyName}）`}</span> : undefined}
      back={{ to: '/persons', label: '返回人员列表' }}
    >
      {(data) => <PersonEdit key={data.id} person={data} />}
    </RecordPage>
  );
}
