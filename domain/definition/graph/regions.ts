import { edgesOf, reachableFrom, type GraphIndex } from './graph-index';

/** The nodes strictly between a parallel split and its matching join. */
export interface ParallelRegion {
  splitId: string;
  joinId: string;
  nodes: ReadonlySet<string>;
  /** For each node of the region, the id of the split's outgoing edge whose branch holds it. */
  branchEdge: ReadonlyMap<string, string>;
}

export interface RegionAnalysis {
  /** Well-matched regions by split id. */
  regions: ReadonlyMap<string, ParallelRegion>;
  splitOfJoin: ReadonlyMap<string, string>;
  /** The innermost region holding each node (splits and joins belong to the enclosing one). */
  innermost: ReadonlyMap<string, ParallelRegion>;
  /** Splits whose branches do not all meet at one join. */
  unmatchedSplits: readonly string[];
  /** Joins that several splits would end at. */
  sharedJoins: readonly string[];
  /** Nodes reached by two branches of the same split before its join. */
  merges: readonly { nodeId: string; splitId: string }[];
}

const exit = '#exit';

/**
 * Matches each parallel split with its join: the join must be the split's immediate
 * post-dominator in the forward graph, i.e. every path from the split to an end
 * passes it and meets no other node first that all paths share.
 * Requires an acyclic forward graph (`index.order` defined).
 */
export function analyseRegions(index: GraphIndex): RegionAnalysis {
  const order = index.order ?? [];
  const postDominator = immediatePostDominators(index, order);
  const splitsByJoin = new Map<string, string[]>();
  const unmatchedSplits: string[] = [];
  for (const id of order) {
    if (index.nodes.get(id)?.kind !== 'parallel-split') continue;
    const joinId = postDominator.get(id);
    if (joinId !== undefined && index.nodes.get(joinId)?.kind === 'parallel-join') {
      splitsByJoin.set(joinId, [...(splitsByJoin.get(joinId) ?? []), id]);
    } else {
      unmatchedSplits.push(id);
    }
  }
  const regions = new Map<string, ParallelRegion>();
  const splitOfJoin = new Map<string, string>();
  const sharedJoins: string[] = [];
  const merges: { nodeId: string; splitId: string }[] = [];
  for (const [joinId, splits] of splitsByJoin) {
    const [splitId] = splits;
    if (splits.length > 1 || splitId === undefined) {
      sharedJoins.push(joinId);
      continue;
    }
    regions.set(splitId, buildRegion(index, splitId, joinId, merges));
    splitOfJoin.set(joinId, splitId);
  }
  const innermost = new Map<string, ParallelRegion>();
  const bySizeDescending = [...regions.values()].sort((a, b) => b.nodes.size - a.nodes.size);
  for (const region of bySizeDescending) for (const id of region.nodes) innermost.set(id, region);
  return { regions, splitOfJoin, innermost, unmatchedSplits, sharedJoins, merges };
}

function buildRegion(
  index: GraphIndex,
  splitId: string,
  joinId: string,
  merges: { nodeId: string; splitId: string }[],
): ParallelRegion {
  const nodes = new Set<string>();
  const branchEdge = new Map<string, string>();
  for (const edge of edgesOf(index.forwardOut, splitId)) {
    for (const id of reachableFrom(index, [edge.target], joinId)) {
      nodes.add(id);
      const earlier = branchEdge.get(id);
      if (earlier === undefined) branchEdge.set(id, edge.id);
      else if (earlier !== edge.id && !merges.some((m) => m.nodeId === id)) merges.push({ nodeId: id, splitId });
    }
  }
  return { splitId, joinId, nodes, branchEdge };
}

/**
 * Immediate post-dominators over the forward DAG with a virtual exit after every end
 * node (Cooper–Harvey–Kennedy intersection; one pass suffices on a DAG in reverse
 * topological order). Nodes that cannot reach an end have none.
 */
function immediatePostDominators(index: GraphIndex, order: readonly string[]): Map<string, string> {
  const postDominator = new Map<string, string>();
  const rank = new Map<string, number>([[exit, 0]]);
  const intersect = (first: string, second: string): string => {
    let [a, b] = [first, second];
    while (a !== b) {
      while ((rank.get(a) ?? 0) > (rank.get(b) ?? 0)) a = postDominator.get(a) ?? exit;
      while ((rank.get(b) ?? 0) > (rank.get(a) ?? 0)) b = postDominator.get(b) ?? exit;
    }
    return a;
  };
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const id = order[i] as string;
    rank.set(id, order.length - i);
    const successors = edgesOf(index.forwardOut, id)
      .map((edge) => edge.target)
      .filter((target) => postDominator.has(target));
    if (index.nodes.get(id)?.kind === 'end') successors.push(exit);
    const [first, ...rest] = successors;
    if (first !== undefined) postDominator.set(id, rest.reduce(intersect, first));
  }
  return postDominator;
}
