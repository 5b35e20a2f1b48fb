import type { ProcessDefinition } from '../../domain/definition/types';
import { applicationModel, type ApplicationDoc } from '../../db/models/application';
import { effectiveCalendar } from '../../db/queries/calendar';
import { departmentName, expectedDeadlines } from '../../db/queries/front-desk';
import type { ApiContext } from '../context';
import { locateCase, type CaseRef } from '../cases/access';
import { readVersion } from '../definitions/versions';
import { forbidden, notFound } from '../http/errors';
import { hasRole, type Principal } from '../http/principal';

async function applicationOf(ctx: ApiContext, caseNo: string) {
  const doc = await applicationModel(ctx.db).findById(caseNo).lean();
  if (!doc) throw notFound(`The registered application of case ${caseNo}`);
  // An empty list may come back absent (FerretDB keeps no empty array set on insert): none received.
  return { ...doc, materials: doc.materials ?? [] };
}

function checklist(definition: ProcessDefinition, received: readonly string[]) {
  return definition.item.catalogue.materials.map((m) => ({
    name: m.name, required: m.required, copies: m.copies ?? null, note: m.note ?? null, received: received.includes(m.name),
  }));
}

/** The application as registered, for everyone who may read the case. */
export async function readApplication(ctx: ApiContext, caseNo: string, user: Principal) {
  await locateCase(ctx, caseNo, user);
  const doc = await applicationOf(ctx, caseNo);
  const { definition } = await readVersion(ctx.db, doc.itemCode, doc.definitionVersion);
  const a = doc.applicant;
  return {
    caseNo, itemCode: doc.itemCode, definitionVersion: doc.definitionVersion,
    applicant: { name: a?.name ?? '', kind: a?.kind ?? null, idNumber: a?.idNumber ?? null, phone: a?.phone ?? null, email: a?.email ?? null },
    data: JSON.parse(doc.data) as Record<string, unknown>,
    formSchema: definition.item.catalogue.formSchema as Record<string, unknown>,
    materials: checklist(definition, doc.materials),
    submittedAt: doc.submittedAt.toISOString(),
  };
}

/**
 * The query code is the applicant's secret: only the registering department's clerks and the
 * administrators (who may register too) read it back to print the receipt again. Supervisors
 * and auditors read the case, never the code (the route's access refuses them).
 */
function mayReadReceipt(user: Principal, doc: ApplicationDoc): boolean {
  return hasRole(user, 'administrator') || user.department === doc.department;
}

/** The receipt (受理回执): the expected deadlines are the item's limits on the published calendar, from acceptance (or submission). */
export async function readReceipt(ctx: ApiContext, caseNo: string, user: Principal) {
  const ref: CaseRef = await locateCase(ctx, caseNo, user);
  const doc = await applicationOf(ctx, caseNo);
  if (!mayReadReceipt(user, doc)) throw forbidden('The receipt is kept by the department that registered the application.');
  const [{ definition, itemName }, calendar, deptName] = await Promise.all([
    readVersion(ctx.db, doc.itemCode, doc.definitionVersion), effectiveCalendar(ctx.db, ctx.settings), departmentName(ctx.db, doc.department),
  ]);
  const acceptedAt = ref.doc?.acceptedAt?.getTime() ?? ref.view?.acceptedAt ?? null;
  const startedAt = acceptedAt ?? doc.submittedAt.getTime();
  return {
    caseNo, queryCode: ref.doc?.queryCode ?? null, progressPath: `/public/cases/${encodeURIComponent(caseNo)}`,
    itemCode: doc.itemCode, itemName, department: doc.department, departmentName: deptName, applicantName: doc.applicant?.name ?? '',
    materials: checklist(definition, doc.materials), submittedAt: doc.submittedAt.toISOString(),
    acceptedAt: acceptedAt === null ? null : new Date(acceptedAt).toISOString(),
    ...expectedDeadlines(calendar, definition.item, startedAt),
  };
}
