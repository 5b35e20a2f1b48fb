import type { Connection } from 'mongoose';
import { departmentModel } from '../../db/models/department';
import { userModel } from '../../db/models/user';
import { oversightScope, type DepartmentNode } from '../../domain/organisation/tree';
import { DEPARTMENT_HEAD, DEPARTMENT_LEADERSHIP, OFFICER_POSITION } from '../../domain/records/vocabulary';
import type { Audience } from '../contract/case-records';
import type { Recipient, RecipientDirectory } from './channels';

/** What a user document may carry for notifications; addresses are optional. */
interface UserContact {
  username: string;
  name: string;
  roles: string[];
  department?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** The users an audience stands for: platform roles and positions as the API assigns them. */
function filterOf(audience: Audience): Record<string, unknown> {
  switch (audience.kind) {
    case 'assignee':
      // The supervision officer's position reaches the department's officers as well as a clerk who holds it.
      if (audience.role === OFFICER_POSITION) {
        return { active: true, department: audience.department, $or: [{ roles: 'department-officer' }, { roles: 'clerk', positions: OFFICER_POSITION }] };
      }
      return { active: true, roles: 'clerk', positions: audience.role, department: audience.department };
    case 'department-head':
      return { active: true, roles: 'department-officer', department: audience.department, positions: DEPARTMENT_HEAD };
    case 'department-leadership':
      return { active: true, roles: 'department-officer', department: audience.department, positions: DEPARTMENT_LEADERSHIP };
    case 'supervision-office':
      return { active: true, roles: 'supervisor' };
  }
}

/**
 * Resolves audiences to the active users of the platform (collection `users`): clerks by
 * position and department, the department officers holding the position `department-head`
 * or `department-leadership` for those tiers (all the department's officers when it names
 * nobody there),
 * the supervisors whose oversight scope covers the department for the supervision office (a
 * county's supervisors hear of their county only, as in their inbox). Each person once, with
 * an e-mail address or phone number when the user document has one.
 */
export function usersDirectory(db: Connection): RecipientDirectory {
  return {
    async resolve(audiences: Audience[], department: string): Promise<Recipient[]> {
      const found = new Map<string, Recipient>();
      let tree: DepartmentNode[] | undefined;
      const oversees = async (user: UserContact) => {
        tree ??= (await departmentModel(db).find({}, { code: 1, parent: 1 }).lean()).map((d) => ({ code: d.code, parent: d.parent ?? null }));
        const scope = oversightScope({ roles: user.roles, department: user.department ?? null }, tree);
        return scope === null || scope.includes(department);
      };
      for (const audience of audiences) {
        let users = await userModel(db).find(filterOf(audience)).lean<UserContact[]>();
        if (users.length === 0 && (audience.kind === 'department-head' || audience.kind === 'department-leadership')) {
          users = await userModel(db).find({ active: true, roles: 'department-officer', department: audience.department }).lean<UserContact[]>();
        }
        if (audience.kind === 'supervision-office') {
          const covering = await Promise.all(users.map(oversees));
          users = users.filter((_, i) => covering[i]);
        }
        for (const user of users) {
          if (found.has(user.username)) continue;
          found.set(user.username, {
            id: user.username, name: user.name,
            ...(typeof user.email === 'string' && { email: user.email }),
            ...(typeof user.phone === 'string' && { phone: user.phone }),
          });
        }
      }
      return [...found.values()];
    },
  };
}
