import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { saveDraft } from '../../api/definitions/service';
import { createDepartment, updateDepartment } from '../../api/users/departments';
import { createUser, updateUser } from '../../api/users/service';
import { definitionDraftModel } from '../../db/models/definition';
import { departmentModel } from '../../db/models/department';
import { userModel } from '../../db/models/user';

/**
 * Administrators' edits of one record at the same instant through two connections (as two
 * API processes make them): on FerretDB an update is read-modify-write without isolation, so
 * a plain `updateOne` from each loses one of the two.
 */
describe('concurrent administrators\' edits', () => {
  const uri = inject('mongoUri').replace(/\/[^/]*$/, `/admin-edits-${randomUUID().slice(0, 8)}`);
  let one: mongoose.Connection;
  let two: mongoose.Connection;
  const N = 12;
  const ids = Array.from({ length: N }, (_, i) => i);
  const admin = { username: 'admin' };

  beforeAll(async () => {
    one = await mongoose.createConnection(uri).asPromise();
    two = await mongoose.createConnection(uri).asPromise();
    for (const model of [userModel(one), departmentModel(one), definitionDraftModel(one)]) await model.init();
    await createDepartment(one, { code: 'top', name: 'Top' }, 'dept-top');
    for (const i of ids) {
      await createDepartment(one, { code: `d${i}`, name: `Department ${i}` }, `dept-${i}`);
      await createUser(one, { username: `u${i}`, name: `User ${i}`, passwordHash: 'x', roles: ['supervisor'], positions: [] }, `user-${i}`);
    }
  });
  afterAll(async () => {
    await one?.dropDatabase().catch(() => undefined);
    await one?.close();
    await two?.close();
  });

  it('a change of roles and a deactivation of one user at once both land, each ending the sessions', async () => {
    await Promise.all(ids.flatMap((i) => [
      updateUser(one, `u${i}`, { roles: ['auditor'] }, `roles-${i}`),
      updateUser(two, `u${i}`, { active: false }, `active-${i}`),
    ]));
    for (const i of ids) {
      const user = await userModel(one).findOne({ username: `u${i}` }).lean();
      expect(user).toMatchObject({ roles: ['auditor'], active: false, sessionVersion: 2 });
    }
  }, 60_000);

  it('a rename and a move of one department at once both land', async () => {
    await Promise.all(ids.flatMap((i) => [
      updateDepartment(one, `d${i}`, { name: `Renamed ${i}` }),
      updateDepartment(two, `d${i}`, { parent: 'top' }),
    ]));
    for (const i of ids) expect(await departmentModel(one).findOne({ code: `d${i}` }).lean()).toMatchObject({ name: `Renamed ${i}`, parent: 'top' });
  }, 60_000);

  it('of two saves of one draft revision at once, exactly one lands and the other is a 409', async () => {
    const definition = (code: string, by: string) => ({ item: { code }, by });
    for (const i of ids) await saveDraft(one, `item${i}`, definition(`item${i}`, 'first'), undefined, admin, `create-${i}`);
    const results = await Promise.allSettled(ids.flatMap((i) => [
      saveDraft(one, `item${i}`, definition(`item${i}`, 'one'), 1, admin, `one-${i}`),
      saveDraft(two, `item${i}`, definition(`item${i}`, 'two'), 1, admin, `two-${i}`),
    ]));
    for (const i of ids) {
      const [a, b] = [results[2 * i], results[2 * i + 1]];
      expect([a?.status, b?.status].sort()).toEqual(['fulfilled', 'rejected']);
      const refused = [a, b].find((r) => r?.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ status: 409 });
      const winner = a?.status === 'fulfilled' ? 'one' : 'two';
      const draft = await definitionDraftModel(one).findOne({ itemCode: `item${i}` }).lean();
      expect(draft?.revision).toBe(2);
      expect(JSON.parse(draft?.json ?? '{}')).toMatchObject({ by: winner });
    }
  }, 60_000);

});
