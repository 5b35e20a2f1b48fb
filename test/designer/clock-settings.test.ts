import { describe, expect, it } from 'vitest';
import { withFlowLock, withPauseLimit } from '../../designer/src/designer/ClockSettings';
import i18n from '../../designer/src/i18n';
import { validateDefinition } from '../../domain/definition/validate';
import { definitionFixtures } from '../fixtures/definitions';

const definition = validateDefinition(definitionFixtures['sequential-licence']).definition!;
const zh = i18n.getFixedT('zh-CN');

describe("the item's clock settings in the designer", () => {
  it('sets and clears the flow lock and each pause limit, leaving the defaults when empty', () => {
    const locked = withFlowLock(definition.item, 'yellow-card');
    expect(locked.flowLock).toBe('yellow-card');
    expect('flowLock' in withFlowLock(locked, '')).toBe(false);
    const limited = withPauseLimit(withPauseLimit(definition.item, 'suspensionDays', 10), 'supplementsAfterAcceptance', 0);
    expect(limited.pauseLimits).toEqual({ suspensionDays: 10, supplementsAfterAcceptance: 0 });
    expect(withPauseLimit(limited, 'suspensionDays', undefined).pauseLimits).toEqual({ supplementsAfterAcceptance: 0 });
    expect('pauseLimits' in withPauseLimit(withPauseLimit(limited, 'suspensionDays', undefined), 'supplementsAfterAcceptance', undefined)).toBe(false);
  });

  it("checks them like the item's other settings: a value out of bounds is an error naming its field", () => {
    const item = withPauseLimit(withFlowLock(definition.item, 'never'), 'suspensionDays', 0);
    const checked = validateDefinition({ ...definition, item });
    expect(checked.ok).toBe(false);
    expect(checked.errors.map((e) => e.path)).toContain('/item/pauseLimits/suspensionDays');
    expect(validateDefinition({ ...definition, item: withPauseLimit(item, 'suspensionDays', 45) }).ok).toBe(true);
  });

  it('labels every setting in Chinese', () => {
    for (const key of ['suspensionDays', 'supplementDays', 'supplementsAfterAcceptance', 'oneTimeNoticeDays', 'reminderDays', 'flagAfterDays']) {
      expect(zh(`item.pauseLimits.${key}`)).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const value of ['red-card', 'yellow-card', 'never']) expect(zh(`item.flowLocks.${value}`)).toMatch(/[\u4e00-\u9fff]/);
  });
});
