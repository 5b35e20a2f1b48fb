import { CANONICALIZATION, ChainVerifier, LOG_FORMAT, type ChainRecord, type ChainReport, type ExportHeader } from './chain';

/*
 * An exported log is NDJSON: the header (ExportHeader), then one ChainRecord per line in
 * sequence order. It verifies offline: every record against its content and the one
 * before it, the first against the header's prevHash, the last against its headHash.
 */

export function headerLine(header: ExportHeader): string {
  return `${JSON.stringify(header)}\n`;
}

export function recordLine(record: ChainRecord): string {
  return `${JSON.stringify({ seq: record.seq, prevHash: record.prevHash, hash: record.hash, content: record.content })}\n`;
}

function parseHeader(line: string): ExportHeader | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'the header is not JSON';
  }
  const h = value as Partial<ExportHeader>;
  if (h.format !== LOG_FORMAT || h.version !== 1) return `not a ${LOG_FORMAT} file of version 1`;
  if (h.canonicalization !== CANONICALIZATION) return `unknown canonicalization ${String(h.canonicalization)}`;
  for (const key of ['fromSeq', 'toSeq', 'count'] as const) {
    if (!Number.isInteger(h[key])) return `header ${key} is not an integer`;
  }
  if (typeof h.prevHash !== 'string' || typeof h.headHash !== 'string') return 'header prevHash or headHash is missing';
  return h as ExportHeader;
}

/** Checks an exported file given line by line (empty lines ignored); answers the same report as a database check. */
export async function verifyExportLines(lines: AsyncIterable<string> | Iterable<string>): Promise<ChainReport & { header: ExportHeader | null }> {
  let header: ExportHeader | null = null;
  let verifier: ChainVerifier | null = null;
  let n = 0;
  const broken = new ChainVerifier();
  for await (const raw of lines) {
    n++;
    const line = raw.trim();
    if (line === '') continue;
    if (!verifier) {
      const parsed = parseHeader(line);
      if (typeof parsed === 'string') {
        broken.fail({ seq: null, line: n, problem: parsed });
        return { ...broken.report(), valid: false, header: null };
      }
      header = parsed;
      verifier = new ChainVerifier({ seq: parsed.fromSeq, prevHash: parsed.prevHash });
      continue;
    }
    let record: ChainRecord;
    try {
      record = JSON.parse(line) as ChainRecord;
    } catch {
      verifier.fail({ seq: null, line: n, problem: 'the line is not JSON' });
      continue;
    }
    verifier.push(record, n);
  }
  if (!verifier || !header) {
    broken.fail({ seq: null, line: 1, problem: 'the file is empty' });
    return { ...broken.report(), valid: false, header: null };
  }
  const report = verifier.report();
  if (report.count !== header.count) verifier.fail({ seq: null, problem: `the header announces ${header.count} records, the file has ${report.count}` });
  const lastSeq = report.head?.seq ?? header.fromSeq - 1;
  if (lastSeq !== header.toSeq) verifier.fail({ seq: lastSeq, problem: `the file ends at record ${lastSeq}, the header at ${header.toSeq}` });
  const lastHash = report.head?.hash ?? header.prevHash;
  if (lastHash !== header.headHash) verifier.fail({ seq: lastSeq, problem: 'the last record\'s hash differs from the header\'s headHash' });
  return { ...verifier.report(), header };
}
