import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import type { Role } from './api/auth';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { LoginPage } from './auth/LoginPage';
import { useSession } from './auth/session';
import { CaseDetailPage } from './console/CaseDetailPage';
import { ConsolePage } from './console/ConsolePage';
import { DefinitionList } from './designer/DefinitionList';
import { Shell } from './shell/Shell';
import { NewApplicationPage } from './workbench/NewApplicationPage';
import { ConsultationPage, ConsultationsPage } from './voice/ConsultationsPage';
import { FollowUpPage, FollowUpsPage } from './voice/FollowUpsPage';
import { NoticesPage } from './workbench/NoticesPage';
import { ReceiptPage } from './workbench/ReceiptPage';
import { WorkbenchPage } from './workbench/WorkbenchPage';

// The designer (domain validation, layout) and the charts load when first opened.
const DesignerPage = lazy(() => import('./designer/DesignerPage').then((m) => ({ default: m.DesignerPage })));
const VersionsPage = lazy(() => import('./designer/VersionsPage').then((m) => ({ default: m.VersionsPage })));
const StatisticsPage = lazy(() => import('./console/StatisticsPage').then((m) => ({ default: m.StatisticsPage })));
const PersonsPage = lazy(() => import('./console/PersonsPage').then((m) => ({ default: m.PersonsPage })));
const EvaluationsPage = lazy(() => import('./evaluation/EvaluationsPage').then((m) => ({ default: m.EvaluationsPage })));
const EvaluationPage = lazy(() => import('./evaluation/EvaluationPage').then((m) => ({ default: m.EvaluationPage })));
const AppealsPage = lazy(() => import('./evaluation/AppealsPage').then((m) => ({ default: m.AppealsPage })));
const AppealPage = lazy(() => import('./evaluation/AppealPage').then((m) => ({ default: m.AppealPage })));
const StandardsPage = lazy(() => import('./evaluation/StandardsPage').then((m) => ({ default: m.StandardsPage })));
const OrderListPage = lazy(() => import('./oversight/OrderListPage').then((m) => ({ default: m.OrderListPage })));
const OrderPage = lazy(() => import('./oversight/OrderPage').then((m) => ({ default: m.OrderPage })));
const ComplaintListPage = lazy(() => import('./oversight/ComplaintListPage').then((m) => ({ default: m.ComplaintListPage })));
const ComplaintPage = lazy(() => import('./oversight/ComplaintPage').then((m) => ({ default: m.ComplaintPage })));
const NewComplaintPage = lazy(() => import('./oversight/NewComplaintPage').then((m) => ({ default: m.NewComplaintPage })));
const InboxPage = lazy(() => import('./desk/InboxPage').then((m) => ({ default: m.InboxPage })));
const AnomaliesPage = lazy(() => import('./anomaly/AnomaliesPage').then((m) => ({ default: m.AnomaliesPage })));
const AnomalyPage = lazy(() => import('./anomaly/AnomalyPage').then((m) => ({ default: m.AnomalyPage })));
const LogPage = lazy(() => import('./desk/LogPage').then((m) => ({ default: m.LogPage })));
const DepartmentsPage = lazy(() => import('./admin/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage })));
const UsersPage = lazy(() => import('./admin/UsersPage').then((m) => ({ default: m.UsersPage })));
const SystemsPage = lazy(() => import('./admin/SystemsPage').then((m) => ({ default: m.SystemsPage })));
const CalendarPage = lazy(() => import('./admin/CalendarPage').then((m) => ({ default: m.CalendarPage })));
// The public portal, open to everyone under /public, signed in or not.
const PortalApp = lazy(() => import('./portal/PortalApp').then((m) => ({ default: m.PortalApp })));

/** The first page for each kind of user. */
export function homeOf(roles: readonly Role[]): string {
  if (roles.includes('administrator')) return '/designer';
  if (roles.includes('supervisor') || roles.includes('auditor')) return '/console';
  return '/workbench';
}

/** The web app: login, then the designer, the supervision console or the clerk workbench. */
export function App() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const [location] = useLocation();
  if (location === '/public' || location.startsWith('/public/')) {
    return (
      <Suspense fallback={<p className="page">{t('common.loading')}</p>}>
        <PortalApp />
      </Suspense>
    );
  }
  if (user === null) return <LoginPage />;
  if (user.mustChangePassword) return <ChangePasswordPage />;
  return (
    <Shell>
      <Suspense fallback={<p className="page">{t('common.loading')}</p>}>
        <Switch>
          <Route path="/designer" component={DefinitionList} />
          <Route path="/designer/new">{() => <DesignerPage itemCode={null} />}</Route>
          <Route path="/designer/:itemCode/versions">{(p) => <VersionsPage itemCode={decodeURIComponent(p.itemCode)} />}</Route>
          <Route path="/designer/:itemCode">{(p) => <DesignerPage itemCode={decodeURIComponent(p.itemCode)} />}</Route>
          <Route path="/console" component={ConsolePage} />
          <Route path="/cases/:caseNo/notices">{(p) => <NoticesPage caseNo={decodeURIComponent(p.caseNo)} />}</Route>
          <Route path="/cases/:caseNo/receipt">{(p) => <ReceiptPage caseNo={decodeURIComponent(p.caseNo)} />}</Route>
          <Route path="/cases/:caseNo">{(p) => <CaseDetailPage caseNo={decodeURIComponent(p.caseNo)} />}</Route>
          <Route path="/workbench" component={WorkbenchPage} />
          <Route path="/workbench/new" component={NewApplicationPage} />
          <Route path="/statistics" component={StatisticsPage} />
          <Route path="/statistics/persons" component={PersonsPage} />
          <Route path="/evaluations" component={EvaluationsPage} />
          <Route path="/evaluations/:id">{(p) => <EvaluationPage id={decodeURIComponent(p.id)} />}</Route>
          <Route path="/appeals" component={AppealsPage} />
          <Route path="/appeals/:id">{(p) => <AppealPage appealId={decodeURIComponent(p.id)} />}</Route>
          <Route path="/scoring-standards" component={StandardsPage} />
          <Route path="/orders" component={OrderListPage} />
          <Route path="/orders/:orderId">{(p) => <OrderPage orderId={decodeURIComponent(p.orderId)} />}</Route>
          <Route path="/complaints" component={ComplaintListPage} />
          <Route path="/complaints/new" component={NewComplaintPage} />
          <Route path="/complaints/:complaintNo">{(p) => <ComplaintPage complaintNo={decodeURIComponent(p.complaintNo)} />}</Route>
          <Route path="/consultations" component={ConsultationsPage} />
          <Route path="/consultations/:no">{(p) => <ConsultationPage consultationNo={decodeURIComponent(p.no)} />}</Route>
          <Route path="/follow-ups" component={FollowUpsPage} />
          <Route path="/follow-ups/:caseNo">{(p) => <FollowUpPage caseNo={decodeURIComponent(p.caseNo)} />}</Route>
          <Route path="/supervision-log" component={LogPage} />
          <Route path="/inbox" component={InboxPage} />
          <Route path="/admin/departments" component={DepartmentsPage} />
          <Route path="/admin/users" component={UsersPage} />
          <Route path="/admin/systems" component={SystemsPage} />
          <Route path="/admin/calendar" component={CalendarPage} />
          <Route path="/anomalies" component={AnomaliesPage} />
          <Route path="/anomalies/:anomalyId">{(p) => <AnomalyPage anomalyId={decodeURIComponent(p.anomalyId)} />}</Route>
          <Route>
            <Redirect to={homeOf(user.roles)} replace />
          </Route>
        </Switch>
      </Suspense>
    </Shell>
  );
}
