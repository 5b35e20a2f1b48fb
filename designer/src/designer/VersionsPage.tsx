import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ProcessDefinition } from '../../../domain/definition';
import { getVersion, listVersions } from '../api/definitions';
import { formatDateTime } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { DiffView } from './DiffView';

async function loadPair(itemCode: string, from: number, to: number): Promise<{ before: ProcessDefinition; after: ProcessDefinition }> {
  const [before, after] = await Promise.all([getVersion(itemCode, from), getVersion(itemCode, to)]);
  return { before: before.definition, after: after.definition };
}

/** An item's published versions, and a visual diff of any two of them. */
export function VersionsPage({ itemCode }: { itemCode: string }) {
  const { t, i18n } = useTranslation();
  const versions = useRemote(() => listVersions(itemCode), [itemCode]);
  const list = versions.data ?? [];
  const latest = list.at(-1)?.version;
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const a = from ?? (latest !== undefined && latest > 1 ? latest - 1 : latest);
  const b = to ?? latest;
  const pair = useRemote(() => (a !== undefined && b !== undefined ? loadPair(itemCode, a, b) : Promise.resolve(null)), [itemCode, a, b]);
  const options = list.map((v) => (
    <option key={v.version} value={v.version}>
      v{v.version}
    </option>
  ));

  return (
    <main className="page" aria-labelledby="versions-title">
      <header className="page-head">
        <h1 id="versions-title">{t('versions.title', { code: itemCode })}</h1>
        <Link href={`/designer/${encodeURIComponent(itemCode)}`} className="button-link">
          {t('versions.edit')}
        </Link>
      </header>
      {versions.error && <p className="status status--error" role="alert">{versions.error}</p>}
      <table className="table" data-testid="version-list">
        <thead>
          <tr>
            <th scope="col">{t('versions.version')}</th>
            <th scope="col">{t('item.name')}</th>
            <th scope="col">{t('versions.publishedAt')}</th>
            <th scope="col">{t('versions.publishedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((v) => (
            <tr key={v.version}>
              <td>v{v.version}</td>
              <td>{v.itemName}</td>
              <td>{formatDateTime(v.publishedAt, i18n.language)}</td>
              <td>{v.publishedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length > 0 && (
        <section className="diff" aria-labelledby="diff-title">
          <h2 id="diff-title">{t('versions.diff')}</h2>
          <div className="diff-pick">
            <label>
              {t('versions.from')} <select value={a} onChange={(e) => setFrom(Number(e.target.value))} data-testid="diff-from">{options}</select>
            </label>
            <label>
              {t('versions.to')} <select value={b} onChange={(e) => setTo(Number(e.target.value))} data-testid="diff-to">{options}</select>
            </label>
          </div>
          {pair.data && <DiffView before={pair.data.before} after={pair.data.after} label={t('versions.diffGraph')} />}
        </section>
      )}
    </main>
  );
}
