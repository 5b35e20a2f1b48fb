import { describe, expect, it } from 'vitest';
import i18n from '../../designer/src/i18n';
import { LOG_TARGET_KINDS, SUPERVISION_LOG_ACTIONS } from '../../domain/records/supervision-log';

const HAN = /[\u4e00-\u9fff]/;

/** The API logs only these (its types take no other), so each must have a label in both languages. */
describe('the supervision log page names every action and target the API logs', () => {
  for (const [list, prefix] of [[SUPERVISION_LOG_ACTIONS, 'desk.logAction'], [LOG_TARGET_KINDS, 'desk.target']] as const) {
    it(`labels each of ${prefix}`, () => {
      const zh = i18n.getFixedT('zh-CN');
      const en = i18n.getFixedT('en');
      for (const key of list) {
        const [zhLabel, enLabel] = [zh(`${prefix}.${key}`), en(`${prefix}.${key}`)];
        expect(zhLabel, `${key} in Chinese`).toMatch(HAN);
        expect(enLabel, `${key} in English`).not.toContain(prefix);
        expect(enLabel, `${key} in English`).not.toMatch(HAN);
      }
    });
  }
});
