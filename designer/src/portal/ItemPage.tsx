import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ApiError } from '../api/client';
import { readGuide, type GuideItem } from '../api/public';
import { ItemFaq } from '../voice/ItemFaq';
import { useRemote } from '../ui/useRemote';

/** One item's guide (办事指南): conditions, materials, steps, time limits and fee. */
export function ItemPage({ itemCode }: { itemCode: string }) {
  const { t } = useTranslation();
  const item = useRemote<GuideItem | null>(
    () => readGuide(itemCode).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
    [itemCode],
  );
  return (
    <div className="portal-page">
      <p>
        <Link href="/public/items">← {t('portal.catalogue.back')}</Link>
      </p>
      {item.loading && item.data === undefined && <p className="muted">{t('common.loading')}</p>}
      {item.error && <p className="status status--error" role="alert">{t('portal.errors.failed', { reason: item.error })}</p>}
      {item.data === null && <p className="portal-empty" role="alert">{t('portal.catalogue.notFound')}</p>}
      {item.data && <ItemGuide item={item.data} />}
    </div>
  );
}

function ItemGuide({ item }: { item: GuideItem }) {
  const { t } = useTranslation();
  const days = (count: number) => t('portal.progress.workingDays', { count });
  return (
    <article data-testid="item-guide">
      <h1>{item.name}</h1>
      <section className="portal-panel" aria-labelledby="guide-basics">
        <h2 id="guide-basics">{t('portal.catalogue.basics')}</h2>
        <dl className="portal-facts">
          <dt>{t('portal.catalogue.code')}</dt>
          <dd className="portal-mono">{item.code}</dd>
          <dt>{t('portal.catalogue.category')}</dt>
          <dd>{t(`category.${item.category}`)}</dd>
          <dt>{t('portal.catalogue.department')}</dt>
          <dd data-testid="guide-department">{item.departmentName ?? '—'}</dd>
          <dt>{t('portal.catalogue.promised')}</dt>
          <dd data-testid="guide-promised">{days(item.promisedDays)}</dd>
          <dt>{t('portal.catalogue.statutory')}</dt>
          <dd data-testid="guide-statutory">{days(item.statutoryDays)}</dd>
          <dt>{t('portal.catalogue.fee')}</dt>
          <dd>{item.fee.standard === 0 ? t('portal.catalogue.free') : t('portal.catalogue.feeYuan', { amount: item.fee.standard })}</dd>
          {item.fee.basis && (
            <>
              <dt>{t('portal.catalogue.feeBasis')}</dt>
              <dd>{item.fee.basis}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="portal-panel" aria-labelledby="guide-conditions">
        <h2 id="guide-conditions">{t('portal.catalogue.conditions')}</h2>
        {item.conditions.length === 0 ? (
          <p className="muted">{t('portal.catalogue.noConditions')}</p>
        ) : (
          <ol data-testid="guide-conditions">
            {item.conditions.map((c) => <li key={c}>{c}</li>)}
          </ol>
        )}
      </section>
      <section className="portal-panel" aria-labelledby="guide-materials">
        <h2 id="guide-materials">{t('portal.catalogue.materials')}</h2>
        <div className="portal-table-wrap">
          <table className="table" data-testid="guide-materials">
            <thead>
              <tr>
                <th scope="col">{t('portal.catalogue.material')}</th>
                <th scope="col">{t('portal.catalogue.required')}</th>
                <th scope="col">{t('portal.catalogue.copies')}</th>
                <th scope="col">{t('portal.catalogue.note')}</th>
              </tr>
            </thead>
            <tbody>
              {item.materials.map((m) => (
                <tr key={m.name}>
                  <td>{m.name}</td>
                  <td>{m.required ? t('common.yes') : t('common.no')}</td>
                  <td>{m.copies ?? '—'}</td>
                  <td>{m.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="portal-panel" aria-labelledby="guide-steps">
        <h2 id="guide-steps">{t('portal.catalogue.steps')}</h2>
        <GuideSteps steps={item.steps} />
      </section>
      <ItemFaq itemCode={item.code} />
      <p>
        {t('portal.catalogue.complain')}{' '}
        <Link href={`/public/complaints/new?itemCode=${encodeURIComponent(item.code)}`}>{t('portal.nav.complain')}</Link>
      </p>
    </article>
  );
}

type GuideStep = GuideItem['steps'][number];

/** The steps in the order of the flow, one entry per stage; the branches of parallel approval together in one. */
function GuideSteps({ steps }: { steps: GuideStep[] }) {
  const { t } = useTranslation();
  const phases = new Map<number, GuideStep[]>();
  for (const step of steps) phases.set(step.phase, [...(phases.get(step.phase) ?? []), step]);
  return (
    <ol className="portal-steps" data-testid="guide-steps">
      {[...phases].map(([phase, inPhase]) => {
        const [first] = inPhase;
        if (first === undefined || first.branch === null) return inPhase.map((s) => <li key={s.nodeId} data-phase={phase}><StepLine step={s} /></li>);
        const branches = new Map<number, GuideStep[]>();
        for (const s of inPhase) branches.set(s.branch ?? 0, [...(branches.get(s.branch ?? 0) ?? []), s]);
        return (
          <li key={`phase-${phase}`} data-phase={phase} data-parallel="true">
            <strong>{t('portal.catalogue.parallel')}</strong>
            <ul className="portal-branches">
              {[...branches].map(([branch, inBranch]) => (
                <li key={branch} data-branch={branch} aria-label={t('portal.catalogue.branch', { n: branch })}>
                  {inBranch.map((s, i) => (
                    <span key={s.nodeId}>{i > 0 && ' → '}<StepLine step={s} /></span>
                  ))}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}

/** A step: its name, its kind of step and the department that handles it, never their codes. */
function StepLine({ step }: { step: GuideStep }) {
  const { t } = useTranslation();
  return (
    <span className="portal-step" data-step={step.nodeId}>
      <strong>{step.name}</strong> <span className="muted">{t(`stage.${step.stage}`)}</span>
      {step.departmentName !== null && <span className="muted"> · {step.departmentName}</span>}
      {step.stepLimitDays !== undefined && <span className="muted"> · {t('portal.catalogue.stepLimit', { count: step.stepLimitDays })}</span>}
    </span>
  );
}
