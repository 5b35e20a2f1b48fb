import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { diffDefinitions, type DefinitionDiff, type ProcessDefinition } from '../../../domain/definition';
import { getVersion, listVersions } from '../api/definitions';
import type { Mark } from '../graph/marks';
import { ProcessView } from '../graph/ProcessView';
import { formatDateTime } from '../ui/format';
import { useRemote } from '../ui/useRemote';

/** Changes drawn on the later version: added and changed elements marked; removed ones listed. */
function diffMarks(diff: DefinitionDiff): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const n of diff.nodes.added) marks.set(n.id, 'added');
  for (const n of diff.nodes.changed) marks.set(n.id, 'changed');
  for (const e of diff.edges.added) marks.set(e.id, 'added');
  for (const e of diff.edges.changed) marks.set(e.id, 'changed');
  return marks;
}

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
  const diff = useMemo(() => (pair.data ? diffDefinitions(pair.data.before, pair.data.after) : null), [pair.data]);
  const marks = useMemo(() => (diff ? diffMarks(diff) : new Map<string, Mark>()), [diff]);
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
          {diff && pair.data && (
            <div className="diff-body">
              <ProcessView definition={pair.data.after} marks={marks} label={t('versions.diffGraph')} />
              <DiffSummary diff={diff} />
            </div>
          )}
        </section>
      )}
    </main>
  );
}

/** `stepLimitDays 2 → 5; role reviewer → approver` */
function fieldChanges(before: object, after: object, fields: string[]): string {
  const value = (o: object, f: string) => JSON.stringify((o as Record<string, unknown>)[f]) ?? '—';
  return fields.map((f) => `${f} ${value(before, f)} → ${value(after, f)}`).join('; ');
}

function DiffSummary({ diff }: { diff: DefinitionDiff }) {
  const { t } = useTranslation();
  if (diff.identical) return <p data-testid="diff-summary">{t('versions.identical')}</p>;
  const row = (mark: Mark, label: string) => (
    <li className={`diff-${mark}`} key={`${mark}-${label}`}>
      {t(`versions.${mark}`)}: {label}
    </li>
  );
  return (
    <ul className="diff-summary" data-testid="diff-summary">
      {diff.item.map((c) => (
        <li key={c.path} className="diff-changed">
          {t('versions.itemField')} <code>{c.path}</code>: {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
        </li>
      ))}
      {diff.nodes.added.map((n) => row('added', `${n.name} (${n.id})`))}
      {diff.nodes.changed.map((c) => row('changed', `${c.after.name} (${c.id}): ${fieldChanges(c.before, c.after, c.fields)}`))}
      {diff.nodes.removed.map((n) => row('removed', `${n.name} (${n.id})`))}
      {diff.edges.added.map((e) => row('added', `${e.source} → ${e.target}`))}
      {diff.edges.changed.map((c) => row('changed', `${c.after.source} → ${c.after.target}: ${fieldChanges(c.before, c.after, c.fields)}`))}
      {diff.edges.removed.map((e) => row('removed', `${e.source} → ${e.target}`))}
      {diff.layoutChanged && <li className="muted">{t('versions.layoutChanged')}</li>}
    </ul>
  );
}
