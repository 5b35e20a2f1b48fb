import type { ErrorObject } from 'ajv/dist/2020';

/** Wording of schema errors for process administrators. */

const fieldLabels: Record<string, string> = {
  code: '编码',
  name: '名称',
  category: '事项类别',
  department: '部门',
  statutoryLimit: '法定时限',
  promisedLimit: '承诺时限',
  redCardGraceDays: '红牌宽限天数',
  supplementNoticeDays: '补交告知时限',
  fee: '收费',
  standard: '收费标准',
  catalogue: '办事指南',
  conditions: '申请条件',
  materials: '申请材料',
  formSchema: '申请表',
  value: '时限',
  unit: '时限单位',
  kind: '类型',
  stage: '环节阶段',
  role: '办理角色',
  stepLimitDays: '环节时限',
  limitDays: '特别程序时限',
  level: '风险等级',
  requiredDocuments: '防控文书',
  outcome: '办结结果',
  source: '起点',
  target: '终点',
  action: '动作',
  condition: '条件',
  schemaVersion: '格式版本',
  nodes: '节点',
  edges: '连线',
};

/** A schema field's name as an administrator knows it, quoted. */
export function fieldLabel(field: string): string {
  return `“${fieldLabels[field] ?? field}”`;
}

/** What an Ajv error means, in Chinese and English. */
export function describe(error: ErrorObject, params: Record<string, unknown>, field?: string): [string, string] {
  const limit = String(params.limit ?? '');
  switch (error.keyword) {
    case 'required':
      return [`缺少必填字段${fieldLabel(field ?? '')}`, `missing required field '${field}'`];
    case 'additionalProperties':
      return [`不允许的字段${fieldLabel(field ?? '')}`, `unknown field '${field}'`];
    case 'type':
      return [`类型应为 ${String(params.type)}`, `must be of type ${String(params.type)}`];
    case 'enum':
      return [`取值须为以下之一:${list(params.allowedValues)}`, `must be one of: ${list(params.allowedValues)}`];
    case 'const':
      return [`取值须为 ${JSON.stringify(params.allowedValue)}`, `must be ${JSON.stringify(params.allowedValue)}`];
    case 'minimum':
      return [`不能小于 ${limit}`, `must be at least ${limit}`];
    case 'maximum':
      return [`不能大于 ${limit}`, `must be at most ${limit}`];
    case 'minLength':
      return limit === '1' ? ['不能为空', 'must not be empty'] : [`至少 ${limit} 个字符`, `must have at least ${limit} characters`];
    case 'maxLength':
      return [`不能超过 ${limit} 个字符`, `must have at most ${limit} characters`];
    case 'minItems':
    case 'minProperties':
      return [`至少需要 ${limit} 项`, `needs at least ${limit} entries`];
    case 'maxItems':
      return [`不能超过 ${limit} 项`, `may have at most ${limit} entries`];
    case 'pattern':
    case 'propertyNames':
      return ['标识格式不正确(须以字母开头,只含字母、数字、“-”和“_”)', 'malformed identifier (a letter, then letters, digits, "-" or "_")'];
    case 'discriminator':
      return [`未知的节点类型 ${JSON.stringify(params.tagValue ?? null)}`, `unknown node kind ${JSON.stringify(params.tagValue ?? null)}`];
    default:
      return [error.message ?? error.keyword, error.message ?? error.keyword];
  }
}

function list(values: unknown): string {
  return Array.isArray(values) ? values.map((value) => JSON.stringify(value)).join(', ') : '';
}
