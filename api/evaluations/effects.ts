import type { ApiContext } from '../context';
import { conflict, notFound } from '../http/errors';
import { loggedEffect } from '../supervision-log/intents';
import { upheldExclusions } from '../../domain/evaluation/appeal';
import { withdrawalDelta } from '../../domain/evaluation/withdrawal';
import type { RollupCounter } from '../../domain/statistics/counters';
import { rescorer } from '../../db/queries/evaluations';
import { isDuplicateKey } from '../../db/errors';
import { appealModel } from '../../db/models/appeal';
import { appealDecisionModel, type AppealDecisionDoc } from '../../db/models/appeal-decision';
import { caseFactModel } from '../../db/models/case-fact';
import { ALWAYS, guardedUpdate } from '../../db/guarded-write';
import { caseRollupModel, NO_ITEM } from '../../db/models/case-rollup';
import { evaluationModel, type EvaluationAdjustment, type EvaluationDoc } from '../../db/models/evaluation';
import { appealView } from './appeal-view';
import { loadEvaluation } from './service';

interface DecisionArgs {
  appealId: string;
  comment: string;
  by: string;
}

/** Claims the appeal's one decision for this intent (see db/models/appeal-decision), or finds it claimed by it before. */
async function claimDecision(ctx: ApiContext, args: DecisionArgs, decision: AppealDecisionDoc['decision'], intentId: string): Promise<AppealDecisionDoc> {
  const Decisions = appealDecisionModel(ctx.db);
  const doc: AppealDecisionDoc = { _id: args.appealId, intentId, decision, by: args.by, comment: args.comment, at: new Date(ctx.now()) };
  try {
    await Decisions.create(doc);
    return doc;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const taken = await Decisions.findById(args.appealId).lean();
  if (taken?.intentId !== intentId) throw conflict('appeal-decided', `Appeal ${args.appealId} has been decided already.`);
  return taken;
}

/**
 * Takes a case's lateness facts back everywhere the statistics read them: each fact is marked
 * withdrawn (per-person figures and later evaluations skip it) and one rollup row per fact,
 * `withdrawn:<fact id>` on the fact's day, department and item, undoes its counters
 * (`withdrawalDelta`). Both are keyed by the fact, so applying them again changes nothing
 * and a fact is taken back once however many appeals reach it.
 */
async function withdrawFacts(ctx: ApiContext, factIds: readonly string[], by: { appealId: string; evaluationId: string; at: Date }): Promise<string[]> {
  const facts = await caseFactModel(ctx.db).find({ _id: { $in: [...factIds] } }).lean();
  const withdrawn: string[] = [];
  for (const fact of facts) {
    if (fact.withdrawn && fact.withdrawn.appealId !== by.appealId) continue;
    const row = await caseRollupModel(ctx.db).findById(`${fact.day}|${fact.department}|${fact.itemCode}`, { category: 1 }).lean();
    const counts = Object.fromEntries(Object.entries(withdrawalDelta(fact.counter as RollupCounter)));
    await caseRollupModel(ctx.db).updateOne(
      { _id: `withdrawn:${fact._id}` },
      { $setOnInsert: { day: fact.day, department: fact.department, itemCode: fact.itemCode, category: row?.category ?? NO_ITEM, counts, sums: {}, applied: [] } },
      { upsert: true },
    );
    await guardedUpdate(caseFactModel(ctx.db), fact._id, ALWAYS, { $set: { withdrawn: by } });
    withdrawn.push(fact._id);
  }
  return withdrawn;
}

/** An upheld appeal's effect beyond the decision: the department scored again, and the case's lateness taken back. */
async function uphold(ctx: ApiContext, appeal: { _id: string; evaluationId: string; department: string; caseNo: string; ref: string }, decided: AppealDecisionDoc) {
  const evaluation = await loadEvaluation(ctx, appeal.evaluationId);
  const inputs = evaluation.departments.find((d) => d.department === appeal.department)?.inputs;
  const upheld = await appealModel(ctx.db).find({ evaluationId: appeal.evaluationId, department: appeal.department, status: 'upheld' }, { caseNo: 1 }).lean();
  const refs = inputs ? upheldExclusions(inputs, upheld.map((a) => a.caseNo)) : new Set<string>();
  let adjustment = evaluation.adjustments.find((a) => a.appealId === appeal._id);
  if (!adjustment) {
    const base = evaluation.departments.find((d) => d.department === appeal.department)?.score ?? 0;
    const before = evaluation.adjustments.filter((a) => a.department === appeal.department).at(-1)?.after ?? base;
    const after = rescorer(evaluation.standardSnapshot, evaluation.departments)(appeal.department, refs) ?? before;
    adjustment = { appealId: appeal._id, department: appeal.department, caseNo: appeal.caseNo, ref: appeal.ref, before, after, at: decided.at, by: decided.by } satisfies EvaluationAdjustment;
    // One compare-and-swap on FerretDB: two appeals of one evaluation upheld at once from two API processes both append.
    const notYet = { filter: { 'adjustments.appealId': { $ne: appeal._id } }, holds: (e: EvaluationDoc | null) => e !== null && !e.adjustments.some((a) => a.appealId === appeal._id) };
    await guardedUpdate(evaluationModel(ctx.db), appeal.evaluationId, notYet, { $push: { adjustments: adjustment } });
  }
  const own = inputs ? upheldExclusions(inputs, [appeal.caseNo]) : new Set<string>();
  const withdrawn = await withdrawFacts(ctx, [...own], { appealId: appeal._id, evaluationId: appeal.evaluationId, at: decided.at });
  return { adjustment, withdrawn };
}

/**
 * A supervisor's decision of an appeal as one logged unit (api/supervision-log/intents): the
 * decision, and when upheld the adjustment of the score and the withdrawal of the case's
 * lateness from the statistics and per-person figures, happen with the log record or, after
 * a failure, are completed with it by the sweeper. A decision taken already (another
 * supervisor first) answers 409 and logs nothing.
 */
function appealDecision(decision: AppealDecisionDoc['decision']) {
  return loggedEffect({
    action: `appeal.${decision}`,
    apply: async (ctx, args: DecisionArgs, intent) => {
      const appeal = await appealModel(ctx.db).findById(args.appealId).lean();
      if (!appeal) throw notFound(`Appeal ${args.appealId}`);
      const decided = await claimDecision(ctx, args, decision, intent.id);
      const record = { by: decided.by, at: decided.at, comment: decided.comment };
      await appealModel(ctx.db).updateOne({ _id: appeal._id }, { $set: { status: decision, decision: record } });
      const details = { evaluationId: appeal.evaluationId, department: appeal.department, caseNo: appeal.caseNo, comment: decided.comment };
      const view = { ...appeal, status: decision, decision: record };
      if (decision === 'rejected') return { result: appealView(view), target: { kind: 'appeal', id: appeal._id }, details };
      const { adjustment, withdrawn } = await uphold(ctx, appeal, decided);
      return {
        result: appealView(view, { adjustment: { ...adjustment, at: new Date(adjustment.at).toISOString() } }),
        target: { kind: 'appeal', id: appeal._id },
        details: { ...details, before: adjustment.before, after: adjustment.after, withdrawn },
      };
    },
  });
}

export const appealUpheld = appealDecision('upheld');
export const appealRejected = appealDecision('rejected');
