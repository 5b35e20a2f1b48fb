import { describe, expect, it } from 'vitest';
import { ApiError } from '../../designer/src/api/client';
import i18n from '../../designer/src/i18n';
import { countdownText, durationText } from '../../designer/src/oversight/time';
import { refusalOf } from '../../designer/src/oversight/useAction';

const t = i18n.getFixedT('zh-CN');
const HOUR = 3_600_000;

describe('order and complaint pages: refusals and countdowns', () => {
  it('puts each body field the API objected to beside its field, and says why in the user\'s words with the API\'s reason', () => {
    const invalid = new ApiError({
      status: 400, code: 'validation-failed', detail: 'The request body is invalid.',
      errors: [
        { in: 'body', pointer: '/measure', detail: 'is required' },
        { in: 'body', pointer: '/complainant/phone', detail: 'must match pattern "^[0-9+() -]{5,32}$"' },
        { in: 'body', pointer: '/answer', detail: 'must NOT have fewer than 1 characters' },
        { in: 'header', pointer: '/Idempotency-Key', detail: 'is required' },
      ],
    });
    expect(refusalOf(invalid, t)).toEqual({
      text: '请修改标出的项目后重试(The request body is invalid.)',
      fields: { measure: '必填', 'complainant/phone': '格式不正确', answer: '不能为空' },
    });

    const refused = new ApiError({ status: 409, code: 'NOT_YET_OVERDUE', detail: 'x', reason: 'the order is unanswered and its response deadline has not passed' });
    expect(refusalOf(refused, t)).toEqual({
      text: '未能完成:尚未反馈且未过反馈期限,暂不能办结(the order is unanswered and its response deadline has not passed)',
      fields: {},
    });
    const unknown = new ApiError({ status: 503, code: 'unavailable', detail: 'Temporal is unavailable; retry later.' });
    expect(refusalOf(unknown, t).text).toBe('未能完成:Temporal is unavailable; retry later.');
    // No answer at all: it may have been carried out; the same click under the same key is safe.
    expect(refusalOf(new TypeError('Failed to fetch'), t).text).toBe('未收到服务器答复:本次操作可能已生效,也可能没有。请再点一次:将重发同一请求,至多生效一次。');
    expect(refusalOf(new Error('boom'), t).text).toBe('未能完成:boom');
  });

  it('counts down to a deadline and up past it', () => {
    const now = Date.parse('2026-03-02T01:00:00Z');
    expect(durationText(23 * HOUR + 59 * 60_000, t)).toBe('23 小时 59 分钟');
    expect(durationText(50 * HOUR, t)).toBe('2 天 2 小时');
    expect(durationText(5 * 60_000 + 30_000, t)).toBe('5 分钟');
    expect(countdownText(new Date(now + 24 * HOUR).toISOString(), now, t)).toBe('还剩 1 天 0 小时');
    expect(countdownText(new Date(now - 90 * 60_000).toISOString(), now, t)).toBe('已超时 1 小时 30 分钟');
  });
});
