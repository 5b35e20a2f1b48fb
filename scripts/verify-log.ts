/**
 * `npm run log:verify`: checks the supervision log's hash chain, in the database
 * (MONGODB_URI, or --uri) or in an exported NDJSON file (--file), and names every record
 * where it breaks. Exit status: 0 intact, 1 broken, 2 could not check.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import type { ChainReport } from '../api/supervision-log/chain';
import { verifyExportLines } from '../api/supervision-log/export-file';
import { verifyStoredLog, type LogAnchor } from '../api/supervision-log/service';
import { loadEnv } from '../config/env';

const USAGE = 'usage: npm run log:verify -- [--file export.ndjson | --uri mongodb://host/db [--anchor <seq>:<hash>]] [--json]';

async function checkDatabase(uri: string, anchor?: LogAnchor): Promise<ChainReport> {
  const db = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
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
  let report: ChainReport;
  let source: string;
  if (values.file) {
    source = values.file;
    report = await verifyExportLines(createInterface({ input: createReadStream(values.file), crlfDelay: Infinity }));
  } else {
    const uri = values.uri ?? loadEnv().MONGODB_URI;
    source = uri.replace(/\/\/[^@/]*@/, '//');
    const anchor = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
    report = await checkDatabase(uri, anchor);
  }
  if (values.json) console.log(JSON.stringify(report));
  else print(report, source);
  return report.valid ? 0 : 1;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`log:verify: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  },
);
