import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

const SERVICES = [
  { href: '/public/cases', key: 'cases' },
  { href: '/public/items', key: 'items' },
  { href: '/public/rankings', key: 'rankings' },
  { href: '/public/complaints/new', key: 'complain' },
] as const;

/** The portal's landing page: one card per public service. */
export function PortalHome() {
  const { t } = useTranslation();
  return (
    <div className="portal-page">
      <h1>{t('portal.name')}</h1>
      <p className="muted">{t('portal.tagline')}</p>
      <ul className="portal-cards">
        {SERVICES.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="portal-card">
              <strong>{t(`portal.nav.${s.key}`)}</strong>
              <span>{t(`portal.home.${s.key}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
