const instant = { type: 'string', format: 'date-time' } as const;
const instantOrNull = { anyOf: [instant, { type: 'null' }] } as const;
const dateOrNull = { type: ['string', 'null'], description: 'The local day (YYYY-MM-DD) that ends at the deadline' } as const;

/** The item's checklist with what was received at the counter. */
export const materialsChecklist = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      name: { type: 'string' }, required: { type: 'boolean' }, copies: { type: ['integer', 'null'] }, note: { type: ['string', 'null'] },
      received: { type: 'boolean' },
    },
    required: ['name', 'required', 'copies', 'note', 'received'],
  },
} as const;

/** The acceptance receipt (受理回执), printed for the applicant at the counter. */
export const receiptView = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    queryCode: { type: ['string', 'null'], description: "The applicant's code for the public progress page; null for the moment between the start and its first record" },
    progressPath: { type: 'string', description: 'Path of the public progress page in the web app (the QR code points there; the code is asked on the page)' },
    itemCode: { type: 'string' },
    itemName: { type: 'string' },
    department: { type: 'string' },
    departmentName: { type: 'string' },
    applicantName: { type: 'string' },
    materials: materialsChecklist,
    submittedAt: instant,
    acceptedAt: instantOrNull,
    promisedDays: { type: 'integer' },
    statutoryDays: { type: 'integer' },
    deadline: instantOrNull,
    deadlineDate: dateOrNull,
    statutoryDeadline: instantOrNull,
    statutoryDeadlineDate: dateOrNull,
    provisional: { type: 'boolean', description: 'Counted over a year whose calendar is not yet published' },
  },
  required: [
    'caseNo', 'queryCode', 'progressPath', 'itemCode', 'itemName', 'department', 'departmentName', 'applicantName', 'materials', 'submittedAt',
    'acceptedAt', 'promisedDays', 'statutoryDays', 'deadline', 'deadlineDate', 'statutoryDeadline', 'statutoryDeadlineDate', 'provisional',
  ],
} as const;

/** The application as registered: applicant, form (with the item's form schema to title it) and materials. */
export const applicationView = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    itemCode: { type: 'string' },
    definitionVersion: { type: 'integer' },
    applicant: {
      type: 'object',
      properties: {
        name: { type: 'string' }, kind: { type: ['string', 'null'] }, idNumber: { type: ['string', 'null'] }, phone: { type: ['string', 'null'] },
        email: { type: ['string', 'null'] },
      },
      required: ['name', 'kind', 'idNumber', 'phone', 'email'],
    },
    data: { type: 'object', description: 'The form data as submitted' },
    formSchema: { type: 'object', description: "The item's form schema of the case's version: field titles, enum labels (`enumNames` or `oneOf` of `const`/`title`)" },
    materials: materialsChecklist,
    submittedAt: instant,
  },
  required: ['caseNo', 'itemCode', 'definitionVersion', 'applicant', 'data', 'formSchema', 'materials', 'submittedAt'],
} as const;
