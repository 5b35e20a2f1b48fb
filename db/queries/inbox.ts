import { OFFICER_POSITION, type Audience } from '../../domain/records/vocabulary';

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
    // The department's supervision officer (domain/oversight `officerOf`) is addressed as the position of that name.
    keys.push(`department-head:${user.department}`, `department-leadership:${user.department}`, `assignee:${OFFICER_POSITION}@${user.department}`);
  }
  if (user.roles.includes('supervisor')) keys.push('supervision-office');
  return keys;
}

/**
 * The audiences of one notice that get an inbox message, each with its place in the notice
 * (the message's id). A department's officers read its head's and leadership's messages as
 * well as its officer position's (`audiencesOf`), so beside the officer position those two
 * would put the same notice in their inbox twice; e-mail and SMS resolve people once anyway.
 */
export function inboxAudiences<A extends Audience>(audiences: readonly A[]): [number, A][] {
  const officers = new Set(audiences.flatMap((a) => (a.kind === 'assignee' && a.role === OFFICER_POSITION ? [a.department] : [])));
  return [...audiences.entries()].filter(([, a]) => !((a.kind === 'department-head' || a.kind === 'department-leadership') && officers.has(a.department)));
}
