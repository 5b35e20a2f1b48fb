import { Ajv2020, type ErrorObject } from 'ajv/dist/2020';
import localizeZh from 'ajv-i18n/localize/zh';
import type { FormField } from '../api/items';

/** An enum field's choices with their labels: `enumNames`, or `oneOf` of `const`/`title`; the value itself when unlabelled. */
export function choicesOf(field: FormField): { value: string | number; label: string }[] | null {
  if (field.oneOf?.every((o) => o.const !== undefined)) return field.oneOf.map((o) => ({ value: o.const as string | number, label: o.title ?? String(o.const) }));
  if (!field.enum) return null;
  return field.enum.map((value, i) => ({ value, label: field.enumNames?.[i] ?? String(value) }));
}

/** A submitted value as a reader sees it: an enum's label, yes/no, or the text. */
export function displayValue(field: FormField | undefined, value: unknown, yesNo: { yes: string; no: string }): string {
  if (value === undefined || value === null || value === '') return '—';
  const choice = field && choicesOf(field)?.find((c) => c.value === value);
  if (choice) return choice.label;
  if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const ajv = new Ajv2020({ allErrors: true, strict: false, messages: true });
ajv.addKeyword('enumNames');

/** The first field name a JSON pointer (or Ajv instance path) names under `prefix`, unescaped. */
export function fieldOfPointer(pointer: string, prefix = ''): string | null {
  if (!pointer.startsWith(`${prefix}/`)) return null;
  const first = pointer.slice(prefix.length + 1).split('/')[0];
  return first === undefined || first === '' ? null : first.replace(/~1/g, '/').replace(/~0/g, '~');
}

function fieldOfError(error: ErrorObject): string | null {
  const params = error.params as Record<string, unknown>;
  const missing = params['missingProperty'] ?? params['additionalProperty'];
  return typeof missing === 'string' && error.instancePath === '' ? missing : fieldOfPointer(error.instancePath);
}

/**
 * Checks the form against the item's form schema in the browser, before sending, so each error
 * stands beside its field in the reader's language (Ajv's messages, translated by ajv-i18n).
 * The API checks the same schema again; its errors are placed by their pointers.
 */
export function formErrors(schema: object, data: unknown, language: string): Record<string, string> {
  const validate = ajv.compile(schema);
  if (validate(data)) return {};
  const errors = validate.errors ?? [];
  if (language.startsWith('zh')) localizeZh(errors);
  const out: Record<string, string> = {};
  for (const error of errors) {
    const field = fieldOfError(error) ?? '';
    const message = error.keyword === 'required' && language.startsWith('zh') ? '必填' : (error.message ?? '');
    out[field] = out[field] ? `${out[field]};${message}` : message;
  }
  return out;
}
