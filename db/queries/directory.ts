import type { Connection } from 'mongoose';
import type { Directory } from '../../domain/definition/checks/directory';
import { departmentModel } from '../models/department';
import { userModel } from '../models/user';

/** The departments and the positions held by active users: what a definition's tasks may name. */
export async function readDirectory(db: Connection): Promise<Directory> {
  const [departments, users] = await Promise.all([
    departmentModel(db).find({}, { code: 1 }).lean(),
    userModel(db).find({ active: true }, { positions: 1 }).lean(),
  ]);
  return {
    departments: departments.map((d) => d.code).sort(),
    positions: [...new Set(users.flatMap((u) => u.positions))].sort(),
  };
}
