export const NOTICE_KINDS = ['acceptance', 'supplement', 'refusal', 'conclusion'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const noticeBody = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: NOTICE_KINDS, description: '受理通知书, 补正材料通知书, 不予受理决定书, 办结通知书' },
    materials: {
      type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 200 },
      description: "补正: the missing materials, by name from the item's checklist (一次性告知); required for and only for `supplement`",
    },
    supplementDays: { type: 'integer', minimum: 1, maximum: 60, description: '补正: working days the applicant has to supplement, from the day after issue; default 5' },
    reason: { type: 'string', minLength: 1, maxLength: 1000, description: '不予受理: the reason; required for and only for `refusal`' },
  },
  required: ['kind'],
  additionalProperties: false,
} as const;

export const noticeView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    caseNo: { type: 'string' },
    kind: { type: 'string', enum: NOTICE_KINDS },
    number: { type: 'string', description: 'Per department and year, e.g. 受字〔2026〕第3号' },
    seq: { type: 'integer' },
    year: { type: 'integer' },
    department: { type: 'string' },
    issuedAt: { type: 'string', format: 'date-time' },
    issuedBy: { type: 'object', properties: { userId: { type: 'string' }, name: { type: 'string' } }, required: ['userId', 'name'] },
    content: {
      type: 'object',
      description: 'What the notice says, fixed at issue',
      properties: {
        departmentName: { type: 'string' }, itemName: { type: 'string' }, itemCode: { type: 'string' }, applicantName: { type: 'string' },
        submittedAt: { type: 'string' }, issuedDate: { type: 'string' },
        acceptedDate: { type: ['string', 'null'] }, promisedDays: { type: 'integer' }, statutoryDays: { type: 'integer' },
        deadlineDate: { type: ['string', 'null'] }, statutoryDeadlineDate: { type: ['string', 'null'] },
        materials: { type: 'array', items: { type: 'string' } }, supplementDays: { type: 'integer' }, supplementBy: { type: 'string' },
        reason: { type: 'string' }, reviewDays: { type: 'integer' }, litigationMonths: { type: 'integer' },
        outcome: { type: ['string', 'null'] }, concludedDate: { type: ['string', 'null'] },
      },
      required: ['departmentName', 'itemName', 'itemCode', 'applicantName', 'submittedAt', 'issuedDate'],
    },
  },
  required: ['id', 'caseNo', 'kind', 'number', 'seq', 'year', 'department', 'issuedAt', 'issuedBy', 'content'],
} as const;

export const noticeList = { type: 'array', items: noticeView } as const;
