/**
 * Which raised thresholds have lost their cause, so that nobody is reminded of them or has
 * them escalated any more: every threshold of a concluded case; a step's once the step is
 * completed; a pause's once it has ended; a special procedure's once it has ended; the
 * supplement-notice limit once the notice was resolved.
 */
export interface OpenCauses {
  concluded: boolean;
  /** Step keys still active (`<node>#<visit>`). */
  steps: ReadonlySet<string>;
  /** Pause keys still open (`<kind>#<n>`). */
  pauses: ReadonlySet<string>;
  /** Special procedure keys still running. */
  specialProcedures: ReadonlySet<string>;
  supplementNoticeResolved: boolean;
}

export function causeEnded(key: string, open: OpenCauses): boolean {
  if (open.concluded) return true;
  const [kind = '', ref = ''] = splitKey(key);
  switch (kind) {
    case 'stepReminder':
    case 'stepOverdue':
      return !open.steps.has(ref);
    case 'pauseReminder':
    case 'pauseOverdue':
    case 'pauseFlag':
      return !open.pauses.has(ref);
    case 'specialProcedureOverdue':
      return !open.specialProcedures.has(ref) && !open.steps.has(ref);
    case 'supplementNoticeOverdue':
      return open.supplementNoticeResolved;
    default:
      return false;
  }
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}
