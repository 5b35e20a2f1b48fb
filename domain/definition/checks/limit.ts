import { edgesOf, type GraphIndex } from '../graph/graph-index';
import { definitionError, definitionWarning, type DefinitionIssue } from '../issues';
import type { ProcessDefinition } from '../types';

export interface LimitCheckOptions {
  /** Warn when the promised limit exceeds two thirds of the statutory limit (a common provincial rule). */
  twoThirdsRule?: boolean;
}

/**
 * Limit checks: the promised limit within the statutory one (and, optionally, within
 * two thirds of it), and step limits that fit the promised limit along every path.
 */
export function checkLimits(definition: ProcessDefinition, index: GraphIndex, options: LimitCheckOptions): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const { promisedLimit, statutoryLimit } = definition.item;
  const [promised, statutory] = [promisedLimit.value, statutoryLimit.value];
  const path = '/item/promisedLimit/value';
  if (promised > statutory) {
    issues.push(definitionError('LIMIT_PROMISED_EXCEEDS_STATUTORY', `承诺时限(${promised} 个工作日)超过了法定时限(${statutory} 个工作日)`, `The promised limit (${promised} working days) exceeds the statutory limit (${statutory})`, { path }));
  } else if (options.twoThirdsRule === true && promised * 3 > statutory * 2) {
    issues.push(definitionWarning('LIMIT_TWO_THIRDS', `承诺时限(${promised} 个工作日)超过法定时限(${statutory} 个工作日)的三分之二`, `The promised limit (${promised} working days) exceeds two thirds of the statutory limit (${statutory})`, { path }));
  }
  const longest = longestStepPath(index);
  if (longest > promised) {
    issues.push(definitionWarning('STEP_LIMITS_EXCEED_PROMISED', `沿最长路径各环节时限之和为 ${longest} 个工作日,超过承诺时限 ${promised} 个工作日`, `Step limits along the longest path add up to ${longest} working days, more than the promised ${promised}`, { path }));
  }
  return issues;
}

/**
 * The largest sum of step limits on a forward path from the start. Special-procedure
 * tasks are left out: their time does not count against the processing limit.
 * Parallel branches run side by side, so the longest path counts only the slowest.
 */
export function longestStepPath(index: GraphIndex): number {
  if (index.order === undefined || index.start === undefined) return 0;
  const best = new Map<string, number>([[index.start.id, 0]]);
  let longest = 0;
  for (const id of index.order) {
    const before = best.get(id);
    if (before === undefined) continue;
    const node = index.nodes.get(id);
    const own = node?.kind === 'task' && node.stage !== 'special' ? (node.stepLimitDays ?? 0) : 0;
    const total = before + own;
    longest = Math.max(longest, total);
    for (const edge of edgesOf(index.forwardOut, id)) best.set(edge.target, Math.max(best.get(edge.target) ?? 0, total));
  }
  return longest;
}
