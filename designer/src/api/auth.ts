import { api } from './client';
import type { Answer } from './contract';

/** The signed-in user, as `POST /auth/login` and `GET /auth/me` answer it. */
export type Principal = Answer<'me'>;
/** The roles of the platform's users. */
export type Role = Principal['roles'][number];
export type LoginResponse = Answer<'login'>;

export function login(username: string, password: string): Promise<LoginResponse> {
  return api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password } });
}

export function me(): Promise<Principal> {
  return api<Principal>('/auth/me');
}

/** The caller's own new password; answers a new token, as the older sessions end. */
export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<LoginResponse> {
  return api<LoginResponse>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}
