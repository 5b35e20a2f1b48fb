import { api } from './client';
import type { Answer, Body } from './contract';

export type UserRecord = Answer<'listUsers'>[number];
export type NewUser = Body<'createUser'>;
export type UserPatch = Body<'updateUser'>;
export type ExternalSystem = Answer<'listExternalSystems'>[number];
export type WorkCalendar = Answer<'readCalendar'>;

export const listUsers = () => api<UserRecord[]>('/users', { query: { includeInactive: true } });
export const createUser = (body: NewUser) => api('/users', { method: 'POST', body });
export const updateUser = (username: string, body: UserPatch) => api(`/users/${encodeURIComponent(username)}`, { method: 'PATCH', body });

export const createDepartment = (body: Body<'createDepartment'>) => api('/departments', { method: 'POST', body });
export const updateDepartment = (code: string, body: Body<'updateDepartment'>) =>
  api(`/departments/${encodeURIComponent(code)}`, { method: 'PATCH', body });

export const listSystems = () => api<ExternalSystem[]>('/external-systems');
export const registerSystem = (body: Body<'registerExternalSystem'>) =>
  api<Answer<'registerExternalSystem', 201>>('/external-systems', { method: 'POST', body });
export const rotateKey = (systemId: string) =>
  api<Answer<'rotateExternalSystemKey'>>(`/external-systems/${encodeURIComponent(systemId)}/key`, { method: 'POST' });

export const readCalendar = (from?: number) => api<WorkCalendar>('/calendar', { query: { from } });
export const importYear = (year: number, ics: string, source: string) => api(`/calendar/years/${year}/ical`, { method: 'POST', body: { ics, source } });
export const adjustDay = (date: string, body: Body<'publishCalendarAdjustment'>) =>
  api(`/calendar/adjustments/${date}`, { method: 'PUT', body });
export const removeAdjustment = (date: string) => api(`/calendar/adjustments/${date}`, { method: 'DELETE' });
