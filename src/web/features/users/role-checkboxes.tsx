import { Checkbox } from 'antd';
import { roleLabels, type StaffRole } from '../../../shared/domain/roles';

interface RoleCheckboxesProps {
  roles: readonly StaffRole[];
  id?: string;
  value?: StaffRole[];
  onChange?: (roles: StaffRole[]) => void;
  'aria-describedby'?: string;
}

/** A labelled group of checkboxes: easier to use with a screen reader than a multi-select. */
export function RoleCheckboxes({ roles, id, value, onChange, 'aria-describedby': describedBy }: RoleCheckboxesProps) {
  return (
    <fieldset id={id} className="checkbox-fieldset" aria-describedby={describedBy}>
      <legend>岗位角色（至少选一项）</legend>
      <Checkbox.Group<StaffRole>
        value={value ?? []}
        onChange={(next) => onChange?.(next)}
        options={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
      />
    </fieldset>
  );
}
