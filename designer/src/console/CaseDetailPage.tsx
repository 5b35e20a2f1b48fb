import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessShape } from '../../../domain/definition';
import { getCase, type CaseDetail, type CaseGraph } from '../api/cases';
import { ApiError } from '../api/client';
import { listDepartments } from '../api/departments';
import { useSession } from '../auth/session';
import type { Mark } from '../graph/marks';
import { ProcessView } from '../graph/ProcessView';
import { CaseOrders } from '../oversight/CaseOrders';
import { CaseFollowUp } from '../voice/CaseFollowUp';
import { formatDateTime, formatDeadline } from '../ui/format';
import { ProvisionalMark } from '../admin/CalendarNotice';
import { useRemote } from '../ui/useRemote';
import { ApplicationPanel } from '../workbench/ApplicationPanel';
import { CaseActions } from '../workbench/CaseActions';
import { StepHolders } from '../workbench/StepHolders';
import { AlertFeed } from './AlertFeed';
import { ClockBar } from './ClockBar';
import { FlowLock } from './FlowLock';
import { SupervisorActions } from './SupervisorActions';
import { Timeline } from './Timeline';
import { TrafficLight } from './TrafficLight';

const POLL_MS = 5000;

const shapeOf = (graph: CaseGraph): ProcessShape => ({ nodes: graph.nodes, edges: graph.edges, ...(graph.layout && { layout: graph.layout }) });

/** The case's graph, the same object across polls while the case stays on one version, so the drawing is not rebuilt. */
function useCaseGraph(graph: CaseGraph | null | undefined): ProcessShape | undefined {
  const key = graph ? `${graph.itemCode}@${graph.version}` : '';
  const [kept, setKept] = useState<{ key: string; shape: ProcessShape | undefined }>({ key: '', shape: undefined });
  if (kept.key !== key) setKept({ key, shape: graph ? shapeOf(graph) : undefined });
  return kept.key === key ? kept.shape : graph ? shapeOf(graph) : undefined;
}

/** Steps the case has passed (they appear in its timeline) and the steps it stands at now. */
function marksOf(detail: CaseDetail | undefined): ReadonlyMap<string, Mark> {
  const m = new Map<string, Mark>();
  for (const h of detail?.timeline ?? []) if (h.nodeId) m.set(h.nodeId, 'done');
  for (const p of detail?.case.position ?? []) m.set(p.nodeId, 'active');
  return m;
}

/** One case: where it stands on its process graph, its clock, its timeline and the actions the user's role has. */
export function CaseDetailPage({ caseNo }: { caseNo: string }) {
  const { t, i18n } = useTranslation();
  const roles = useSession((s) => s.user?.roles ?? []);
  // Another department's case answers the same 404 as none: the page says so in the reader's language.
  const detail = useRemote(() => getCase(caseNo).catch((e: unknown) => {
    throw e instanceof ApiError && e.status === 404 ? new Error(t('case.notFound')) : e;
  }), [caseNo], POLL_MS);
  const departments = useRemote(listDepartments, []);
  const live = detail.data?.live ?? null;
  const graph = useCaseGraph(detail.data?.graph);
  const marks = useMemo(() => marksOf(detail.data), [detail.data]);

  if (detail.data === undefined) {
    return <main className="page">{detail.error ? <p className="status status--error" role="alert">{detail.error}</p> : <p>{t('common.loading')}</p>}</main>;
  }
  const c = detail.data.case;
  const supervisor = roles.some((r) => r === 'supervisor' || r === 'department-officer');
  const clerk = roles.includes('clerk');
  return (
    <main className="page case-detail" aria-labelledby="case-title">
      <header className="page-head">
        <h1 id="case-title">
          {c.caseNo} <span className="muted">{c.itemName}</span>
        </h1>
        <TrafficLight level={c.alertLevel} />
      </header>
      <dl className="case-facts">
        <dt>{t('case.status')}</dt>
        <dd data-testid="case-status">{t(`status.${c.status}`)}</dd>
        <dt>{t('case.department')}</dt>
        <dd data-testid="case-department">{departments.data?.find((d) => d.code === c.department)?.name ?? c.department}</dd>
        <dt>{t('case.submittedAt')}</dt>
        <dd>{formatDateTime(c.submittedAt, i18n.language)}</dd>
        <dt>{t('case.deadline')}</dt>
        <dd data-testid="case-deadline">{formatDeadline(c.deadline, i18n.language)}<ProvisionalMark provisional={c.provisional} /></dd>
        <dt>{t('case.position')}</dt>
        <dd data-testid="case-position">{c.position.map((p) => p.name).join('、') || '—'}</dd>
      </dl>
      <div className="case-grid">
        {graph ? (
          <div className="case-graph" data-testid="case-graph">
            <ProcessView definition={graph} marks={marks} label={t('case.graph')} />
          </div>
        ) : (
          <Timeline timeline={detail.data.timeline} nodes={detail.data.graph?.nodes} />
        )}
        <div className="case-side">
          {live && <ClockBar live={live} promisedDays={detail.data.graph?.promisedDays ?? null} />}
          {live?.lock && <FlowLock caseNo={c.caseNo} lock={live.lock} canUnlock={roles.includes('supervisor')} onDone={detail.reload} />}
          {live && <StepHolders view={live} onDone={detail.reload} />}
          {clerk && live && <CaseActions view={live} definition={graph} onDone={detail.reload} />}
          {supervisor && <SupervisorActions caseNo={c.caseNo} onDone={detail.reload} />}
          {supervisor && <AlertFeed caseNo={c.caseNo} nodes={detail.data.graph?.nodes} />}
          {(supervisor || roles.includes('auditor')) && <CaseOrders caseNo={c.caseNo} />}
          {(supervisor || roles.includes('auditor') || roles.includes('administrator')) && <CaseFollowUp caseNo={c.caseNo} />}
        </div>
      </div>
      {c.mode === 'native' && <ApplicationPanel caseNo={c.caseNo} department={c.department} />}
      {graph && <Timeline timeline={detail.data.timeline} nodes={detail.data.graph?.nodes} />}
    </main>
  );
}
