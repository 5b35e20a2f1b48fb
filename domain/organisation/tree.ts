/**
 * The departments as a tree (分级管理): a city, its counties (市、县(市)区) and their
 * departments each name a parent, and a supervisory level sees its own subtree.
 */
export interface DepartmentNode {
  code: string;
  parent: string | null;
}

/**
 * A department and every department below it. A cycle written by two concurrent changes
 * (each checked alone) cannot make this loop: each code is visited once.
 */
export function subtreeOf(departments: readonly DepartmentNode[], root: string): string[] {
  const children = new Map<string, string[]>();
  for (const d of departments) {
    if (d.parent === null) continue;
    const list = children.get(d.parent) ?? [];
    list.push(d.code);
    children.set(d.parent, list);
  }
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as string) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  return [...seen];
}

/** Whether making `parent` the parent of `code` would close a cycle: the parent is the department itself or below it. */
export function wouldCycle(departments: readonly DepartmentNode[], code: string, parent: string): boolean {
  return subtreeOf(departments, code).includes(parent);
}

/** The roles whose reach the tree decides (the role names of api/http/principal.ts). */
export interface ScopeSubject {
  roles: readonly string[];
  department: string | null;
}

const EVERY_DEPARTMENT = ['administrator', 'auditor'];
const SUBTREE = ['supervisor', 'department-officer'];

/**
 * The one rule of what a user oversees (分级管理), by department codes; null means every
 * department. Administrators and auditors see everything; a supervisor without a department,
 * or of a top-level department (no parent: the city's supervision office, or any supervisor
 * while departments are flat, as they were before the tree), sees everything; any other
 * supervisor or a department's supervision officer sees their department and everything
 * below it (a county's office sees the county's departments, never another county's); a
 * clerk sees their own department; no department, nothing. A department the tree does not
 * know reaches only itself.
 */
export function oversightScope(user: ScopeSubject, departments: readonly DepartmentNode[]): string[] | null {
  if (user.roles.some((r) => EVERY_DEPARTMENT.includes(r))) return null;
  if (user.roles.includes('supervisor') && user.department === null) return null;
  if (user.department === null) return [];
  if (!user.roles.some((r) => SUBTREE.includes(r))) return [user.department];
  const own = departments.find((d) => d.code === user.department);
  if (own === undefined) return [user.department];
  if (user.roles.includes('supervisor') && own.parent === null) return null;
  return subtreeOf(departments, user.department);
}

/** Whether the user's scope depends on the tree at all (else `oversightScope(user, [])` is it). */
export function scopeReadsTree(user: ScopeSubject): boolean {
  if (user.roles.some((r) => EVERY_DEPARTMENT.includes(r)) || user.department === null) return false;
  return user.roles.some((r) => SUBTREE.includes(r));
}
