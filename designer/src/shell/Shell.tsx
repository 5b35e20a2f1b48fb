import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { sessionStore, useSession } from '../auth/session';
import { CalendarNotice } from '../admin/CalendarNotice';
import { useUnread, useUnreadPolling } from '../desk/unread';
import { LanguageSwitch } from './LanguageSwitch';

/** Header with the sections the user's roles open, the language switch and sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const [location] = useLocation();
  const roles = user?.roles ?? [];
  useUnreadPolling(user?.username);
  const unread = useUnread((s) => s.unread);
  const sections = [
    { href: '/designer', label: t('nav.designer'), show: roles.includes('administrator') },
    { href: '/console', label: t('nav.console'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator') },
    { href: '/workbench', label: t('nav.workbench'), show: roles.some((r) => r === 'clerk' || r === 'department-officer') },
    { href: '/statistics', label: t('nav.statistics'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator') },
    { href: '/orders', label: t('oversight.nav.orders'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer') },
    { href: '/complaints', label: t('oversight.nav.complaints'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer') },
    // Clerks register callers' complaints but do not read the list.
    { href: '/complaints/new', label: t('oversight.nav.register'), show: roles.includes('clerk') && !roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer') },
    { href: '/evaluations', label: t('evaluation.nav.evaluations'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer') },
    { href: '/appeals', label: t('evaluation.nav.appeals'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer') },
    { href: '/consultations', label: t('voice.staff.consultations'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer' || r === 'clerk') },
    { href: '/follow-ups', label: t('voice.staff.followUps'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer') },
    { href: '/anomalies', label: t('anomaly.nav'), show: roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer') },
    { href: '/supervision-log', label: t('desk.nav.log'), show: roles.some((r) => r === 'supervisor' || r === 'auditor') },
    { href: '/admin/departments', label: t('admin.nav'), show: roles.includes('administrator') },
  ].filter((s) => s.show);
  return (
    <div className="shell">
      <a href="#content" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="shell-header">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')}>
          <ul>
            {sections.map((s) => (
              <li key={s.href}>
                <Link href={s.href} aria-current={location.startsWith(s.href) ? 'page' : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="shell-user">
          <Link href="/inbox" className="inbox-link" data-testid="inbox-link" aria-current={location.startsWith('/inbox') ? 'page' : undefined}>
            {t('desk.inbox.nav')}
            {unread > 0 && <span className="inbox-badge" data-testid="unread-count" aria-label={t('desk.inbox.unreadBadge', { count: unread })}>{unread}</span>}
          </Link>
          <LanguageSwitch />
          <span data-testid="user-name">{user?.name}</span>
          <button type="button" className="link" onClick={() => sessionStore.getState().signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <div id="content" className="shell-content">
        <CalendarNotice />
        {children}
      </div>
    </div>
  );
}
