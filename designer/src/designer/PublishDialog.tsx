import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../domain/definition';
import { getVersion, listVersions } from '../api/definitions';
import { useRemote } from '../ui/useRemote';
import { DiffView } from './DiffView';
import { currentDefinition } from './store';
import { designerStore } from './useDesigner';

/** The item's latest published version, or null when none is published (or the item is new). */
async function latestPublished(itemCode: string | null): Promise<{ version: number; definition: ProcessDefinition } | null> {
  if (itemCode === null) return null;
  const latest = (await listVersions(itemCode).catch(() => [])).at(-1);
  if (latest === undefined) return null;
  return { version: latest.version, definition: (await getVersion(itemCode, latest.version)).definition };
}

/**
 * The draft against the latest published version, drawn and in words. To compare, it only
 * shows; to publish, it asks for confirmation below the summary of what publishing changes.
 */
export function PublishDialog({ mode, busy, onConfirm, onClose }: { mode: 'compare' | 'publish'; busy: boolean; onConfirm(): void; onClose(): void }) {
  const { t } = useTranslation();
  const itemCode = designerStore.getState().draft?.itemCode ?? null;
  const draft = useMemo(() => currentDefinition(designerStore.getState()), []);
  const published = useRemote(() => latestPublished(itemCode), [itemCode]);
  const next = (published.data?.version ?? 0) + 1;
  const title = mode === 'publish' ? t('design.publishTitle', { version: next }) : t('design.compareTitle', { version: published.data?.version ?? '—' });
  return (
    <div className="dialog-backdrop">
      <section className="dialog dialog--wide" role="dialog" aria-modal="true" aria-labelledby="publish-dialog-title" data-testid={`${mode}-dialog`}>
        <header>
          <h2 id="publish-dialog-title">{title}</h2>
          <button type="button" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </header>
        {published.error && <p className="status status--error" role="alert">{published.error}</p>}
        {published.loading && published.data === undefined ? (
          <p className="muted">{t('design.loading')}</p>
        ) : published.data ? (
          <DiffView before={published.data.definition} after={draft} label={t('design.draftGraph')} />
        ) : (
          <p data-testid="diff-summary">{t('design.firstVersion')}</p>
        )}
        {mode === 'publish' && (
          <footer className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('design.cancel')}
            </button>
            <button type="button" className="primary" onClick={onConfirm} disabled={busy || published.loading} data-testid="confirm-publish">
              {t('design.confirmPublish')}
            </button>
          </footer>
        )}
      </section>
    </div>
  );
}
