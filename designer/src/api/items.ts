import { api } from './client';
import type { Answer } from './contract';

/** A published item as the public catalogue answers it, with its fee and steps (办事指南). */
export type CatalogueItem = Omit<Answer<'listItems'>[number], 'formSchema'> & {
  /** The application form's JSON Schema, which the API's schema leaves open. */
  formSchema: { properties?: Record<string, FormField>; required?: string[] };
};

/** The parts of a form field's JSON Schema the application form draws. */
export interface FormField {
  type?: string;
  title?: string;
  enum?: (string | number)[];
  /** Labels of `enum`'s values, in order (the react-jsonschema-form convention). */
  enumNames?: string[];
  /** Values with their labels, the JSON Schema way: `oneOf: [{ const, title }]`. */
  oneOf?: { const?: string | number; title?: string }[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

export function listItems(department?: string): Promise<CatalogueItem[]> {
  return api<CatalogueItem[]>('/items', { query: { department } });
}
