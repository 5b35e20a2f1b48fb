import { isValidObjectId } from 'mongoose';
import { departmentModel } from '../../db/models/department';
import { userModel } from '../../db/models/user';
import type { ApiContext } from '../context';

/**
 * The display names of the users who acted in a timeline, by user id, so the web app can say
 * who did what in the reader's language (events record the id only). Ids that are not users
 * (a complainant's `public:…`, a system actor) are left out.
 */
export async function actorNames(ctx: ApiContext, events: readonly { actorId?: string | null }[]): Promise<Map<string, string>> {
  const ids = [...new Set(events.flatMap((e) => (e.actorId && isValidObjectId(e.actorId) ? [e.actorId] : [])))];
  if (ids.length === 0) return new Map();
  const users = await userModel(ctx.db).find({ _id: { $in: ids } }, { name: 1, username: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.name || u.username]));
}

/** The names of departments by code; a code without a department is left out. */
export async function departmentNames(ctx: ApiContext, codes: readonly string[]): Promise<Map<string, string>> {
  const docs = await departmentModel(ctx.db).find({ code: { $in: [...new Set(codes)] } }, { code: 1, name: 1 }).lean();
  return new Map(docs.map((d) => [d.code, d.name]));
}
