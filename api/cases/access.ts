import { WorkflowNotFoundError } from '@temporalio/common';
import type { Request } from 'express';
import { caseWorkflowId } from '../../config/temporal';
import { applicationModel } from '../../db/models/application';
import { caseModel } from '../../db/models/case';
import { caseStateQuery, type CaseView } from '../../workflows/case/contract';
import type { ApiContext } from '../context';
import { notFound } from '../http/errors';
import { visibleDepartments, type Principal } from '../http/principal';
import { withTemporal } from '../temporal';

async function loadCase(ctx: ApiContext, caseNo: string) {
  return caseModel(ctx.db).findById(caseNo).lean();
}

/**
 * The read model of the case a request names (`:caseNo`), for a route's `prefetch`: read
 * beside the caller's look-up; the handler still decides whether the caller may see it.
 */
export function prefetchCase(ctx: ApiContext) {
  return (req: Request): Promise<CaseRecord | null> => loadCase(ctx, String(req.params['caseNo'] ?? ''));
}

/** A case as the read model holds it. */
export type CaseRecord = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

/** A case as far as authorization needs it. */
export interface CaseRef {
  caseNo: string;
  /** The item's department and the departments of the active tasks. */
  departments: string[];
  doc: CaseRecord | null;
  view: CaseView | null;
  /** For a case found by its application only (see {@link findCaseToAct}): its item. */
  itemCode?: string;
}

/** The same answer for a case that does not exist and one the caller may not see. */
export const caseNotFound = (caseNo: string) => notFound(`Case ${caseNo}`);

/** The live view of a case, or null when its workflow does not exist. */
export async function queryCase(ctx: ApiContext, caseNo: string): Promise<CaseView | null> {
  try {
    return await withTemporal(ctx, () => ctx.temporal.workflow.getHandle(caseWorkflowId(caseNo)).query(caseStateQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/**
 * Finds a case in the read model (or, just after its start, in Temporal), whether or not the
 * caller may see it. The read model may lag the workflow by a moment.
 */
export async function findCase(ctx: ApiContext, caseNo: string): Promise<CaseRef | null> {
  const doc = await loadCase(ctx, caseNo);
  return doc ? refOf(doc) : findLive(ctx, caseNo);
}

/**
 * A case a clerk acts on, as {@link findCase}, but a case just started (its read model not
 * recorded yet) is first looked for by its application, written before its workflow started:
 * the application names the item's department, which is always among the case's
 * departments, so a caller who may see it may act (the workflow then checks the task, the
 * role and the position) without waiting for a query in the case's workflow-task queue. A
 * caller of another department is looked at against the live view, whose active tasks may
 * be theirs.
 */
export async function findCaseToAct(ctx: ApiContext, caseNo: string, user: Principal, loaded?: Promise<CaseRecord | null>): Promise<CaseRef | null> {
  const doc = await (loaded ?? loadCase(ctx, caseNo));
  if (doc) return refOf(doc);
  const application = await applicationModel(ctx.db).findById(caseNo, { department: 1, itemCode: 1 }).lean();
  if (application) {
    const ref: CaseRef = { caseNo, departments: [application.department], doc: null, view: null, itemCode: application.itemCode };
    if (canSee(user, ref)) return ref;
  }
  return findLive(ctx, caseNo);
}

function refOf(doc: CaseRecord): CaseRef {
  const departments = new Set([doc.department, ...doc.position.flatMap((p) => (p.department ? [p.department] : []))]);
  return { caseNo: doc._id, departments: [...departments], doc, view: null };
}

async function findLive(ctx: ApiContext, caseNo: string): Promise<CaseRef | null> {
  const view = await queryCase(ctx, caseNo);
  if (!view) return null;
  return { caseNo, departments: [...new Set([view.department, ...view.position.map((p) => p.department)])], doc: null, view };
}

export function canSee(user: Principal, ref: CaseRef): boolean {
  const visible = visibleDepartments(user);
  return visible === null || ref.departments.some((d) => visible.includes(d));
}

/** The case if the caller may see it; otherwise the same 404 as for no case at all. */
export async function locateCase(ctx: ApiContext, caseNo: string, user: Principal): Promise<CaseRef> {
  const ref = await findCase(ctx, caseNo);
  if (!ref || !canSee(user, ref)) throw caseNotFound(caseNo);
  return ref;
}
