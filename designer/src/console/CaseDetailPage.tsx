import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../domain/definition';
import { getCase } from '../api/cases';
import { getVersion } from '../api/definitions';
import { useSession } from '../auth/session';
import type { Mark } from '../graph/marks';
import { ProcessView } from '../graph/ProcessView';
import { formatDateTime, formatDeadline } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { CaseActions } from '../workbench/CaseActions';
import { AlertFeed } from './AlertFeed';
import { ClockBar } from './ClockBar';
import { SupervisorActions } from './SupervisorActions';
import { Timeline } from './Timeline';
import { TrafficLight } from './TrafficLight';

const POLL_MS = 5000;

/** One case: where it stands on its process graph, its clock, its timeline and the actions the user's role has. */
export function CaseDetailPage({ caseNo }: { caseNo: string }) {
  const { t, i18n } = useTranslation();
  const roles = useSession((s) => s.user?.roles ?? []);
  const detail = useRemote(() => getCase(caseNo), [caseNo], POLL_MS);
  const live = detail.data?.live ?? null;
  const itemCode = detail.data?.case.itemCode;
  const version = live?.definitionRef.version;
  const canReadDefinitions = roles.some((r) => r === 'administrator' || r === 'supervisor' || r === 'auditor');
  const definition = useRemote(
    () => (canReadDefinitions && itemCode && version ? getVersion(itemCode, version).then((v) => v.definition) : Promise.resolve(undefined as ProcessDefinition | undefined)),
    [itemCode, version, canReadDefinitions],
  );
  const marks = useMemo(() => {
    const m = new Map<string, Mark>();
    for (const h of detail.data?.timeline ?? []) if (h.nodeId) m.set(h.nodeId, 'done');
    for (const p of detail.data?.case.position ?? []) m.set(p.nodeId, 'active');
    return m as ReadonlyMap<string, Mark>;
  }, [detail.data]);

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
        <dd>{c.department}</dd>
        <dt>{t('case.submittedAt')}</dt>
        <dd>{formatDateTime(c.submittedAt, i18n.language)}</dd>
        <dt>{t('case.deadline')}</dt>
        <dd>{formatDeadline(c.deadline, i18n.language)}</dd>
        <dt>{t('case.position')}</dt>
        <dd data-testid="case-position">{c.position.map((p) => p.name).join('、') || '—'}</dd>
      </dl>
      <div className="case-grid">
        {canReadDefinitions ? (
          <div className="case-graph">
            {definition.data ? (
              <ProcessView definition={definition.data} marks={marks} label={t('case.graph')} />
            ) : (
              <p className="muted">{definition.error ?? t('common.loading')}</p>
            )}
          </div>
        ) : (
          <Timeline timeline={detail.data.timeline} />
        )}
        <div className="case-side">
          {live && <ClockBar live={live} promisedDays={definition.data?.item.promisedLimit.value ?? null} />}
          {clerk && live && <CaseActions view={live} definition={definition.data} onDone={detail.reload} />}
          {supervisor && <SupervisorActions caseNo={c.caseNo} onDone={detail.reload} />}
          {supervisor && <AlertFeed caseNo={c.caseNo} />}
        </div>
      </div>
      {canReadDefinitions && <Timeline timeline={detail.data.timeline} />}
    </main>
  );
}
