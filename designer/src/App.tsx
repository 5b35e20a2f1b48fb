import { Redirect, Route, Switch } from 'wouter';
import type { Role } from './api/auth';
import { LoginPage } from './auth/LoginPage';
import { useSession } from './auth/session';
import { CaseDetailPage } from './console/CaseDetailPage';
import { ConsolePage } from './console/ConsolePage';
import { DefinitionList } from './designer/DefinitionList';
import { DesignerPage } from './designer/DesignerPage';
import { VersionsPage } from './designer/VersionsPage';
import { Shell } from './shell/Shell';
import { WorkbenchPage } from './workbench/WorkbenchPage';

/** The first page for each kind of user. */
export function homeOf(roles: readonly Role[]): string {
  if (roles.includes('administrator')) return '/designer';
  if (roles.includes('supervisor') || roles.includes('auditor')) return '/console';
  return '/workbench';
}

/** The web app: login, then the designer, the supervision console or the clerk workbench. */
export function App() {
  const user = useSession((s) => s.user);
  if (user === null) return <LoginPage />;
  return (
    <Shell>
      <Switch>
        <Route path="/designer" component={DefinitionList} />
        <Route path="/designer/new">{() => <DesignerPage itemCode={null} />}</Route>
        <Route path="/designer/:itemCode/versions">{(p) => <VersionsPage itemCode={decodeURIComponent(p.itemCode)} />}</Route>
        <Route path="/designer/:itemCode">{(p) => <DesignerPage itemCode={decodeURIComponent(p.itemCode)} />}</Route>
        <Route path="/console" component={ConsolePage} />
        <Route path="/cases/:caseNo">{(p) => <CaseDetailPage caseNo={decodeURIComponent(p.caseNo)} />}</Route>
        <Route path="/workbench" component={WorkbenchPage} />
        <Route>
          <Redirect to={homeOf(user.roles)} replace />
        </Route>
      </Switch>
    </Shell>
  );
}
