/**
 * The designer on a 300-node, 400-edge definition: load, validate and lay out (in Node and in
 * Chromium), then the frame time while a node is dragged across the canvas, in Debian's
 * Chromium through playwright-core. Run: npx tsx bench/designer.bench.ts — prints, asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { validateDefinition } from '../domain/definition';
import { layoutGraph } from '../designer/src/designer/layout';
import { createDesignerStore } from '../designer/src/designer/store';
import { validateGraph } from '../designer/src/designer/validation';
import { largeDefinition } from '../test/fixtures/definitions/large';

/** One figure, in the shape the bench runner tabulates. */
export interface DesignerFigure {
  group: string;
  name: string;
  unit: string;
  value: number;
  lowerIsBetter: boolean;
  note?: string;
}

const figures: DesignerFigure[] = [];

function quantile(times: readonly number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function summary(label: string, times: number[]): string {
  figures.push({ group: 'designer (300 nodes, 400 edges)', name: `${label}, p95`, unit: 'ms', value: Math.round(quantile(times, 0.95) * 10) / 10, lowerIsBetter: true, note: `median ${quantile(times, 0.5).toFixed(1)} ms over ${times.length}` });
  const at = (q: number) => quantile(times, q).toFixed(1);
  return `${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${times.length} samples)`;
}

function repeat(runs: number, run: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times;
}

function inNode(): void {
  const input = largeDefinition(300, 400);
  const definition = validateDefinition(input).definition;
  if (!definition) throw new Error('the large definition does not satisfy the schema');
  console.log(`definition: ${definition.nodes.length} nodes, ${definition.edges.length} edges`);
  const store = createDesignerStore(definition);
  console.log(summary('node: load into the designer store', repeat(30, () => store.getState().load(definition, null))));
  console.log(summary('node: validate the graph', repeat(30, () => validateGraph(store.getState()))));
  const { nodes, edges } = store.getState();
  const layoutNodes = nodes.map((n) => ({ id: n.id }));
  const layoutEdges = edges.map((e) => ({ source: e.source, target: e.target, backwards: e.data?.action === 'return' }));
  console.log(summary('node: auto-layout (dagre)', repeat(10, () => layoutGraph(layoutNodes, layoutEdges))));
}

async function inChromium(): Promise<void> {
  const root = join(import.meta.dirname, 'designer-page');
  const outDir = mkdtempSync(join(tmpdir(), 'sunlight-bench-'));
  await build({ root, configFile: false, logLevel: 'error', plugins: [react()], build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, configFile: false, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const address = server.httpServer.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const opened = performance.now();
    await page.goto(url);
    await page.locator('.react-flow__node').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 0);
    const firstPaint = performance.now() - opened;
    const measured = await page.evaluate(() => {
      const b = (window as unknown as { bench: { loadMs: number; validateMs: number; layoutMs: number; nodes: number; edges: number; errors: number } }).bench;
      return { loadMs: b.loadMs, validateMs: b.validateMs, layoutMs: b.layoutMs, nodes: b.nodes, edges: b.edges, errors: b.errors };
    });
    const rendered = await page.locator('.react-flow__node').count();
    const once = (name: string, value: number) =>
      figures.push({ group: 'designer (300 nodes, 400 edges)', name: `chromium: ${name}`, unit: 'ms', value: Math.round(value * 10) / 10, lowerIsBetter: true, note: 'one run' });
    once('parse and load', measured.loadMs);
    once('validate', measured.validateMs);
    once('auto-layout (dagre)', measured.layoutMs);
    once('page open to first nodes drawn', firstPaint);
    console.log(
      `chromium: ${measured.nodes} nodes, ${measured.edges} edges (${measured.errors} errors); ` +
        `parse + load ${measured.loadMs.toFixed(1)} ms, validate ${measured.validateMs.toFixed(1)} ms, ` +
        `layout ${measured.layoutMs.toFixed(1)} ms; page open to first nodes ${firstPaint.toFixed(0)} ms (${rendered} nodes in the DOM at fit view)`,
    );

    for (const pass of ['as opened', 'zoomed in']) {
      if (pass === 'zoomed in') {
        await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
        for (let i = 0; i < 8; i += 1) await page.locator('.react-flow__controls-zoomin').click();
        await page.waitForTimeout(300);
      }
      // A task on screen, away from the minimap and the controls.
      const id = await page.evaluate(() => {
        const inView = [...document.querySelectorAll<HTMLElement>('.react-flow__node-task')].find((el) => {
          const r = el.getBoundingClientRect();
          return r.left > 200 && r.right < 900 && r.top > 150 && r.bottom < 450;
        });
        return inView?.dataset['id'] ?? null;
      });
      if (id === null) throw new Error('no task node on screen to drag');
      const node = page.locator(`.react-flow__node[data-id="${id}"]`);
      const box = await node.boundingBox();
      if (!box) throw new Error('no node to drag');
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.evaluate(() => (window as unknown as { bench: { record(): void } }).bench.record());
      for (let step = 1; step <= 120; step += 1) {
        await page.mouse.move(x + Math.sin(step / 10) * 150, y + step, { steps: 1 });
      }
      await page.mouse.up();
      const moved = await node.boundingBox();
      const distance = moved ? Math.hypot(moved.x - box.x, moved.y - box.y) : 0;
      const frames = await page.evaluate(() => (window as unknown as { bench: { stop(): number[] } }).bench.stop());
      const inDom = await page.locator('.react-flow__node').count();
      const scale = await page.evaluate(() => /scale\(([\d.]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '')?.[1] ?? '?');
      const zoom = `${pass}, zoom ${Number(scale).toFixed(2)}`;
      console.log(summary(`chromium: frame time while dragging a node ${distance.toFixed(0)} px, ${zoom}, ${inDom} nodes in the DOM`, frames));
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Every designer figure: printed as measured, answered for the bench runner's table. */
export async function designerBenchmarks(): Promise<{ figures: DesignerFigure[] }> {
  figures.length = 0;
  inNode();
  await inChromium();
  return { figures: [...figures] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  designerBenchmarks().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
