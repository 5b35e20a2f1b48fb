import type { Request } from 'express';
import { externalSystemModel } from '../../db/models/external-system';
import type { ApiContext } from '../context';
import { ApiError } from '../http/errors';
import type { SystemPrincipal } from '../http/principal';
import { hashApiKey } from '../auth/passwords';

const unknownKey = () =>
  new ApiError(401, 'unauthenticated', 'Not signed in', 'Send a valid API key as `X-Api-Key`.', {
    headers: { 'WWW-Authenticate': 'ApiKey header="X-Api-Key"' },
  });

/** Identifies an external system by the SHA-256 of its `X-Api-Key`. */
export function apiKeyAuthenticator(ctx: ApiContext) {
  return async (req: Request): Promise<SystemPrincipal> => {
    const key = req.get('x-api-key');
    if (!key || key.length > 200) throw unknownKey();
    const system = await externalSystemModel(ctx.db).findOne({ keyHash: hashApiKey(key), active: true }).lean();
    if (!system) throw unknownKey();
    return { systemId: system.systemId, name: system.name, departments: system.departments };
  };
}
