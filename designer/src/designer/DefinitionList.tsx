import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { listDefinitions } from '../api/definitions';
import { useRemote } from '../ui/useRemote';

/** Items with a draft or a published process, and a way to start a new one. */
export function DefinitionList() {
  const { t } = useTranslation();
  const definitions = useRemote(listDefinitions, []);
  return (
    <main className="page" aria-labelledby="definitions-title">
      <header className="page-head">
        <h1 id="definitions-title">{t('definitions.title')}</h1>
        <Link href="/designer/new" className="button-link primary" data-testid="new-definition">
          {t('definitions.new')}
        </Link>
      </header>
      {definitions.error && <p className="status status--error" role="alert">{definitions.error}</p>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('item.code')}</th>
            <th scope="col">{t('item.name')}</th>
            <th scope="col">{t('definitions.latestVersion')}</th>
            <th scope="col">{t('definitions.draft')}</th>
          </tr>
        </thead>
        <tbody>
          {(definitions.data ?? []).map((d) => (
            <tr key={d.itemCode}>
              <td>
                <Link href={`/designer/${encodeURIComponent(d.itemCode)}`}>{d.itemCode}</Link>
              </td>
              <td>{d.itemName}</td>
              <td>
                {d.latestVersion === null ? '—' : <Link href={`/designer/${encodeURIComponent(d.itemCode)}/versions`}>v{d.latestVersion}</Link>}
              </td>
              <td>{d.draftRevision === null ? '—' : t('definitions.revision', { revision: d.draftRevision })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {definitions.data?.length === 0 && <p className="muted">{t('definitions.empty')}</p>}
    </main>
  );
}
