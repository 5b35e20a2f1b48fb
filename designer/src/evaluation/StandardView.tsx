import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StandardVersion } from '../api/evaluations';
import { formatDateTime } from '../ui/format';
import { describeFormula, formatPoints } from './formula';

/** When and by whom a version was made; the built-in first version says so. */
export function createdText(version: StandardVersion, t: TFunction, locale: string): string {
  return version.createdBy === 'system' ? t('evaluation.standards.builtIn') : t('evaluation.standards.created', { at: formatDateTime(version.createdAt, locale), by: version.createdBy });
}

/** One version of a scoring standard: its indicators, their weights and their formulas in words. */
export function StandardView({ version }: { version: StandardVersion }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const s = version.standard;
  const rated = s.indicators.reduce((sum, i) => sum + (i.formula.kind === 'deduction' ? 0 : i.formula.weight), 0);
  return (
    <section className="eval-standard" aria-labelledby="standard-title" data-testid="standard" data-version={version.version}>
      <h2 id="standard-title">
        {s.name} <code>{s.code} v{version.version}</code>
      </h2>
      {s.description && <p className="muted">{s.description}</p>}
      <p className="muted">
        {t('evaluation.standards.summary', { max: s.maxScore ?? 100, rated: formatPoints(rated), created: createdText(version, t, i18n.language) })}
      </p>
      <table className="table" data-testid="standard-indicators">
        <thead>
          <tr>
            <th scope="col">{t('evaluation.department.indicator')}</th>
            <th scope="col">{t('evaluation.standards.kind')}</th>
            <th scope="col">{t('evaluation.standards.weight')}</th>
            <th scope="col">{t('evaluation.standards.formula')}</th>
          </tr>
        </thead>
        <tbody>
          {s.indicators.map((i) => (
            <tr key={i.id} data-indicator={i.id}>
              <th scope="row">{english ? i.name.en : i.name.zh} <code>{i.id}</code></th>
              <td className="eval-nowrap">{t(`evaluation.standards.kinds.${i.formula.kind}`)}</td>
              <td className="eval-nowrap">{i.formula.kind === 'deduction' ? `−${formatPoints(i.formula.cap)}` : formatPoints(i.formula.weight)}</td>
              <td>{describeFormula(i.formula, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
