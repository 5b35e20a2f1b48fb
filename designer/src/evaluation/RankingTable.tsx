import { useTranslation } from 'react-i18next';
import type { RankedDepartment } from '../api/evaluations';
import { formatPoints } from './formula';

/** The ranking after upheld appeals: an adjusted score shows what it was before. */
export function RankingTable({ ranking, selected, selectable, onSelect }: {
  ranking: RankedDepartment[];
  selected: string | undefined;
  /** Departments whose details the user may open. */
  selectable: ReadonlySet<string>;
  onSelect(department: string): void;
}) {
  const { t } = useTranslation();
  return (
    <table className="table eval-ranking" data-testid="ranking">
      <caption>{t('evaluation.ranking.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('evaluation.ranking.rank')}</th>
          <th scope="col">{t('evaluation.ranking.department')}</th>
          <th scope="col">{t('evaluation.ranking.score')}</th>
          <th scope="col">{t('evaluation.ranking.details')}</th>
        </tr>
      </thead>
      <tbody>
        {ranking.map((r) => (
          <tr key={r.department} data-department={r.department} aria-selected={selected === r.department} className={selected === r.department ? 'is-selected' : undefined}>
            <td className="eval-rank">{r.rank}</td>
            <td>{r.name ?? r.department} <code>{r.department}</code></td>
            <td className="eval-score" data-testid={`score-${r.department}`}>
              <strong>{formatPoints(r.score)}</strong>
              {r.adjusted && r.original !== undefined && (
                <span className="eval-adjusted" title={t('evaluation.ranking.adjustedTitle')}>
                  {t('evaluation.ranking.adjusted', { before: formatPoints(r.original) })}
                </span>
              )}
            </td>
            <td>
              {selectable.has(r.department) && (
                <button type="button" className="link" data-testid={`open-${r.department}`} onClick={() => onSelect(r.department)}>
                  {t('evaluation.ranking.open')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
