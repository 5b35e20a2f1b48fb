import { MarkerType } from '@xyflow/react';
import type { TFunction } from 'i18next';
import type { DesignerEdge } from '../designer/types';
import type { Mark } from './marks';

/** An edge as drawn: its action or condition as the label, and its mark as a class. */
export function drawnEdge(edge: DesignerEdge, t: TFunction, mark: Mark | undefined): DesignerEdge {
  const data = edge.data ?? {};
  const label = data.default === true ? t('edge.default') : (data.condition ?? (data.action ? t(`action.${data.action}`) : undefined));
  const backwards = data.action === 'return';
  return {
    ...edge,
    ...(label === undefined ? {} : { label }),
    className: [mark ? `mark-${mark}` : '', backwards ? 'edge-return' : ''].join(' ').trim(),
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    ...(backwards ? { animated: true } : {}),
  };
}
