import type { FromSchema } from 'json-schema-to-ts';
import type { processDefinitionSchema } from './schema/schema';

/** A validated process definition (defaults such as `supplementNoticeDays` filled in). */
export type ProcessDefinition = FromSchema<typeof processDefinitionSchema>;
/** A definition as authored, before validation fills in defaults. */
export type ProcessDefinitionInput = FromSchema<
  typeof processDefinitionSchema,
  { keepDefaultedPropertiesOptional: true }
>;

export type ItemInfo = ProcessDefinition['item'];
export type ItemCategory = ItemInfo['category'];
export type TimeLimit = ItemInfo['promisedLimit'];
export type CatalogueMaterial = ItemInfo['catalogue']['materials'][number];

export type ProcessNode = ProcessDefinition['nodes'][number];
export type NodeKind = ProcessNode['kind'];
export type StartNode = Extract<ProcessNode, { kind: 'start' }>;
export type TaskNode = Extract<ProcessNode, { kind: 'task' }>;
export type ParallelSplitNode = Extract<ProcessNode, { kind: 'parallel-split' }>;
export type ParallelJoinNode = Extract<ProcessNode, { kind: 'parallel-join' }>;
export type ChoiceNode = Extract<ProcessNode, { kind: 'choice' }>;
export type EndNode = Extract<ProcessNode, { kind: 'end' }>;

export type TaskStage = TaskNode['stage'];
export type SpecialProcedure = NonNullable<TaskNode['specialProcedure']>;
export type SpecialProcedureKind = SpecialProcedure['kind'];
export type RiskPoint = NonNullable<TaskNode['riskPoint']>;
export type EndOutcome = EndNode['outcome'];

export type ProcessEdge = ProcessDefinition['edges'][number];
export type EdgeAction = NonNullable<ProcessEdge['action']>;
export type ProcessLayout = NonNullable<ProcessDefinition['layout']>;
export type NodePosition = ProcessLayout['positions'][string];
