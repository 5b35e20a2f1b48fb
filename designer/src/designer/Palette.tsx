import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { taskStages } from '../../../domain/definition';
import type { PaletteEntry } from './defaults';
import { designerStore } from './useDesigner';

export const PALETTE_MIME = 'application/x-sunlight-node';

const entries: PaletteEntry[] = [
  { kind: 'start' },
  ...taskStages.map((stage) => ({ kind: 'task' as const, stage })),
  { kind: 'parallel-split' },
  { kind: 'parallel-join' },
  { kind: 'choice' },
  { kind: 'end' },
];

const keyOf = (entry: PaletteEntry) => (entry.kind === 'task' ? `task.${entry.stage}` : entry.kind);

/** The node kinds to place: drag one onto the canvas, or press it to add it in the middle of the view. */
export function Palette() {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const add = (entry: PaletteEntry) => {
    const pane = document.querySelector('.designer-canvas')?.getBoundingClientRect();
    const centre = pane ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
    const jitter = designerStore.getState().nodes.length % 5;
    designerStore.getState().addNode(entry, { x: centre.x - 90 + jitter * 20, y: centre.y - 32 + jitter * 20 });
  };
  const onDragStart = (event: DragEvent, entry: PaletteEntry) => {
    event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(entry));
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label={t('palette.title')}>
      <h2>{t('palette.title')}</h2>
      <ul>
        {entries.map((entry) => (
          <li key={keyOf(entry)}>
            <button
              type="button"
              draggable
              className={`palette-entry palette-entry--${entry.kind}`}
              data-testid={`palette-${keyOf(entry)}`}
              onDragStart={(event) => onDragStart(event, entry)}
              onClick={() => add(entry)}
            >
              {t(`palette.${keyOf(entry)}`)}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">{t('palette.hint')}</p>
    </nav>
  );
}
