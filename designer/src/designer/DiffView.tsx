import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { diffDefinitions, diffEntries, diffMarks, unionShape, type DiffEntry, type ItemFieldChange, type ProcessDefinition } from '../../../domain/definition';
import { ProcessView } from '../graph/ProcessView';

/** Fields whose values are words of a vocabulary, by the i18n key of that vocabulary. */
const VOCABULARY: Record<string, string> = { stage: 'stage', action: 'action', outcome: 'outcome', category: 'category', kind: 'kind' };

/** A field's name in the reader's language; a path without a name keeps its path. */
function fieldName(t: TFunction, entry: DiffEntry, path: string): string {
  const key = (entry.element === 'item' && path === 'department' ? 'item.department' : path).replaceAll('.', '_');
  return t(`design.field.${key}`, { defaultValue: path });
}

function valueText(t: TFunction, path: string, value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'design.yes' : 'design.no');
  const vocabulary = VOCABULARY[path];
  if (vocabulary !== undefined && typeof value === 'string') return t(`${vocabulary}.${value}`, { defaultValue: value });
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function changeText(t: TFunction, entry: DiffEntry, change: ItemFieldChange): string {
  return `${fieldName(t, entry, change.path)} ${valueText(t, change.path, change.before)} → ${valueText(t, change.path, change.after)}`;
}

/** The changes in words: what, which element by name, and each changed field by its name. */
export function DiffSummary({ before, after }: { before: ProcessDefinition; after: ProcessDefinition }) {
  const { t } = useTranslation();
  const diff = useMemo(() => diffDefinitions(before, after), [before, after]);
  const entries = useMemo(() => diffEntries(diff, after.item.name), [diff, after]);
  if (entries.length === 0) {
    return <p data-testid="diff-summary">{diff.layoutChanged ? t('versions.layoutChanged') : t('versions.identical')}</p>;
  }
  return (
    <ul className="diff-summary" data-testid="diff-summary">
      {entries.map((entry) => (
        <li key={`${entry.mark}-${entry.element}-${entry.id}`} className={`diff-${entry.mark}`} data-diff={`${entry.mark}:${entry.element}:${entry.id}`}>
          {t(`versions.${entry.mark}`)} {t(`design.element.${entry.element}`)} “{entry.name}”
          {entry.id !== '' && entry.element === 'node' && <code> {entry.id}</code>}
          {entry.fields.length > 0 && `:${entry.fields.map((f) => changeText(t, entry, f)).join(';')}`}
        </li>
      ))}
      {diff.layoutChanged && <li className="muted">{t('versions.layoutChanged')}</li>}
    </ul>
  );
}

/** Both versions in one drawing (removed elements put back and marked red) beside the changes in words. */
export function DiffView({ before, after, label }: { before: ProcessDefinition; after: ProcessDefinition; label: string }) {
  const diff = useMemo(() => diffDefinitions(before, after), [before, after]);
  const shape = useMemo(() => unionShape(before, after, diff), [before, after, diff]);
  const marks = useMemo(() => diffMarks(diff), [diff]);
  return (
    <div className="diff-body">
      <ProcessView definition={shape} marks={marks} label={label} />
      <DiffSummary before={before} after={after} />
    </div>
  );
}
