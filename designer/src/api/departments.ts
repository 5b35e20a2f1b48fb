import { api } from './client';
import type { Answer } from './contract';

/** A department (委办局): the code items, tasks and users refer to. */
export type Department = Answer<'listDepartments'>[number];

export function listDepartments(): Promise<Department[]> {
  return api<Department[]>('/departments');
}
