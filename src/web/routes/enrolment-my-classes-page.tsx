import { MyClasses } from '../features/enrolment/my-classes';

export function EnrolmentMyClassesPage() {
  return <MyClasses />;
}
