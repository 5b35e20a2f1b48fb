import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { decideObjection, disposeAnomaly, objectToAnomaly, readAnomaly, type AnomalyDetail, type Decision, type Disposal } from '../api/anomalies';
import { useSession } from '../auth/session';
import { describeOversightEvent } from '../ui/describe';
import { formatDateTime } from '../ui/format';
import { useKeyedAction } from '../ui/useKeyedAction';

type Outcome = Disposal['outcome'];

/** One anomaly: what happened, its disposition record, and the one step the user may take now. */
export function AnomalyPage({ anomalyId }: { anomalyId: string }) {
  const { t, i18n } = useTranslation();
  const user = useSession((s) => s.user);
  const [anomaly, setAnomaly] = useState<AnomalyDetail | null>(null);
  const [error, setError] = useState<string>();
  const load = useCallback(() => readAnomaly(anomalyId).then(setAnomaly).catch((e: unknown) => setError((e as Error).message)), [anomalyId]);
  useEffect(() => {
    document.title = `${t('anomaly.title')} ${anomalyId} · Sunlight`;
    void load();
  }, [anomalyId, load, t]);
  // Each step goes under a key held until it is answered: a click repeated after a lost answer
  // (or while the anomaly's workflow has not answered yet) is the same step, taken once.
  const keyed = useKeyedAction();
  const act = (request: object, run: (key: string) => Promise<unknown>) => {
    setError(undefined);
    // The record follows the workflow's answer a moment later.
    keyed.send({ anomalyId, ...request }, run).then(() => new Promise((r) => setTimeout(r, 300))).then(load).catch((e: unknown) => setError((e as Error).message));
  };
  if (!anomaly) return <main className="page">{error ? <p className="status status--error" role="alert">{error}</p> : <p>{t('common.loading')}</p>}</main>;
  const roles = user?.roles ?? [];
  const supervisor = roles.includes('supervisor');
  const ownOfficer = roles.includes('department-officer') && user?.department === anomaly.department;
  const objectionOpen = anomaly.status === 'confirmed' && !anomaly.objection && !anomaly.findingFinal
    && anomaly.objectionClosesAt !== null && anomaly.objectionClosesAt !== undefined && Date.parse(anomaly.objectionClosesAt) > Date.now();
  return (
    <main className="page" aria-labelledby="anomaly-title">
      <header className="page-head">
        <h1 id="anomaly-title">{t(`anomaly.kinds.${anomaly.kind}`, { defaultValue: anomaly.kind })}</h1>
        <Link href="/anomalies">{t('anomaly.back')}</Link>
      </header>
      <dl className="facts">
        <dt>{t('anomaly.caseNo')}</dt><dd><Link href={`/cases/${encodeURIComponent(anomaly.caseNo)}`}>{anomaly.caseNo}</Link></dd>
        <dt>{t('anomaly.department')}</dt><dd>{anomaly.departmentName}</dd>
        <dt>{t('anomaly.person')}</dt><dd>{anomaly.actorName ?? '—'}</dd>
        <dt>{t('anomaly.at')}</dt><dd>{formatDateTime(anomaly.at, i18n.language)}</dd>
        <dt>{t('anomaly.reason')}</dt><dd>{anomaly.reason}</dd>
        <dt>{t('anomaly.status')}</dt><dd data-testid="anomaly-status">{t(`anomaly.statuses.${anomaly.status}`)}</dd>
        {anomaly.dispositionDeadline && <><dt>{t('anomaly.deadline')}</dt><dd>{formatDateTime(anomaly.dispositionDeadline, i18n.language)}</dd></>}
        {anomaly.objectionClosesAt && <><dt>{t('anomaly.objectionUntil')}</dt><dd>{formatDateTime(anomaly.objectionClosesAt, i18n.language)}</dd></>}
      </dl>
      {error && <p className="status status--error" role="alert">{error}</p>}
      {supervisor && anomaly.status === 'open' && <DisposeForm anomaly={anomaly} onSubmit={(body) => act({ dispose: body }, (key) => disposeAnomaly(anomalyId, body, key))} />}
      {ownOfficer && objectionOpen && <ObjectionForm onSubmit={(grounds) => act({ grounds }, (key) => objectToAnomaly(anomalyId, grounds, key))} />}
      {supervisor && anomaly.status === 'objected' && <DecisionForm onSubmit={(body) => act({ decide: body }, (key) => decideObjection(anomalyId, body, key))} />}
      <section aria-labelledby="anomaly-timeline">
        <h2 id="anomaly-timeline">{t('anomaly.timeline')}</h2>
        <ol className="timeline" data-testid="anomaly-timeline">
          {anomaly.timeline.filter((e) => e.type !== 'notice').map((e) => (
            <li key={e.seq}>
              <time>{formatDateTime(e.at, i18n.language)}</time> {describeOversightEvent({ ...e, nodeId: null }, { t, personName: (id) => anomaly.people?.[id] })}
              {e.actorName && <span className="muted">({e.actorName})</span>}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}

function DisposeForm({ anomaly, onSubmit }: { anomaly: AnomalyDetail; onSubmit: (body: Disposal) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('explained');
  const [text, setText] = useState('');
  const [whom, setWhom] = useState<'department' | 'person'>('department');
  const [measure, setMeasure] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const responsibility = whom === 'person' && anomaly.actorId ? { kind: 'person' as const, userId: anomaly.actorId, measure } : { kind: 'department' as const, measure };
    onSubmit({ outcome, text, ...(outcome === 'confirmed' && { responsibility }) });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="dispose-title">
      <h2 id="dispose-title">{t('anomaly.dispose')}</h2>
      <label>
        {t('anomaly.outcome')}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
          {(['explained', 'confirmed', 'dismissed'] as const).map((o) => <option key={o} value={o}>{t(`anomaly.outcomes.${o}`)}</option>)}
        </select>
      </label>
      <label>
        {t('anomaly.text')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} />
      </label>
      {outcome === 'confirmed' && (
        <fieldset>
          <legend>{t('anomaly.responsibility.title')}</legend>
          <label>
            {t('anomaly.responsiblePerson')}
            <select value={whom} onChange={(e) => setWhom(e.target.value as 'department' | 'person')}>
              <option value="department">{t('anomaly.responsibility.department')}</option>
              {anomaly.actorId && <option value="person">{anomaly.actorName ?? anomaly.actorId}</option>}
            </select>
          </label>
          <label>
            {t('anomaly.responsibility.measure')}
            <input value={measure} onChange={(e) => setMeasure(e.target.value)} required maxLength={500} />
          </label>
        </fieldset>
      )}
      <button type="submit" className="primary">{t('anomaly.submit')}</button>
    </form>
  );
}

function ObjectionForm({ onSubmit }: { onSubmit: (grounds: string) => void }) {
  const { t } = useTranslation();
  const [grounds, setGrounds] = useState('');
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); onSubmit(grounds); }} aria-labelledby="object-title">
      <h2 id="object-title">{t('anomaly.object')}</h2>
      <label>
        {t('anomaly.grounds')}
        <textarea value={grounds} onChange={(e) => setGrounds(e.target.value)} required maxLength={2000} />
      </label>
      <button type="submit" className="primary">{t('anomaly.submitObjection')}</button>
    </form>
  );
}

function DecisionForm({ onSubmit }: { onSubmit: (body: Decision) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Decision['outcome']>('rejected');
  const [reason, setReason] = useState('');
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); onSubmit({ outcome, reason }); }} aria-labelledby="decide-title">
      <h2 id="decide-title">{t('anomaly.decide')}</h2>
      <label>
        {t('anomaly.decision')}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as Decision['outcome'])}>
          {(['rejected', 'upheld'] as const).map((o) => <option key={o} value={o}>{t(`anomaly.decisions.${o}`)}</option>)}
        </select>
      </label>
      <label>
        {t('anomaly.decisionReason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} />
      </label>
      <button type="submit" className="primary">{t('anomaly.submitDecision')}</button>
    </form>
  );
}
