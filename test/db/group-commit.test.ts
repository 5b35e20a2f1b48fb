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
});
