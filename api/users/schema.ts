import { ROLES } from '../http/principal';
import { departmentCodeSchema, usernameSchema } from '../auth/schema';

const nameSchema = { type: 'string', minLength: 1, maxLength: 100 } as const;
const positionSchema = { type: 'string', minLength: 1, maxLength: 64 } as const;
const emailSchema = { type: 'string', format: 'email', maxLength: 254, description: 'Alerts by e-mail go here' } as const;
const phoneSchema = { type: 'string', pattern: '^\\+?[0-9][0-9 -]{4,19}$', description: 'Alerts by SMS/IM gateway go here' } as const;

const parentSchema = {
  anyOf: [departmentCodeSchema, { type: 'null' }],
  description: 'The department above (a county under the city, a bureau under its county); null at the top',
} as const;

export const departmentBody = {
  type: 'object',
  properties: { code: departmentCodeSchema, name: nameSchema, parent: parentSchema },
  required: ['code', 'name'],
  additionalProperties: false,
} as const;

/** A new name or parent; a parent that is the department or lies below it is refused (422). */
export const departmentPatchBody = {
  type: 'object',
  properties: { name: nameSchema, parent: parentSchema },
  minProperties: 1,
  additionalProperties: false,
} as const;

export const departmentParams = {
  type: 'object',
  properties: { code: departmentCodeSchema },
  required: ['code'],
  additionalProperties: false,
} as const;

export const departmentView = {
  type: 'object',
  properties: { code: { type: 'string' }, name: { type: 'string' }, parent: { type: ['string', 'null'] } },
  required: ['code', 'name', 'parent'],
} as const;

export const departmentList = { type: 'array', items: departmentView } as const;

export const userBody = {
  type: 'object',
  properties: {
    username: usernameSchema,
    name: nameSchema,
    password: { type: 'string', minLength: 12, maxLength: 200 },
    roles: { type: 'array', items: { type: 'string', enum: ROLES }, minItems: 1, uniqueItems: true },
    department: departmentCodeSchema,
    positions: { type: 'array', items: positionSchema, uniqueItems: true, maxItems: 50, default: [] },
    email: emailSchema,
    phone: phoneSchema,
  },
  required: ['username', 'name', 'password', 'roles'],
  additionalProperties: false,
} as const;

export const userView = {
  type: 'object',
  properties: {
    userId: { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string', enum: ROLES } },
    department: { type: ['string', 'null'] },
    positions: { type: 'array', items: { type: 'string' } },
  },
  required: ['userId', 'username', 'name', 'roles', 'department', 'positions'],
} as const;

/** A user as the administration page lists it, with where alerts reach them and whether they may sign in. */
export const userRecord = {
  type: 'object',
  properties: {
    ...userView.properties,
    email: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] },
    active: { type: 'boolean' },
  },
  required: [...userView.required, 'email', 'phone', 'active'],
} as const;

export const userList = { type: 'array', items: userRecord } as const;

export const userListQuery = {
  type: 'object',
  properties: { includeInactive: { type: 'boolean', default: false, description: 'Also list deactivated users' } },
  additionalProperties: false,
} as const;

export const systemBody = {
  type: 'object',
  properties: {
    systemId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,63}$' },
    name: nameSchema,
    departments: { type: 'array', items: departmentCodeSchema, minItems: 1, uniqueItems: true },
  },
  required: ['systemId', 'name', 'departments'],
  additionalProperties: false,
} as const;

export const systemCreated = {
  type: 'object',
  properties: {
    systemId: { type: 'string' },
    name: { type: 'string' },
    departments: { type: 'array', items: { type: 'string' } },
    apiKey: { type: 'string', description: 'Shown once; send it as `X-Api-Key`' },
  },
  required: ['systemId', 'name', 'departments', 'apiKey'],
} as const;

export const usernameParams = {
  type: 'object',
  properties: { username: usernameSchema },
  required: ['username'],
  additionalProperties: false,
} as const;

/** Changes to a user; what is absent stays as it is. `department: null` removes it. */
export const userPatchBody = {
  type: 'object',
  properties: {
    name: nameSchema,
    password: userBody.properties.password,
    roles: userBody.properties.roles,
    department: { anyOf: [departmentCodeSchema, { type: 'null' }] },
    positions: { type: 'array', items: positionSchema, uniqueItems: true, maxItems: 50 },
    email: { anyOf: [emailSchema, { type: 'null' }] },
    phone: { anyOf: [phoneSchema, { type: 'null' }] },
    active: { type: 'boolean', description: 'false ends the user\'s sessions at once' },
  },
  minProperties: 1,
  additionalProperties: false,
} as const;
