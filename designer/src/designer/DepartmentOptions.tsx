import { listDepartments } from '../api/departments';
import { useRemote } from '../ui/useRemote';

export const DEPARTMENTS_LIST = 'sunlight-departments';

/** The departments as suggestions for every department field of the designer (any code may still be typed). */
export function DepartmentOptions() {
  const departments = useRemote(listDepartments, []);
  return (
    <datalist id={DEPARTMENTS_LIST}>
      {(departments.data ?? []).map((d) => (
        <option key={d.code} value={d.code}>
          {d.name}
        </option>
      ))}
    </datalist>
  );
}
