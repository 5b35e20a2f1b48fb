import type { DefinitionValidation, ProcessDefinition } from '../../../domain/definition';
import { api, newIdempotencyKey } from './client';
import type { Answer } from './contract';

/** Process definitions: drafts, validation, publishing and versions (api/definitions). */
export type DefinitionSummary = Answer<'listDefinitions'>[number];

/** A draft; its definition is the domain's, which the schema leaves open. */
export type DraftView = Omit<Answer<'readDraft'>, 'definition' | 'validation'> & {
  definition: ProcessDefinition;
  validation: DefinitionValidation;
};

export type VersionSummary = Answer<'listVersions'>[number];

export type VersionView = VersionSummary & { definition: ProcessDefinition };

const item = (itemCode: string) => `/definitions/${encodeURIComponent(itemCode)}`;

export function listDefinitions(): Promise<DefinitionSummary[]> {
  return api<DefinitionSummary[]>('/definitions');
}

export function getDraft(itemCode: string): Promise<DraftView> {
  return api<DraftView>(`${item(itemCode)}/draft`);
}

/**
 * Saves the draft; `revision` is the one it was loaded at, so a concurrent edit is refused
 * (409). The same save sent again under its key (its answer was lost) answers the revision it wrote.
 */
export function saveDraft(itemCode: string, definition: unknown, revision: number | null, idempotencyKey = newIdempotencyKey()): Promise<DraftView> {
  return api<DraftView>(`${item(itemCode)}/draft`, {
    method: 'PUT',
    body: revision === null ? { definition } : { definition, revision },
    idempotencyKey,
  });
}

/** The server's own validation (the same `validateDefinition` the designer runs live). */
export function validateOnServer(definition: unknown): Promise<DefinitionValidation> {
  return api<DefinitionValidation>('/definitions/validate', { method: 'POST', body: { definition } });
}

/**
 * Publishes the draft at `revision` (409 if it changed meanwhile, 422 with its errors). The
 * same publication sent again under its key answers the version it made, and publishes nothing more.
 */
export function publishDraft(itemCode: string, revision: number, idempotencyKey = newIdempotencyKey()): Promise<VersionView> {
  return api<VersionView>(`${item(itemCode)}/publish`, { method: 'POST', body: { revision }, idempotencyKey });
}

/** The departments and positions that task departments and roles may name. */
export function getDirectory(): Promise<Answer<'readDefinitionDirectory'>> {
  return api<Answer<'readDefinitionDirectory'>>('/definitions/directory');
}

export function listVersions(itemCode: string): Promise<VersionSummary[]> {
  return api<VersionSummary[]>(`${item(itemCode)}/versions`);
}

export function getVersion(itemCode: string, version: number): Promise<VersionView> {
  return api<VersionView>(`${item(itemCode)}/versions/${version}`);
}
