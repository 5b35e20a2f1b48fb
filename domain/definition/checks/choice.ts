import { checkExpression } from '../expression/check';
import { tryParseExpression } from '../expression/parser';
import { edgesOf, type GraphIndex } from '../graph/graph-index';
import { definitionError, type DefinitionIssue } from '../issues';
import type { ChoiceNode, ProcessDefinition, ProcessEdge } from '../types';

/**
 * Choice checks: at least two exits, exactly one default, every other exit with a
 * condition that parses and fits the application form; conditions only on choices.
 */
export function checkChoices(definition: ProcessDefinition, index: GraphIndex): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  for (const node of definition.nodes) if (node.kind === 'choice') issues.push(...checkChoice(node, index, definition));
  for (const edge of definition.edges) {
    const source = index.nodes.get(edge.source);
    if (source !== undefined && source.kind !== 'choice' && (edge.condition !== undefined || edge.default !== undefined)) {
      issues.push(definitionError('EDGE_CONDITION_NOT_ALLOWED', `连线 ${edge.id} 不是从条件节点出发的,不能设置条件或默认分支`, `Edge ${edge.id} does not leave a choice, so it cannot carry a condition or default`, { edgeId: edge.id }));
    }
  }
  return issues;
}

function checkChoice(choice: ChoiceNode, index: GraphIndex, definition: ProcessDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const edges = edgesOf(index.outgoing, choice.id);
  if (edges.length < 2) {
    issues.push(definitionError('CHOICE_BRANCH_COUNT', `条件节点“${choice.name}”至少需要两条出口`, `Choice '${choice.name}' needs at least two outgoing edges`, { nodeId: choice.id }));
  }
  const defaults = edges.filter((edge) => edge.default === true);
  if (defaults.length !== 1 && edges.length > 0) {
    const extra = defaults[1];
    issues.push(definitionError('CHOICE_DEFAULT_COUNT', `条件节点“${choice.name}”须有且只有一条默认出口(现有 ${defaults.length} 条)`, `Choice '${choice.name}' needs exactly one default edge (it has ${defaults.length})`, extra === undefined ? { nodeId: choice.id } : { nodeId: choice.id, edgeId: extra.id }));
  }
  for (const edge of edges) issues.push(...checkCondition(edge, definition.item.catalogue.formSchema));
  return issues;
}

function checkCondition(edge: ProcessEdge, formSchema: unknown): DefinitionIssue[] {
  const at = { edgeId: edge.id };
  if (edge.default === true) {
    return edge.condition === undefined
      ? []
      : [definitionError('DEFAULT_WITH_CONDITION', `默认出口 ${edge.id} 不应设置条件`, `Default edge ${edge.id} must not have a condition`, at)];
  }
  if (edge.condition === undefined) {
    return [definitionError('CONDITION_MISSING', `连线 ${edge.id} 须设置条件,或设为默认出口`, `Edge ${edge.id} needs a condition or must be the default`, at)];
  }
  const parsed = tryParseExpression(edge.condition);
  if (!parsed.ok) {
    const { position, reason } = parsed.error;
    return [definitionError('CONDITION_SYNTAX', `连线 ${edge.id} 的条件第 ${position + 1} 个字符处有误:${reason.zh}`, `The condition of edge ${edge.id} is malformed at ${position}: ${reason.en}`, at)];
  }
  return checkExpression(parsed.expression, formSchema).map((problem) =>
    definitionError(
      problem.kind === 'unknown-identifier' ? 'CONDITION_UNKNOWN_FIELD' : 'CONDITION_TYPE',
      `连线 ${edge.id} 的条件(第 ${problem.position + 1} 个字符):${problem.message.zh}`,
      `The condition of edge ${edge.id} (at ${problem.position}): ${problem.message.en}`,
      at,
    ),
  );
}
