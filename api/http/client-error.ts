import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

/** Node's own refusals, before Express sees a request: header overflow and malformed requests. */
const STATUS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers-too-large', 'Request Header Fields Too Large', 'The request headers exceed the server\'s limit.'],
};
const MALFORMED: [number, string, string, string] = [400, 'malformed-request', 'Bad Request', 'The request is not well-formed HTTP.'];

/**
 * Answers what Node's HTTP parser refuses with the same problem+json as every other refusal,
 * with a request id of its own (the request's headers could not be read, so none was taken
 * from them), instead of Node's bare status line.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, code, title, detail] = STATUS[err.code ?? ''] ?? MALFORMED;
    const requestId = randomUUID();
    logger.warn({ requestId, code: err.code, status }, 'request refused by the HTTP parser');
    const body = JSON.stringify({ type: `https://sunlight.example/problems/${code}`, title, status, detail, code, requestId });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nCache-Control: no-store\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
