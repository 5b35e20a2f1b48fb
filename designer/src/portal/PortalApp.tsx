import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { CaseLookupPage } from './CaseLookupPage';
import { CataloguePage } from './CataloguePage';
import { ComplaintFormPage } from './ComplaintFormPage';
import { ComplaintStatusPage } from './ComplaintStatusPage';
import { ItemPage } from './ItemPage';
import { PortalHome } from './PortalHome';
import { RankingsPage } from './RankingsPage';
import { AskPage } from '../voice/AskPage';
import { ConsultationLookupPage } from '../voice/ConsultationLookupPage';
import { RatesPage } from '../voice/RatesPage';

const SECTIONS = [
  { href: '/public/cases', key: 'cases' },
  { href: '/public/items', key: 'items' },
  { href: '/public/rankings', key: 'rankings' },
  { href: '/public/complaints/new', key: 'complain' },
  { href: '/public/complaints', key: 'complaintStatus' },
  { href: '/public/consultations', key: 'consultations' },
  { href: '/public/ratings', key: 'ratings' },
] as const;

/** Which section a path belongs to: the longest matching prefix, so /public/complaints/new is not "status". */
function sectionOf(location: string): string | undefined {
  if (location.startsWith('/public/complaints/new')) return '/public/complaints/new';
  return SECTIONS.find((s) => location === s.href || location.startsWith(`${s.href}/`))?.href;
}

/** The public portal (办事大厅): its own header and pages, open to everyone, signed in or not. */
export function PortalApp() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const current = sectionOf(location);
  useEffect(() => {
    const before = document.title;
    document.title = t('portal.name');
    return () => {
      document.title = before;
    };
  }, [t]);
  return (
    <div className="portal">
      <a href="#portal-content" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="portal-header">
        <div className="portal-brand-row">
          <Link href="/public" className="portal-brand" data-testid="portal-brand">
            {t('portal.name')}
          </Link>
          <div className="portal-tools">
            <LanguageSwitch />
            <Link href="/" className="portal-staff">
              {t('portal.staffSignIn')}
            </Link>
          </div>
        </div>
        <nav aria-label={t('portal.nav.label')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.href}>
                <Link href={s.href} aria-current={current === s.href ? 'page' : undefined}>
                  {t(`portal.nav.${s.key}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="portal-content" className="portal-main">
        <Switch>
          <Route path="/public" component={PortalHome} />
          <Route path="/public/cases/:caseNo?">{(p) => <CaseLookupPage caseNo={p.caseNo === undefined ? '' : decodeURIComponent(p.caseNo)} />}</Route>
          <Route path="/public/items" component={CataloguePage} />
          <Route path="/public/items/:code">{(p) => <ItemPage itemCode={decodeURIComponent(p.code)} />}</Route>
          <Route path="/public/rankings" component={RankingsPage} />
          <Route path="/public/complaints/new" component={ComplaintFormPage} />
          <Route path="/public/complaints">{() => <ComplaintStatusPage complaintNo="" />}</Route>
          <Route path="/public/complaints/:no">{(p) => <ComplaintStatusPage key={p.no} complaintNo={decodeURIComponent(p.no)} />}</Route>
          <Route path="/public/consultations/new/:code">{(p) => <AskPage key={p.code} itemCode={decodeURIComponent(p.code)} />}</Route>
          <Route path="/public/consultations">{() => <ConsultationLookupPage consultationNo="" />}</Route>
          <Route path="/public/consultations/:no">{(p) => <ConsultationLookupPage key={p.no} consultationNo={decodeURIComponent(p.no)} />}</Route>
          <Route path="/public/ratings" component={RatesPage} />
          <Route>
            <Redirect to="/public" replace />
          </Route>
        </Switch>
      </main>
    </div>
  );
}
