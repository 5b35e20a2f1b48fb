import { createHash } from 'node:crypto';
import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { ROLES } from '../http/principal';
import { inboxPage, inboxQuery, messageParams, messageView, readView, unreadView } from './schema';
import { listInbox, markAllRead, markRead, unreadCount } from './service';

const tags = ['inbox'];

/**
 * Each user's inbox (消息中心): the messages of the audiences they belong to. The web app
 * polls the unread count with `If-None-Match`; an unchanged inbox answers 304 without a body.
 */
export function inboxRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/inbox', operationId: 'listInbox', summary: 'The caller\'s messages, newest first', tags, access: ROLES, query: inboxQuery,
      responses: { 200: { description: 'A page of messages', schema: inboxPage } },
      handler: ({ query, caller }) => listInbox(ctx.db, caller, query),
    }),
    defineRoute({
      method: 'get', path: '/inbox/unread', operationId: 'countUnread',
      summary: 'How many of the caller\'s messages are unread; answers 304 to an If-None-Match of the current ETag', tags, access: ROLES,
      headers: [{ name: 'If-None-Match', required: false, description: 'The ETag of the last answer: 304 while nothing changed.', schema: { type: 'string', maxLength: 200 } }],
      responses: { 200: { description: 'The unread count', schema: unreadView }, 304: { description: 'Unchanged since the ETag sent' } },
      handler: async ({ caller, req, res }) => {
        const answer = await unreadCount(ctx.db, caller);
        const tag = `"${createHash('sha256').update(`${caller.userId}\n${answer.unread}\n${answer.latest ?? ''}`).digest('base64url').slice(0, 22)}"`;
        res.setHeader('ETag', tag);
        res.setHeader('Cache-Control', 'private, no-cache');
        if (req.headers['if-none-match'] === tag) {
          res.status(304).end();
          return;
        }
        return answer;
      },
    }),
    defineRoute({
      method: 'post', path: '/inbox/read-all', operationId: 'markAllInboxRead', summary: 'Mark every message received so far read', tags, access: ROLES,
      responses: { 200: { description: 'How many were marked', schema: readView } },
      handler: ({ caller }) => markAllRead(ctx.db, caller, new Date(ctx.now())),
    }),
    defineRoute({
      method: 'post', path: '/inbox/:messageId/read', operationId: 'markInboxRead', summary: 'Mark one message read (again: no change)', tags, access: ROLES,
      params: messageParams,
      responses: { 200: { description: 'The message', schema: messageView } },
      handler: ({ params, caller }) => markRead(ctx.db, caller, params.messageId),
    }),
  ];
}
