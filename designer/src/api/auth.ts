import { api } from './client';

/** The roles of the platform's users (api/http/principal.ts). */
export type Role = 'administrator' | 'clerk' | 'supervisor' | 'department-officer' | 'auditor';

/** The signed-in user, as `POST /auth/login` and `GET /auth/me` answer it. */
export interface Principal {
  userId: string;
  username: string;
  name: string;
  roles: Role[];
  department: string | null;
  positions: string[];
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: Principal;
}

export function login(username: string, password: string): Promise<LoginResponse> {
  return api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password } });
}

export function me(): Promise<Principal> {
  return api<Principal>('/auth/me');
}
