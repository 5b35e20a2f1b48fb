import type { ItemInfo, NodeKind, ProcessDefinition, TaskStage } from '../../../domain/definition';
import type { NodeData } from './types';

/** A new item's fields: valid as they are, so a fresh draft starts without schema errors. */
export function newItem(): ItemInfo {
  return {
    code: 'NEW-ITEM',
    name: '新事项',
    category: 'administrative-licence',
    department: 'department',
    statutoryLimit: { value: 20, unit: 'working-day' },
    promisedLimit: { value: 10, unit: 'working-day' },
    redCardGraceDays: 3,
    supplementNoticeDays: 5,
    fee: { standard: 0 },
    catalogue: { conditions: [], materials: [], formSchema: { type: 'object', properties: {} } },
  };
}

/** The smallest valid process: apply, accept (or refuse), conclude. */
export function newDefinition(): ProcessDefinition {
  const item = newItem();
  const task = (id: string, name: string, stage: TaskStage, role: string) =>
    ({ id, name, kind: 'task', stage, role, department: item.department, stepLimitDays: 2 }) as const;
  return {
    schemaVersion: 1,
    item,
    nodes: [
      { id: 'start', name: '申请', kind: 'start' },
      task('accept', '受理', 'accept', 'acceptor'),
      task('conclude', '办结', 'conclude', 'acceptor'),
      { id: 'end-approved', name: '准予许可', kind: 'end', outcome: 'approved' },
      { id: 'end-refused', name: '不予受理', kind: 'end', outcome: 'refused' },
    ],
    edges: [
      { id: 'e-start', source: 'start', target: 'accept' },
      { id: 'e-accept', source: 'accept', target: 'conclude', action: 'accept' },
      { id: 'e-refuse', source: 'accept', target: 'end-refused', action: 'refuse' },
      { id: 'e-conclude', source: 'conclude', target: 'end-approved', action: 'complete' },
    ],
  };
}

const stageNames: Record<TaskStage, string> = {
  accept: '受理',
  undertake: '承办',
  review: '审核',
  approve: '批准',
  conclude: '办结',
  special: '特别程序',
};

const stageRoles: Record<TaskStage, string> = {
  accept: 'acceptor',
  undertake: 'undertaker',
  review: 'reviewer',
  approve: 'approver',
  conclude: 'acceptor',
  special: 'undertaker',
};

/** What the palette offers: each node kind, and a task per stage. */
export type PaletteEntry = { kind: Exclude<NodeKind, 'task'> } | { kind: 'task'; stage: TaskStage };

/** The data of a node placed from the palette. */
export function newNodeData(entry: PaletteEntry, department: string): NodeData<NodeKind> {
  switch (entry.kind) {
    case 'start':
      return { name: '申请' };
    case 'parallel-split':
      return { name: '并联审批' };
    case 'parallel-join':
      return { name: '汇总' };
    case 'choice':
      return { name: '判断' };
    case 'end':
      return { name: '办结', outcome: 'approved' };
    case 'task':
      return {
        name: stageNames[entry.stage],
        stage: entry.stage,
        role: stageRoles[entry.stage],
        department,
        stepLimitDays: 2,
        ...(entry.stage === 'special' ? { specialProcedure: { kind: 'expert-review', limitDays: 10 } } : {}),
      };
  }
}
