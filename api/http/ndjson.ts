import type { Response } from 'express';

/**
 * Streams an NDJSON answer. A failure once the first line is out cannot become a problem
 * answer any more: the connection is cut, so the client sees a broken transfer rather than
 * a short file that looks complete.
 */
export async function streamNdjson(res: Response, body: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<void> {
  res.status(200).type('application/x-ndjson');
  try {
    await body(ndjsonWriter(res));
    res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** Writes with back-pressure: waits for 'drain' when the socket's buffer is full. */
export function ndjsonWriter(res: Response): (chunk: string) => Promise<void> {
  return (chunk) => new Promise((resolve, reject) => {
    if (res.destroyed) reject(new Error('the client went away'));
    else if (res.write(chunk)) resolve();
    else res.once('drain', resolve);
  });
}
