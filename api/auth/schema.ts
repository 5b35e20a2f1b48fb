import { ROLES } from '../http/principal';

export const usernameSchema = { type: 'string', pattern: '^[A-Za-z0-9._-]{3,64}$' } as const;
export const departmentCodeSchema = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } as const;

export const loginBody = {
  type: 'object',
  properties: {
    username: usernameSchema,
    password: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['username', 'password'],
  additionalProperties: false,
} as const;

export const principalSchema = {
  type: 'object',
  properties: {
    userId: { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string', enum: ROLES } },
    department: { type: ['string', 'null'] },
    positions: { type: 'array', items: { type: 'string' } },
    mustChangePassword: { type: 'boolean', description: 'True until a generated first password is changed (POST /auth/password)' },
    scope: {
      type: ['array', 'null'], items: { type: 'string' },
      description: 'Departments the user oversees (their department and those below it, 分级管理); null is every department',
    },
  },
  required: ['userId', 'username', 'name', 'roles', 'department', 'positions'],
  additionalProperties: false,
} as const;

export const loginResponse = {
  type: 'object',
  properties: {
    token: { type: 'string', description: 'JWT; send as `Authorization: Bearer <token>`' },
    expiresAt: { type: 'string', format: 'date-time' },
    user: principalSchema,
  },
  required: ['token', 'expiresAt', 'user'],
} as const;

export const passwordChangeBody = {
  type: 'object',
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 200 },
    newPassword: { type: 'string', minLength: 12, maxLength: 200 },
  },
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
} as const;
