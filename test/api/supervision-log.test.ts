import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildRecord, canonicalJson, digest, type SupervisionLogEntry } from '../../api/supervision-log/chain';
import { appendSupervisionLog, verifyStoredLog } from '../../api/supervision-log/service';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { ApiHarness } from './harness';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

/** Runs the command-line check; answers its exit code and output. */
async function verifyCli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/verify-log.ts'), ...args], { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const entry = (n: number): SupervisionLogEntry => ({
  actor: { userId: 'u1', username: 'supervisor', roles: ['supervisor'] },
  action: 'alert.acknowledge', target: { kind: 'alert', id: `C-${n}:yellowCard` }, requestId: `req-${n}`, details: { n, note: '已核实' },
});

async function freshDb(): Promise<{ db: mongoose.Connection; uri: string }> {
  const uri = inject('mongoUri').replace(/\/[^/]*$/, `/log-${randomUUID().slice(0, 8)}`);
  return { db: await mongoose.createConnection(uri).asPromise(), uri };
}

describe('supervision log chain', () => {
  const open: mongoose.Connection[] = [];
  afterAll(async () => {
    for (const db of open) {
      await db.dropDatabase().catch(() => undefined);
      await db.close();
    }
  });

  it('hashes SM3 with the standard test vector and canonicalizes by RFC 8785', () => {
    expect(digest('sm3', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1e21, y: -0 } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":0,"z":1e+21}}');
  });

  it('keeps one linear chain under many parallel appends from several processes', async () => {
    const { db, uri } = await freshDb();
    open.push(db);
    await supervisionLogModel(db).init();
    // Each connection stands for one API process: appends within it queue, across them they collide.
    const others = await Promise.all([1, 2, 3].map(() => mongoose.createConnection(uri).asPromise()));
    const writers = [db, ...others];
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 80 }, (_, i) =>
      appendSupervisionLog({ db: writers[i % writers.length]!, now: Date.now, settings: {} }, entry(i))));
    const ms = performance.now() - started;
    await Promise.all(others.map((c) => c.close()));
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    const report = await verifyStoredLog(db);
    expect(report).toMatchObject({ valid: true, count: 80, head: { seq: 80 }, algorithms: ['sha256'] });
    console.info(`supervision log: 80 parallel appends from 4 connections in ${ms.toFixed(0)} ms`);

    // A writer that died between its insert and moving the head pointer: the next append steps past it.
    const head = await supervisionLogModel(db).findById(80).lean();
    const { record } = buildRecord({ seq: 80, hash: head!.hash }, entry(80), new Date(), 'sha256');
    const c = JSON.parse(record.content) as { at: string };
    await supervisionLogModel(db).create({
      _id: 81, prevHash: record.prevHash, hash: record.hash, content: record.content, at: new Date(c.at), action: 'alert.acknowledge',
      actorId: 'u1', actorName: 'supervisor', targetKind: 'alert', targetId: 'C-80:yellowCard', requestId: 'req-80',
    });
    expect(await appendSupervisionLog({ db, now: Date.now, settings: {} }, entry(81))).toMatchObject({ seq: 82 });
    expect(await verifyStoredLog(db)).toMatchObject({ valid: true, count: 82 });
  });

  it('names the record changed in the database, by content, copy or deletion', async () => {
    const { db, uri } = await freshDb();
    open.push(db);
    const ctx = { db, now: Date.now, settings: { logHashAlgorithm: 'sm3' as const } };
    for (let i = 0; i < 8; i++) await appendSupervisionLog(ctx, entry(i));
    expect(await verifyStoredLog(db)).toMatchObject({ valid: true, count: 8, algorithms: ['sm3'] });
    expect((await verifyCli('--uri', uri)).code).toBe(0);

    const Log = supervisionLogModel(db);
    const third = await Log.findById(3).lean();
    await Log.updateOne({ _id: 3 }, { $set: { content: third!.content.replace('已核实', '未核实') } });
    const changed = await verifyStoredLog(db);
    expect(changed.valid).toBe(false);
    expect(changed.problems).toEqual([{ seq: 3, problem: 'hash does not match the content (the record was altered)' }]);
    const cli = await verifyCli('--uri', uri);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('record 3: hash does not match');
    await Log.updateOne({ _id: 3 }, { $set: { content: third!.content } });

    await Log.updateOne({ _id: 5 }, { $set: { actorName: 'someone-else' } });
    expect((await verifyStoredLog(db)).problems.map((p) => p.seq)).toEqual([5]);
    await Log.updateOne({ _id: 5 }, { $set: { actorName: 'supervisor' } });

    // Cutting the newest record off leaves a valid chain; the head hash kept elsewhere shows the cut.
    const head = await Log.findById(8).lean();
    await Log.deleteOne({ _id: 8 });
    expect(await verifyStoredLog(db)).toMatchObject({ valid: true, count: 7 });
    expect((await verifyStoredLog(db, { seq: 8, hash: head!.hash })).problems).toEqual([
      { seq: 8, problem: 'the anchored record is missing: the log was cut short' },
    ]);
    const cut = await verifyCli('--uri', uri, '--anchor', `8:${head!.hash}`);
    expect(cut.code).toBe(1);
    expect(cut.out).toContain('record 8: the anchored record is missing');
    await Log.create(head!);
    expect((await verifyStoredLog(db, { seq: 8, hash: head!.hash })).valid).toBe(true);

    await Log.deleteOne({ _id: 6 });
    const gap = await verifyStoredLog(db);
    expect(gap.valid).toBe(false);
    expect(gap.problems.every((p) => p.seq === 7)).toBe(true);
  });
});

describe('supervision log API', () => {
  let api: ApiHarness;
  let tokens: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    api = await ApiHarness.start();
    dir = mkdtempSync(join(tmpdir(), 'sunlight-log-'));
    const admin = await api.adminToken();
    tokens = await api.people(admin, [
      { username: 'sup', roles: ['supervisor'] },
      { username: 'aud', roles: ['auditor'] },
      { username: 'clerk', roles: ['clerk'], department: 'dep-a', positions: ['acceptor'] },
    ]);
    const year = { year: 2031, holidays: ['2031-01-01'], workdays: [], published: true, source: 'test' };
    expect((await api.call('/calendar/years/2031', { method: 'PUT', token: admin, body: year, headers: { 'x-request-id': 'req-cal' } })).status).toBe(200);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records administrator actions with the request id and lets supervisors and auditors verify', async () => {
    const list = await api.call('/supervision-log', { token: tokens['sup']! });
    expect(list.status).toBe(200);
    const actions = list.body.records.map((r: { action: string; actor: { username: string } }) => `${r.actor.username} ${r.action}`);
    expect(actions).toEqual([
      'admin calendar.publish-year', 'admin user.create', 'admin department.create', 'admin user.create', 'sup auth.sign-in', 'admin user.create',
      'admin auth.sign-in',
    ]);
    expect(list.body.records[0]).toMatchObject({ seq: 7, actor: { username: 'admin' }, requestId: 'req-cal', target: { kind: 'calendar-year', id: '2031' } });
    expect(JSON.stringify(list.body)).not.toContain('password');
    for (const who of ['sup', 'aud']) {
      const verified = await api.call('/supervision-log/verify', { token: tokens[who]! });
      expect(verified.body).toMatchObject({ valid: true, count: 7, head: { seq: 7 }, problems: [] });
    }
    expect((await api.call('/supervision-log/verify', { token: tokens['clerk']! })).status).toBe(403);
    const head = list.body.records[0] as { seq: number; hash: string };
    const anchored = await api.call(`/supervision-log/verify?anchorSeq=${head.seq}&anchorHash=${head.hash}`, { token: tokens['aud']! });
    expect(anchored.body).toMatchObject({ valid: true, problems: [] });
    const wrong = await api.call(`/supervision-log/verify?anchorSeq=2&anchorHash=${head.hash}`, { token: tokens['aud']! });
    expect(wrong.body).toMatchObject({ valid: false, problems: [{ seq: 2, problem: 'the hash differs from the anchor kept outside the database' }] });
    expect((await api.call(`/supervision-log/verify?anchorSeq=2`, { token: tokens['aud']! })).status).toBe(400);
  });

  it('exports NDJSON that verifies offline, and names a record edited in the file', async () => {
    const res = await fetch(`${api.url}/supervision-log/export`, { headers: { authorization: `Bearer ${tokens['aud']!}` } });
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(8);
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'sunlight-supervision-log', fromSeq: 1, toSeq: 7, count: 7 });
    const file = join(dir, 'log.ndjson');
    writeFileSync(file, text);
    const ok = await verifyCli('--file', file);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain('chain intact');

    // The file anchors the live log: cutting the database's newest record off shows.
    const uri = inject('mongoUri').replace(/\/[^/]*$/, `/${api.db.name}`);
    expect((await verifyCli('--file', file, '--uri', uri)).code).toBe(0);
    const Log = supervisionLogModel(api.db);
    const newest = await Log.findById(7).lean();
    await Log.deleteOne({ _id: 7 });
    const cut = await verifyCli('--file', file, '--uri', uri);
    expect(cut.code).toBe(1);
    expect(cut.out).toContain('record 7: the anchored record is missing');
    await Log.create(newest!);

    const edited = lines.map((line, i) => (i === 4 ? line.replace('user.create', 'user.delete') : line));
    writeFileSync(file, `${edited.join('\n')}\n`);
    const bad = await verifyCli('--file', file);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('record 4 (line 5): hash does not match the content');

    // Recomputing the edited record's hash moves the break to the next link.
    const record = JSON.parse(edited[4]!) as { content: string; hash: string };
    record.hash = digest('sha256', record.content);
    edited[4] = JSON.stringify(record);
    writeFileSync(file, `${edited.join('\n')}\n`);
    const relinked = await verifyCli('--file', file, '--json');
    expect(JSON.parse(relinked.out).problems.map((p: { seq: number }) => p.seq)).toEqual([5]);

    // A partial export starts from the hash before it.
    const part = await fetch(`${api.url}/supervision-log/export?fromSeq=3&toSeq=4`, { headers: { authorization: `Bearer ${tokens['sup']!}` } });
    writeFileSync(file, await part.text());
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
    expect((await verifyCli('--file', file)).code).toBe(0);
  });
});
