import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { publishedRanking, type PublishedRanking } from '../api/public';
import { formatDate, formatDateTime } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { PortalField } from './PortalField';

const PERIOD = /^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** 绩效排名: the published ranking of the latest period, or of one chosen; a clear note when none is published. */
export function RankingsPage() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [period, setPeriod] = useState<string>();
  const [invalid, setInvalid] = useState<string>();
  const ranking = useRemote<PublishedRanking | null>(() => publishedRanking(period), [period]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = typed.trim().toUpperCase().replace(/^(\d{4})-(\d)$/, '$1-0$2');
    if (value !== '' && !PERIOD.test(value)) {
      setInvalid(t('portal.rankings.invalidPeriod'));
      return;
    }
    setInvalid(undefined);
    setPeriod(value || undefined);
  };
  return (
    <div className="portal-page">
      <h1>{t('portal.rankings.title')}</h1>
      <p className="muted">{t('portal.rankings.intro')}</p>
      <form className="portal-filters" onSubmit={submit} noValidate aria-label={t('portal.rankings.title')}>
        <PortalField name="period" label={t('portal.rankings.period')} hint={t('portal.rankings.periodHint')} value={typed} onChange={setTyped} error={invalid} />
        <div className="portal-actions">
          <button type="submit" className="primary">{t('portal.rankings.show')}</button>
          {period && (
            <button type="button" onClick={() => { setTyped(''); setInvalid(undefined); setPeriod(undefined); }}>
              {t('portal.rankings.latest')}
            </button>
          )}
        </div>
      </form>
      {ranking.error && <p className="status status--error" role="alert">{t('portal.errors.failed', { reason: ranking.error })}</p>}
      {ranking.loading && ranking.data === undefined && <p className="muted">{t('common.loading')}</p>}
      {ranking.data === null && !ranking.loading && (
        <p className="portal-empty" data-testid="rankings-empty">
          {period ? t('portal.rankings.emptyPeriod', { period }) : t('portal.rankings.empty')}
        </p>
      )}
      {ranking.data && <RankingTable ranking={ranking.data} />}
    </div>
  );
}

function RankingTable({ ranking }: { ranking: PublishedRanking }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { period, standard } = ranking;
  const score = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 2 });
  return (
    <section className="portal-panel" aria-labelledby="ranking-title" data-testid="ranking" data-period={period.key}>
      <h2 id="ranking-title">
        {t('portal.rankings.heading', { period: period.key, from: formatDate(`${period.from}T12:00:00+08:00`, locale), to: formatDate(`${period.to}T12:00:00+08:00`, locale) })}
      </h2>
      <p className="muted">
        {t('portal.rankings.publishedAt', { at: formatDateTime(ranking.publishedAt, locale) })}
        {standard.code && <> · {t('portal.rankings.standard', { code: standard.name ?? standard.code, version: standard.version ?? 1 })}</>}
      </p>
      <div className="portal-table-wrap">
        <table className="table portal-ranking">
          <thead>
            <tr>
              <th scope="col">{t('portal.rankings.rank')}</th>
              <th scope="col">{t('portal.rankings.department')}</th>
              <th scope="col">{t('portal.rankings.score')}</th>
            </tr>
          </thead>
          <tbody>
            {ranking.ranking.map((r) => (
              <tr key={r.department} data-department={r.department}>
                <td>{r.rank}</td>
                <td>{r.name ?? r.department}</td>
                <td>
                  <strong data-testid={`public-score-${r.department}`}>{score(r.score)}</strong>
                  {r.adjusted && r.original !== undefined && <small className="muted"> {t('portal.rankings.adjusted', { original: score(r.original) })}</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
