import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { optionalIdempotencyHeader, optionalIdempotencyKeyOf } from '../http/idempotency';
import { actLogged } from '../supervision-log/intents';
import { definitionPublication, draftSaving } from './effects';
import {
  definitionSummaryList, diffQuery, directoryView, diffView, draftView, itemCodeParams, publishBody, saveDraftBody, validateBody,
  validationView, versionList, versionParams, versionView,
} from './schema';
import { diff, listDefinitions, listVersions, readDraft, validate } from './service';
import { readVersion } from './versions';
import { readDirectory } from '../../db/queries/directory';

const EDITORS = ['administrator'] as const;
const READERS = ['administrator', 'supervisor', 'auditor'] as const;
const tags = ['definitions'];

export function definitionRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/definitions', operationId: 'listDefinitions', summary: 'Every item with its latest version and draft',
      tags, access: READERS,
      responses: { 200: { description: 'Definitions', schema: definitionSummaryList } },
      handler: () => listDefinitions(ctx.db),
    }),
    defineRoute({
      method: 'get', path: '/definitions/directory', operationId: 'readDefinitionDirectory',
      summary: 'The departments and positions task departments and roles may name (publishing refuses others)',
      tags, access: EDITORS,
      responses: { 200: { description: 'The directory', schema: directoryView } },
      handler: () => readDirectory(ctx.db),
    }),
    defineRoute({
      method: 'post', path: '/definitions/validate', operationId: 'validateDefinition',
      summary: 'Validate a definition: schema and graph errors and warnings, with node ids and JSON pointers',
      tags, access: EDITORS, body: validateBody, bodyLimit: '2mb',
      responses: { 200: { description: 'Findings', schema: validationView } },
      handler: async ({ body }) => validate(body.definition),
    }),
    defineRoute({
      method: 'put', path: '/definitions/:itemCode/draft', operationId: 'saveDraft',
      summary: 'Create (no revision) or update (current revision) the draft of an item; answers its findings',
      tags, access: EDITORS, params: itemCodeParams, body: saveDraftBody, bodyLimit: '2mb', headers: [optionalIdempotencyHeader],
      responses: { 200: { description: 'Saved', schema: draftView } },
      // A save repeated under its key (its answer was lost) answers the revision it wrote, instead of 409 stale-revision.
      handler: ({ params, body, caller, req }) =>
        actLogged(ctx, { caller, req }, draftSaving, { itemCode: params.itemCode, definition: body.definition, revision: body.revision, by: caller.username }, optionalIdempotencyKeyOf(req)),
    }),
    defineRoute({
      method: 'get', path: '/definitions/:itemCode/draft', operationId: 'readDraft', summary: 'The draft of an item',
      tags, access: READERS, params: itemCodeParams,
      responses: { 200: { description: 'The draft', schema: draftView } },
      handler: ({ params }) => readDraft(ctx.db, params.itemCode),
    }),
    defineRoute({
      method: 'post', path: '/definitions/:itemCode/publish', operationId: 'publishDefinition',
      summary: 'Publish the draft as the next immutable version (422 with the errors if it has any)',
      tags, access: EDITORS, params: itemCodeParams, body: publishBody, status: 201, headers: [optionalIdempotencyHeader],
      responses: { 201: { description: 'Published', schema: versionView }, 409: { description: 'The draft changed meanwhile' }, 422: { description: 'The draft has errors' } },
      handler: ({ params, body, caller, req }) => {
        // A publication repeated under its key answers the version it made and publishes nothing more.
        const key = optionalIdempotencyKeyOf(req);
        return actLogged(ctx, { caller, req }, definitionPublication, { itemCode: params.itemCode, revision: body.revision, by: caller.username }, key);
      },
    }),
    defineRoute({
      method: 'get', path: '/definitions/:itemCode/versions', operationId: 'listVersions', summary: 'Published versions of an item',
      tags, access: READERS, params: itemCodeParams,
      responses: { 200: { description: 'Versions', schema: versionList } },
      handler: ({ params }) => listVersions(ctx.db, params.itemCode),
    }),
    defineRoute({
      method: 'get', path: '/definitions/:itemCode/versions/:version', operationId: 'readVersion', summary: 'One published version',
      tags, access: READERS, params: versionParams,
      responses: { 200: { description: 'The version', schema: versionView } },
      handler: ({ params }) => readVersion(ctx.db, params.itemCode, params.version),
    }),
    defineRoute({
      method: 'get', path: '/definitions/:itemCode/diff', operationId: 'diffVersions', summary: 'What changed between two versions (or a version and the draft)',
      tags, access: READERS, params: itemCodeParams, query: diffQuery,
      responses: { 200: { description: 'The differences', schema: diffView } },
      handler: ({ params, query }) => diff(ctx.db, params.itemCode, query.from, query.to),
    }),
  ];
}
