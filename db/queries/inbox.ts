/**
 * Who reads which inbox messages. Messages are addressed to audiences, not people (see
 * db/models/inbox-message.ts): this is the reverse of the directory that resolves an
 * audience to its users for e-mail and SMS (activities/notify/directory.ts), the same rule
 * read from the user's side — clerks by position and department, department officers for
 * their department's head and leadership, supervisors for the supervision office.
 */
export interface InboxReader {
  roles: readonly string[];
  department: string | null;
  positions: readonly string[];
}

/** The audience keys (as activities/record.ts `audienceKey` writes them) whose messages the user reads. */
export function audiencesOf(user: InboxReader): string[] {
  const keys: string[] = [];
  if (user.department !== null && user.roles.includes('clerk')) for (const p of user.positions) keys.push(`assignee:${p}@${user.department}`);
  if (user.department !== null && user.roles.includes('department-officer')) {
    keys.push(`department-head:${user.department}`, `department-leadership:${user.department}`);
  }
  if (user.roles.includes('supervisor')) keys.push('supervision-office');
  return keys;
}
