import { memo } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { DesignerNode } from '../designer/types';
import { positionName } from '../ui/position';
import { useDepartmentName } from './department-names';
import { useMark } from './marks';

type PropsOf<K extends DesignerNode['type']> = NodeProps<Extract<DesignerNode, { type: K }>>;

function classes(kind: string, mark: string | undefined, selected: boolean): string {
  return ['process-node', `process-node--${kind}`, mark ? `mark-${mark}` : '', selected ? 'is-selected' : ''].join(' ');
}

function MarkBadge({ mark }: { mark: string | undefined }) {
  const { t } = useTranslation();
  if (mark !== 'error' && mark !== 'warning') return null;
  return (
    <span className={`node-badge node-badge--${mark}`} role="img" aria-label={t(`issues.${mark}`)}>
      {mark === 'error' ? '!' : '?'}
    </span>
  );
}

const StartNode = memo(function StartNode({ id, data, selected }: PropsOf<'start'>) {
  const mark = useMark(id);
  return (
    <div className={classes('start', mark, selected)} data-node-id={id}>
      <MarkBadge mark={mark} />
      <span className="node-name">{data.name}</span>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

const TaskNode = memo(function TaskNode({ id, data, selected }: PropsOf<'task'>) {
  const { t } = useTranslation();
  const mark = useMark(id);
  const department = useDepartmentName(data.department);
  return (
    <div className={classes('task', mark, selected)} data-node-id={id}>
      <Handle type="target" position={Position.Left} />
      <MarkBadge mark={mark} />
      <div className="node-head">
        <span className={`stage stage--${data.stage}`}>{t(`stage.${data.stage}`)}</span>
        {data.stepLimitDays !== undefined && <span className="node-limit">{t('node.days', { count: data.stepLimitDays })}</span>}
      </div>
      <div className="node-name">{data.name}</div>
      <div className="node-meta">
        {positionName(t, data.role)} · {department}
        {data.riskPoint && <span className={`risk risk--${data.riskPoint.level}`} title={t('inspector.riskPoint')}>{t(`risk.${data.riskPoint.level}`)}</span>}
        {data.specialProcedure && <span className="special" title={t('inspector.specialProcedure')}>{t(`special.${data.specialProcedure.kind}`)}</span>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

function Gateway({ id, kind, symbol, name, selected }: { id: string; kind: string; symbol: string; name: string; selected: boolean }) {
  const mark = useMark(id);
  return (
    <div className={classes(kind, mark, selected)} data-node-id={id}>
      <Handle type="target" position={Position.Left} />
      <MarkBadge mark={mark} />
      <svg className="gateway-symbol" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        <polygon points="12,1 23,12 12,23 1,12" />
        {symbol === '+' ? <path d="M12 6v12M6 12h12" /> : <path d="M8 8l8 8M16 8l-8 8" />}
      </svg>
      <span className="node-name">{name}</span>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const SplitNode = memo(function SplitNode({ id, data, selected }: PropsOf<'parallel-split'>) {
  return <Gateway id={id} kind="parallel-split" symbol="+" name={data.name} selected={selected} />;
});
const JoinNode = memo(function JoinNode({ id, data, selected }: PropsOf<'parallel-join'>) {
  return <Gateway id={id} kind="parallel-join" symbol="+" name={data.name} selected={selected} />;
});
const ChoiceNode = memo(function ChoiceNode({ id, data, selected }: PropsOf<'choice'>) {
  return <Gateway id={id} kind="choice" symbol="×" name={data.name} selected={selected} />;
});

const EndNode = memo(function EndNode({ id, data, selected }: PropsOf<'end'>) {
  const { t } = useTranslation();
  const mark = useMark(id);
  return (
    <div className={classes('end', mark, selected)} data-node-id={id}>
      <Handle type="target" position={Position.Left} />
      <MarkBadge mark={mark} />
      <span className="node-name">{data.name}</span>
      <span className={`outcome outcome--${data.outcome}`}>{t(`outcome.${data.outcome}`)}</span>
    </div>
  );
});

/** One node component per process node kind; declared once so React Flow never remounts them. */
export const nodeTypes = {
  start: StartNode,
  task: TaskNode,
  'parallel-split': SplitNode,
  'parallel-join': JoinNode,
  choice: ChoiceNode,
  end: EndNode,
} satisfies NodeTypes;
