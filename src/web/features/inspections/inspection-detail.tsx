import '../persons/persons.css';
import './inspections.css';
import { Link } from 'react-router';
import type { InspectionDetail } from '../../../shared/contracts/inspections-contracts';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { InspectionPanel } from './inspection-panel';

/** One inspection on its own page, with the steps the viewer may take. */
export function InspectionDetailView({ inspection }: { inspection: InspectionDetail }) {
  const { message, announce, statusLine } = useAnnouncer();
  return (
    <>
      <ListStatus ref={statusLine} text={message} />
      <p>
        <Link to="/inspections">返回过程检查列表</Link>
      </p>
      <InspectionPanel inspection={inspection} level={2} showClass onDone={announce} />
    </>
  );
}
