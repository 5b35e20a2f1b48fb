import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../api/client';

const TABS = ['departments', 'users', 'systems', 'calendar'] as const;

/** The administration sections, one page each. */
export function AdminTabs() {
  const { t } = useTranslation();
  const [location] = useLocation();
  return (
    <nav className="tabs" aria-label={t('admin.nav')}>
      {TABS.map((tab) => (
        <Link key={tab} href={`/admin/${tab}`} aria-current={location === `/admin/${tab}` ? 'page' : undefined}>
          {t(`admin.tabs.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}

/** A refusal as the page shows it: the API's message, and the message of each field by its pointer. */
export function refusalOf(e: unknown): { message: string; fields: Record<string, string> } {
  if (!(e instanceof ApiError)) return { message: e instanceof Error ? e.message : String(e), fields: {} };
  const fields: Record<string, string> = {};
  for (const f of e.problem.errors ?? []) fields[f.pointer] = f.detail;
  return { message: e.message, fields };
}
