import { loggedEffect } from '../supervision-log/intents';
import { publish, saveDraft } from './service';

/** Definition changes as logged effects: a repeat under the same intent finds its revision or version. */
export const draftSaving = loggedEffect({
  action: 'definition.save-draft',
  apply: async (ctx, args: { itemCode: string; definition: { item: { code: string } }; revision?: number; by: string }, intent) => {
    const saved = await saveDraft(ctx.db, args.itemCode, args.definition, args.revision, { username: args.by }, intent.id);
    return { result: saved, target: { kind: 'definition', id: args.itemCode }, details: { revision: saved.revision } };
  },
});

export const definitionPublication = loggedEffect({
  action: 'definition.publish',
  apply: async (ctx, args: { itemCode: string; revision: number; by: string }, intent) => {
    const version = await publish(ctx.db, args.itemCode, args.revision, { username: args.by }, ctx.now(), intent.id);
    return { result: version, target: { kind: 'definition', id: args.itemCode }, details: { revision: args.revision, version: version.version } };
  },
});
