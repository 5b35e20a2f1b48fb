import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../db/group-commit';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('group commit', () => {
  it('writes the items that arrive during a write together in the next one, and answers each caller after its own write', async () => {
    const writes: number[][] = [];
    const write = async (items: number[]) => {
      writes.push(items);
      await tick();
    };
    const settled: number[] = [];
    const calls = Array.from({ length: 10 }, (_, i) => groupCommit('g1', i, write).then(() => settled.push(i)));
    await Promise.all(calls);
    expect(writes).toEqual([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    expect(settled.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The target is free again: a later item is written at once, alone.
    await groupCommit('g1', 10, write);
    expect(writes.at(-1)).toEqual([10]);
  });

  it('writes a failed group again item by item, so only the bad item fails its caller', async () => {
    const writes: string[][] = [];
    const write = async (items: string[]) => {
      writes.push(items);
      await tick();
      if (items.includes('bad')) throw new Error('bad item');
    };
    const first = groupCommit('g2', 'a', write);
    const rest = ['b', 'bad', 'c'].map((x) => groupCommit('g2', x, write).then(() => 'ok', (e: Error) => e.message));
    await first;
    expect(await Promise.all(rest)).toEqual(['ok', 'bad item', 'ok']);
    expect(writes).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('gathers, when asked, the items that arrive in the same turn of the event loop into the first write', async () => {
    const writes: number[][] = [];
    const write = async (items: number[]) => {
      writes.push(items);
      await tick();
    };
    await Promise.all([0, 1, 2].map((i) => Promise.resolve().then(() => groupCommit('g6', i, write, { gather: true }))));
    expect(writes).toEqual([[0, 1, 2]]);
    // Without it, the first item is written at once, alone.
    await Promise.all([0, 1, 2].map((i) => Promise.resolve().then(() => groupCommit('g7', i, write))));
    expect(writes.slice(1)).toEqual([[0], [1, 2]]);
  });

  it('keeps targets apart', async () => {
    const seen: string[] = [];
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = groupCommit('g3', 'x', async () => {
      seen.push('x');
      await held;
    });
    await groupCommit('g4', 'y', async () => {
      seen.push('y');
    });
    expect(seen).toEqual(['x', 'y']);
    release();
    await slow;
  });

  it('paces a target: a write starts no sooner than the pace after the previous one, unless an urgent item comes', async () => {
    const starts: { at: number; items: string[] }[] = [];
    const gates: (() => void)[] = [];
    const write = async (items: string[]) => {
      starts.push({ at: performance.now(), items });
      await new Promise<void>((resolve) => gates.push(resolve));
    };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const put = (item: string, urgent = false) => groupCommit('g5', item, write, { paceMs: 400, urgent });
    const a = put('a'); // an idle target: written at once
    expect(starts.map((x) => x.items)).toEqual([['a']]);
    const bc = [put('b'), put('c')];
    gates.shift()?.();
    await a;
    await pause(100);
    expect(starts).toHaveLength(1); // b and c wait out the pace
    await pause(500);
    expect(starts.map((x) => x.items)).toEqual([['a'], ['b', 'c']]);
    expect((starts[1]?.at ?? 0) - (starts[0]?.at ?? 0)).toBeGreaterThanOrEqual(399);
    gates.shift()?.();
    await Promise.all(bc);
    const d = put('d');
    await pause(50);
    expect(starts).toHaveLength(2); // d waits for the pace…
    const u = put('u', true);
    await pause(50);
    expect(starts.map((x) => x.items)).toEqual([['a'], ['b', 'c'], ['d', 'u']]); // …until an urgent item takes it along
    expect((starts[2]?.at ?? 0) - (starts[1]?.at ?? 0)).toBeLessThan(399);
    gates.shift()?.();
    await Promise.all([d, u]);
    // Past the pace with nothing waiting, the target is free: a later item is written at once.
    await pause(700);
    const e = put('e');
    expect(starts.at(-1)?.items).toEqual(['e']);
    gates.shift()?.();
    await e;
  });
});
