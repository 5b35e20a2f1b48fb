/** Why a condition cannot be read, worded for a process administrator. */
const reasons = {
  'too-long': ['条件不能超过 {} 个字符', 'a condition may have at most {} characters'],
  'unexpected-character': ['无法识别的字符“{}”', "unexpected character '{}'"],
  'malformed-number': ['数字格式不正确', 'malformed number'],
  'unterminated-string': ['文本缺少结束引号', 'unterminated string'],
  'bad-escape': ['文本中有无法识别的转义', 'unknown escape in string'],
  'unexpected-token': ['此处不应出现“{}”', "unexpected '{}'"],
  'early-end': ['条件不完整', 'the condition ends too early'],
  'expected': ['此处应为“{}”', "expected '{}'"],
  'list-literal': ['列表中只能写常量', 'a list may hold only literals'],
  'field-name': ['“.”之后应为字段名', "expected a field name after '.'"],
  'reserved-name': ['不允许使用名称“{}”', "the name '{}' is not allowed"],
  'too-deep': ['括号或“!”嵌套过深', 'parentheses or negations nested too deeply'],
} as const;

export type ExpressionSyntaxCode = keyof typeof reasons;

/** A condition that cannot be read; `position` is the offset of the offending character. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
  readonly reason: { zh: string; en: string };

  constructor(
    readonly code: ExpressionSyntaxCode,
    readonly position: number,
    detail = '',
  ) {
    const [zh, en] = reasons[code];
    super(`${en.replace('{}', detail)} (at ${position})`);
    this.reason = { zh: zh.replace('{}', detail), en: en.replace('{}', detail) };
  }
}
