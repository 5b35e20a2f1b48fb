/**
 * `npm run log:verify`: checks the supervision log's hash chain, in the database
 * (MONGODB_URI, or --uri) or in an exported NDJSON file (--file), and names every record
 * where it breaks. With both --file and --uri the file, once intact, anchors the database:
 * the record it ends with must still be there unchanged. Exit status: 0 intact, 1 broken,
 * 2 could not check.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { connectDatabase } from '../db/connect';
import type { ChainReport } from '../api/supervision-log/chain';
import { verifyExportLines } from '../api/supervision-log/export-file';
import { verifyStoredLog, type LogAnchor } from '../api/supervision-log/service';
import { loadEnv } from '../config/env';

const USAGE = 'usage: npm run log:verify -- [--file export.ndjson] [--uri mongodb://host/db] [--anchor <seq>:<hash>] [--json]';

async function checkDatabase(uri: string, anchor?: LogAnchor): Promise<ChainReport> {
  const db = await connectDatabase(uri);
  try {
    return await verifyStoredLog(db, anchor);
  } finally {
    await db.close();
  }
}

function parseAnchor(text: string): LogAnchor {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text);
  if (!match?.[1] || !match[2]) throw new Error('--anchor is <seq>:<64 hex digits>');
  return { seq: Number(match[1]), hash: match[2] };
}

function print(report: ChainReport, source: string): void {
  const head = report.head ? `up to record ${report.head.seq} (${report.head.hash})` : 'no record';
  console.log(`${source}: ${report.count} records, ${head}, hash ${report.algorithms.join('+') || '-'}`);
  for (const p of report.problems) {
    console.log(`  record ${p.seq ?? '?'}${p.line === undefined ? '' : ` (line ${p.line})`}: ${p.problem}`);
  }
  console.log(report.valid ? 'chain intact' : `chain BROKEN: ${report.problems.length} problem(s)`);
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, options: { file: { type: 'string' }, uri: { type: 'string' }, anchor: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const reports: { source: string; report: ChainReport }[] = [];
  let anchor = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
  if (values.file) {
    const report = await verifyExportLines(createInterface({ input: createReadStream(values.file), crlfDelay: Infinity }));
    reports.push({ source: values.file, report });
    if (report.valid && report.header && report.header.toSeq >= report.header.fromSeq) {
      anchor ??= { seq: report.header.toSeq, hash: report.header.headHash };
    }
  }
  if (!values.file || values.uri) {
    const uri = values.uri ?? loadEnv().MONGODB_URI;
    reports.push({ source: uri.replace(/\/\/[^@/]*@/, '//'), report: await checkDatabase(uri, anchor) });
  }
  for (const { source, report } of reports) {
    if (values.json) console.log(JSON.stringify({ source, ...report }));
    else print(report, source);
  }
  return reports.every(({ report }) => report.valid) ? 0 : 1;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`log:verify: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  },
);
