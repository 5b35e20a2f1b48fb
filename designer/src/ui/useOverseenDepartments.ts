import { me } from '../api/auth';
import { listDepartments } from '../api/departments';
import { useRemote } from './useRemote';

/**
 * The departments a filter offers the caller: those of the caller's scope as the API computes
 * it (`/auth/me`: null is every department), so a page never offers a department whose
 * figures the API would refuse; and every department's name, for the rows.
 */
export function useOverseenDepartments() {
  const departments = useRemote(listDepartments, []);
  const caller = useRemote(me, []);
  const scope = caller.data?.scope;
  const offered = (departments.data ?? []).filter((d) => !Array.isArray(scope) || scope.includes(d.code));
  const nameOf = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
  return { offered, nameOf };
}
