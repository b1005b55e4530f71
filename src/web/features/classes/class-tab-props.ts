import type { ClassStatus } from '../../../shared/domain/class-status';

/** What every tab of the class detail page receives from the page (the class itself comes from its own query). */
export interface ClassTabProps {
  classId: string;
  status: ClassStatus;
  institutionId: string;
  countyCode: string;
  /** the viewer is a user of the class's institution (they run it) rather than federation staff */
  isInstitution: boolean;
  /** call after a change that moves the class's status or counts, so the page reloads the class */
  onChanged: () => void;
}
