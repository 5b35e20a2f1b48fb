import { describe, expect, it } from 'vitest';
import { oversightScope, subtreeOf, wouldCycle } from '../../../domain/organisation/tree';

const tree = [
  { code: 'city', parent: null },
  { code: 'county-a', parent: 'city' },
  { code: 'county-b', parent: 'city' },
  { code: 'a-health', parent: 'county-a' },
  { code: 'b-health', parent: 'county-b' },
];

describe('the department tree (分级管理)', () => {
  it('a subtree holds the department and everything below it', () => {
    expect(subtreeOf(tree, 'county-a').sort()).toEqual(['a-health', 'county-a']);
    expect(subtreeOf(tree, 'city').sort()).toEqual(['a-health', 'b-health', 'city', 'county-a', 'county-b']);
    expect(subtreeOf(tree, 'unknown')).toEqual(['unknown']);
  });

  it('a cycle written by concurrent moves ends the walk', () => {
    const cyclic = [{ code: 'a', parent: 'b' }, { code: 'b', parent: 'a' }];
    expect(subtreeOf(cyclic, 'a').sort()).toEqual(['a', 'b']);
  });

  it('a parent that is the department or below it would close a cycle', () => {
    expect(wouldCycle(tree, 'county-a', 'county-a')).toBe(true);
    expect(wouldCycle(tree, 'city', 'a-health')).toBe(true);
    expect(wouldCycle(tree, 'county-a', 'county-b')).toBe(false);
  });

  it('the scope of each role', () => {
    expect(oversightScope({ roles: ['administrator'], department: 'county-a' }, tree)).toBeNull();
    expect(oversightScope({ roles: ['auditor'], department: null }, tree)).toBeNull();
    expect(oversightScope({ roles: ['supervisor'], department: null }, tree)).toBeNull();
    expect(oversightScope({ roles: ['supervisor'], department: 'county-a' }, tree)?.sort()).toEqual(['a-health', 'county-a']);
    expect(oversightScope({ roles: ['department-officer'], department: 'county-b' }, tree)?.sort()).toEqual(['b-health', 'county-b']);
    expect(oversightScope({ roles: ['clerk'], department: 'county-a' }, tree)).toEqual(['county-a']);
    expect(oversightScope({ roles: ['clerk'], department: null }, tree)).toEqual([]);
    // The top level's supervisors see everything, as every supervisor did while departments were flat.
    expect(oversightScope({ roles: ['supervisor'], department: 'city' }, tree)).toBeNull();
    expect(oversightScope({ roles: ['supervisor'], department: 'office' }, [...tree, { code: 'office', parent: null }])).toBeNull();
    expect(oversightScope({ roles: ['department-officer'], department: 'city' }, tree)?.sort()).toEqual(['a-health', 'b-health', 'city', 'county-a', 'county-b']);
    expect(oversightScope({ roles: ['supervisor'], department: 'gone' }, tree)).toEqual(['gone']);
  });
});
