import { describe, expect, it } from 'vitest';
import { adoptRules, CURRENT_RULE_SET, RULE_SETS } from '../../workflows/case/rules';
import { initialState } from '../../workflows/case/state';
import { caseInput, fixtureDefinition } from './harness';

// Outside a workflow, `patched()` throws: adopting a named set must not ask it.
describe('the set of rules a case is started with', () => {
  const definition = fixtureDefinition('sequential-licence');

  it('is the newest set, and adopted whole from the input without asking patched()', () => {
    expect(CURRENT_RULE_SET).toBe(RULE_SETS[0]?.id);
    for (const set of RULE_SETS) {
      const state = initialState(caseInput(definition, Date.UTC(2026, 11, 7), { ruleSet: set.id }));
      adoptRules(state);
      expect(state.rules).toEqual(set.rules);
    }
  });

  it('fails the workflow task when this worker does not know the set (a newer caller), naming it', () => {
    const state = initialState(caseInput(definition, Date.UTC(2026, 11, 7), { ruleSet: '2099-01-01-rules' }));
    expect(() => adoptRules(state)).toThrow(/2099-01-01-rules.*does not know/);
    expect(state.rules).toBeUndefined();
  });
});
