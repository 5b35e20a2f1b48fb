import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { definitionError, type DefinitionIssue } from '../issues';
import { cloneJson } from '../json';
import { describe, fieldLabel } from './messages';
import { processDefinitionSchema } from './schema';
import type { ProcessDefinition } from '../types';

/**
 * Schema half of definition validation. Ajv compiles validators with `new Function`,
 * so this module (and `validateDefinition`) stays out of the workflow sandbox.
 */

let validator: ValidateFunction<ProcessDefinition> | undefined;
/** Checks application-form schemas against the 2020-12 meta-schema; logs nothing. */
const formSchemaAjv = new Ajv2020({ allErrors: true, strict: false, logger: false });

function compiled(): ValidateFunction<ProcessDefinition> {
  validator ??= new Ajv2020({ allErrors: true, useDefaults: true, discriminator: true, strict: true, strictRequired: false }).compile<ProcessDefinition>(
    processDefinitionSchema,
  );
  return validator;
}

/**
 * Validates input against the process definition schema. Works on a copy, so the
 * input is never modified; the returned definition has defaults filled in.
 */
export function validateSchema(input: unknown): { definition?: ProcessDefinition; issues: DefinitionIssue[] } {
  let copy: unknown;
  try {
    copy = cloneJson(input);
  } catch {
    return { issues: [definitionError('SCHEMA_INVALID', '流程定义不是有效的 JSON', 'The definition is not valid JSON', { path: '' })] };
  }
  const validate = compiled();
  if (validate(copy)) return { definition: copy, issues: [] };
  return { issues: (validate.errors ?? []).map((error) => schemaIssue(error, copy)) };
}

/** Checks that the item's application form is itself a valid JSON Schema. */
export function checkFormSchema(definition: ProcessDefinition): DefinitionIssue[] {
  const { formSchema } = definition.item.catalogue;
  if (formSchemaAjv.validateSchema(formSchema) === true) return [];
  const detail = formSchemaAjv.errorsText(formSchemaAjv.errors, { dataVar: 'formSchema' });
  return [
    definitionError(
      'FORM_SCHEMA_INVALID',
      `申请表定义不是有效的 JSON Schema:${detail}`,
      `The application form is not a valid JSON Schema: ${detail}`,
      { path: '/item/catalogue/formSchema' },
    ),
  ];
}

function schemaIssue(error: ErrorObject, input: unknown): DefinitionIssue {
  const params = error.params as Record<string, unknown>;
  const field = (params.missingProperty ?? params.additionalProperty) as string | undefined;
  const path = field === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(field)}`;
  const located = locate(error.instancePath, input);
  const [zh, en] = describe(error, params, field);
  const leaf = field === undefined ? /\/([A-Za-z]+)$/.exec(error.instancePath)?.[1] : undefined;
  const [whereZh, whereEn] =
    located.nodeId !== undefined
      ? [`节点 ${located.nodeId}`, `node ${located.nodeId}`]
      : located.edgeId !== undefined
        ? [`连线 ${located.edgeId}`, `edge ${located.edgeId}`]
        : path.startsWith('/item')
          ? ['事项', 'item']
          : ['流程定义', 'definition'];
  return definitionError(
    'SCHEMA_INVALID',
    `${whereZh}:${leaf === undefined ? '' : `${fieldLabel(leaf)}`}${zh}`,
    `${whereEn}: ${leaf === undefined ? '' : `${leaf} `}${en}`,
    { ...located, path },
  );
}

function locate(instancePath: string, input: unknown): { nodeId?: string; edgeId?: string } {
  const match = /^\/(nodes|edges)\/(\d+)/.exec(instancePath);
  if (match === null || typeof input !== 'object' || input === null) return {};
  const list = (input as Record<string, unknown>)[match[1] as string];
  const element: unknown = Array.isArray(list) ? list[Number(match[2])] : undefined;
  const id = typeof element === 'object' && element !== null ? (element as Record<string, unknown>).id : undefined;
  if (typeof id !== 'string') return {};
  return match[1] === 'nodes' ? { nodeId: id } : { edgeId: id };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
