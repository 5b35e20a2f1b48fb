import { randomUUID } from 'node:crypto';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/errors';
import { visibleDepartments, type Principal } from '../http/principal';
import { withTemporal } from '../temporal';
import { evaluationIdOf, installDefaultStandard } from '../../db/queries/evaluations';
import { departmentModel } from '../../db/models/department';
import { evaluationModel, type EvaluationDoc } from '../../db/models/evaluation';
import { guardedUpdate } from '../../db/guarded-write';
import { scoringStandardModel, type ScoringStandardDoc } from '../../db/models/scoring-standard';
import { MS_PER_DAY, startOfLocalDate } from '../../domain/calendar/local-date';
import { finalRanking } from '../../domain/evaluation/adjust';
import { DEFAULT_STANDARD } from '../../domain/evaluation/default-standard';
import { validateStandard } from '../../domain/evaluation/validate';
import { parsePeriod } from '../../domain/statistics/periods';
import { EVALUATION_WORKFLOW_NAME, evaluationWorkflowId, type EvaluationInput, type EvaluationRunResult } from '../../workflows/evaluation/contract';

const isDuplicateKey = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

const standardView = (d: ScoringStandardDoc) => ({ code: d.code, version: d.version, createdAt: d.createdAt.toISOString(), createdBy: d.createdBy, standard: d.standard });

/** The latest version of every standard (the default one is installed on first read). */
export async function listStandards(ctx: ApiContext) {
  await installDefaultStandard(ctx.db);
  const docs = await scoringStandardModel(ctx.db).find({}).sort({ code: 1, version: -1 }).lean();
  const latest = docs.filter((d, i) => i === 0 || docs[i - 1]?.code !== d.code);
  return latest.map(standardView);
}

/** Every version of one standard, newest first. */
export async function standardVersions(ctx: ApiContext, code: string) {
  if (code === DEFAULT_STANDARD.code) await installDefaultStandard(ctx.db);
  const docs = await scoringStandardModel(ctx.db).find({ code }).sort({ version: -1 }).lean();
  if (docs.length === 0) throw notFound(`Scoring standard ${code}`);
  return docs.map(standardView);
}

/** Adds the next version of a standard; earlier versions (and evaluations made with them) stay as they were. */
export async function createStandardVersion(ctx: ApiContext, body: unknown, caller: Principal) {
  const { standard, issues } = validateStandard(body);
  if (!standard) throw unprocessable('standard-invalid', 'The scoring standard is invalid.', { issues });
  if (standard.code === DEFAULT_STANDARD.code) await installDefaultStandard(ctx.db);
  const Standard = scoringStandardModel(ctx.db);
  for (let attempt = 0; attempt < 5; attempt++) {
    const latest = await Standard.findOne({ code: standard.code }).sort({ version: -1 }).lean();
    const version = (latest?.version ?? 0) + 1;
    try {
      const doc = await Standard.create({ _id: `${standard.code}@${version}`, code: standard.code, version, standard, createdAt: new Date(ctx.now()), createdBy: caller.userId });
      return standardView(doc.toObject());
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw conflict('standard-busy', 'Another version of this standard was being written; try again.');
}

/**
 * Starts the evaluation workflow for a period (one run at a time per standard and period:
 * a second request joins the first). With `wait`, answers when a closed period is written.
 */
export async function startEvaluation(
  ctx: ApiContext, body: { period: string; standard?: { code?: string; version?: number }; publish?: boolean; wait?: boolean },
) {
  const period = parsePeriod(body.period);
  if (!period) throw unprocessable('invalid-period', `Not a period: ${body.period}.`);
  const code = body.standard?.code ?? DEFAULT_STANDARD.code;
  if (code === DEFAULT_STANDARD.code) await installDefaultStandard(ctx.db);
  const exists = await scoringStandardModel(ctx.db).exists(body.standard?.version === undefined ? { code } : { _id: `${code}@${body.standard.version}` });
  if (!exists) throw notFound(`Scoring standard ${code}${body.standard?.version === undefined ? '' : `@${body.standard.version}`}`);
  const evaluationId = evaluationIdOf(code, period.key);
  const current = await evaluationModel(ctx.db).findById(evaluationId, { status: 1 }).lean();
  if (current?.status === 'published') throw conflict('evaluation-published', `Evaluation ${evaluationId} is published and cannot change.`);
  const input: EvaluationInput = {
    period: period.key, utcOffsetMinutes: ctx.settings.utcOffsetMinutes, publish: body.publish ?? false,
    ...(body.standard && { standard: body.standard }),
  };
  const workflowId = evaluationWorkflowId(code, period.key);
  const handle = await withTemporal(ctx, () => ctx.temporal.workflow.start(EVALUATION_WORKFLOW_NAME, {
    taskQueue: ctx.settings.taskQueue, workflowId, args: [input], workflowIdConflictPolicy: 'USE_EXISTING',
  }));
  const closed = ctx.now() >= startOfLocalDate({ utcOffsetMinutes: ctx.settings.utcOffsetMinutes }, period.to) + MS_PER_DAY;
  const started = { workflowId, evaluationId, period: period.key };
  if (!body.wait || !closed) return { ...started, state: 'running' as const };
  const result = (await withTemporal(ctx, () => handle.result())) as EvaluationRunResult;
  return { ...started, state: 'done' as const, result };
}

const summaryOf = (d: Pick<EvaluationDoc, '_id' | 'period' | 'standard' | 'status' | 'evaluatedAt' | 'publishedAt' | 'ranking'>) => ({
  id: d._id, period: d.period, standard: d.standard, status: d.status, evaluatedAt: new Date(d.evaluatedAt).toISOString(),
  publishedAt: d.publishedAt ? new Date(d.publishedAt).toISOString() : null, departments: d.ranking.length,
});

export async function listEvaluations(ctx: ApiContext, status?: 'draft' | 'published') {
  const docs = await evaluationModel(ctx.db)
    .find(status ? { status } : {}, { period: 1, standard: 1, status: 1, evaluatedAt: 1, publishedAt: 1, ranking: 1 })
    .sort({ 'period.to': -1 }).limit(200).lean();
  return docs.map(summaryOf);
}

async function departmentNames(ctx: ApiContext): Promise<Map<string, string>> {
  const docs = await departmentModel(ctx.db).find({}, { code: 1, name: 1 }).lean();
  return new Map(docs.map((d) => [d.code, d.name]));
}

/** The ranking after upheld appeals, with department names. */
async function namedFinalRanking(ctx: ApiContext, doc: Pick<EvaluationDoc, 'ranking' | 'adjustments'>) {
  const names = await departmentNames(ctx);
  return finalRanking(doc.ranking, doc.adjustments).map((r) => ({ ...r, name: names.get(r.department) ?? r.department }));
}

export async function loadEvaluation(ctx: ApiContext, id: string): Promise<EvaluationDoc> {
  const doc = await evaluationModel(ctx.db).findById(id).lean();
  if (!doc) throw notFound(`Evaluation ${id}`);
  return doc as EvaluationDoc;
}

/** An evaluation in full; a department officer or clerk sees the details of their own department only. */
export async function readEvaluation(ctx: ApiContext, id: string, caller: Principal) {
  const doc = await loadEvaluation(ctx, id);
  const visible = visibleDepartments(caller);
  const departments = visible === null ? doc.departments : doc.departments.filter((d) => visible.includes(d.department));
  // An adjustment names the appealed case: another department's officer sees its effect in the final ranking only.
  const adjustments = visible === null ? doc.adjustments : doc.adjustments.filter((a) => visible.includes(a.department));
  return { ...summaryOf(doc), departments, ranking: doc.ranking, finalRanking: await namedFinalRanking(ctx, doc), adjustments };
}

/** Publishes a draft; from then on it is public and immutable (upheld appeals only append adjustments). */
export async function publish(ctx: ApiContext, id: string, caller: Principal) {
  const draft = { filter: { status: 'draft' }, holds: (e: EvaluationDoc | null) => e?.status === 'draft' };
  if (!(await guardedUpdate(evaluationModel(ctx.db), id, draft, { $set: { status: 'published', publishedAt: new Date(ctx.now()), publishedBy: caller.userId } }))) {
    await loadEvaluation(ctx, id);
    throw conflict('evaluation-published', `Evaluation ${id} is published already.`);
  }
  return readEvaluation(ctx, id, caller);
}

/** The published ranking of a period (default: the latest published), after upheld appeals. */
export async function publicRanking(ctx: ApiContext, periodKey?: string) {
  const filter = periodKey ? { status: 'published', 'period.key': periodKey } : { status: 'published' };
  const doc = await evaluationModel(ctx.db).findOne(filter, { period: 1, standard: 1, publishedAt: 1, ranking: 1, adjustments: 1 })
    .sort({ 'period.to': -1, publishedAt: -1 }).lean();
  // Nothing published (yet, or for that period) is an empty ranking, not a missing resource.
  if (!doc) return { evaluationId: null, period: null, standard: null, publishedAt: null, ranking: [] };
  return {
    evaluationId: doc._id, period: doc.period, standard: doc.standard, publishedAt: new Date(doc.publishedAt ?? 0).toISOString(),
    ranking: await namedFinalRanking(ctx, doc as EvaluationDoc),
  };
}

export const newAppealId = () => `AP-${randomUUID()}`;
