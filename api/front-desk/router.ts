import type { ApiContext } from '../context';
import { caseParams } from '../cases/schema';
import { defineRoute, type RouteSpec } from '../http/route';
import { applicationView, receiptView } from './schema';
import { readApplication, readReceipt } from './service';

const tags = ['cases'];

/** The front desk (窗口): the application as registered and the receipt given to the applicant. */
export function frontDeskRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/cases/:caseNo/application', operationId: 'readApplication',
      summary: 'The application as registered: applicant, form data with its form schema, materials received',
      tags, access: ['administrator', 'clerk', 'supervisor', 'department-officer', 'auditor'], params: caseParams,
      responses: { 200: { description: 'The application', schema: applicationView }, 404: { description: 'No such case, or not registered here (tracked cases)' } },
      handler: ({ params, caller }) => readApplication(ctx, params.caseNo, caller),
    }),
    defineRoute({
      method: 'get', path: '/cases/:caseNo/receipt', operationId: 'readReceipt',
      summary: "The acceptance receipt with the applicant's query code (the registering department's clerks and administrators only)",
      tags, access: ['administrator', 'clerk'], params: caseParams,
      responses: { 200: { description: 'The receipt', schema: receiptView }, 403: { description: 'Another department registered it' } },
      handler: ({ params, caller }) => readReceipt(ctx, params.caseNo, caller),
    }),
  ];
}
