import { api } from './client';

/** A department (委办局): the code items, tasks and users refer to. */
export interface Department {
  code: string;
  name: string;
}

export function listDepartments(): Promise<Department[]> {
  return api<Department[]>('/departments');
}
