import type { TFunction } from 'i18next';

/**
 * A position's name for a page. The escalation tiers and the positions the designer gives its
 * tasks by default are named; any other is what the administrator typed, unless the caller
 * knows a better name for it (the step it holds).
 */
export function positionName(t: TFunction, code: string, fallback = code): string {
  return t(`admin.users.position.${code}`, { defaultValue: fallback });
}
