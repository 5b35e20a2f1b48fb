/**
 * Validation time of a large process definition (300 nodes, 400 edges).
 * Run: npx tsx bench/validation.bench.ts — prints figures, asserts nothing.
 */
import { definitionToGraph, graphToDefinition, validateDefinition } from '../domain/definition';
import { largeDefinition } from '../test/fixtures/definitions/large';

const input = largeDefinition(300, 400);
const coldStart = performance.now();
const first = validateDefinition(input, { twoThirdsRule: true });
console.log(
  `definition: ${input.nodes.length} nodes, ${input.edges.length} edges; ` +
    `errors ${first.errors.length}, warnings ${first.warnings.length}; ` +
    `first call (compiles the schema) ${(performance.now() - coldStart).toFixed(1)} ms`,
);

function measure(label: string, runs: number, run: () => unknown): void {
  for (let i = 0; i < 20; i += 1) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  console.log(`${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms over ${runs} runs`);
}

measure('validateDefinition', 200, () => validateDefinition(input, { twoThirdsRule: true }));
const definition = first.definition;
if (definition !== undefined) {
  measure('definitionToGraph + graphToDefinition', 200, () => graphToDefinition(definitionToGraph(definition)));
}
