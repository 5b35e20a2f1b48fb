import { api } from './client';

/** A published item as the public catalogue answers it (api/items). */
export interface CatalogueItem {
  code: string;
  name: string;
  category: string;
  department: string;
  version: number;
  statutoryDays: number;
  promisedDays: number;
  conditions: string[];
  materials: { name: string; required: boolean; copies?: number; note?: string }[];
  /** The application form's JSON Schema. */
  formSchema: { properties?: Record<string, FormField>; required?: string[] };
}

/** The parts of a form field's JSON Schema the application form draws. */
export interface FormField {
  type?: string;
  title?: string;
  enum?: (string | number)[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

export function listItems(department?: string): Promise<CatalogueItem[]> {
  return api<CatalogueItem[]>('/items', { query: { department } });
}
