import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { previewBody, previewView } from './schema';
import { previewDeadlines } from './service';

export function previewRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/deadline-preview', operationId: 'previewDeadlines',
      summary: 'The schedule of a case started at an instant: deadline (the receipt date), warning, yellow and red cards',
      tags: ['calendar'], access: 'public', body: previewBody,
      responses: { 200: { description: 'The schedule', schema: previewView } },
      handler: ({ body }) => previewDeadlines(ctx, body),
    }),
  ];
}
