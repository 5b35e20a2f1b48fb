import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GO_COLLECTOR_DEFAULTS, TOOLS_BIN, goServerEnv, startFerretDb, startTemporal } from '../../scripts/lib/embedded';
import { freePort, type Managed } from '../../scripts/lib/processes';

/** The environment a running process was started with (Linux). */
function environmentOf(pid: number | undefined): Map<string, string> {
  const entries = readFileSync(`/proc/${String(pid)}/environ`, 'utf8').split('\0').filter((e) => e.includes('='));
  return new Map(entries.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

describe("the embedded Go servers' garbage collector", () => {
  it('defaults GOGC and GOMEMLIMIT where the environment sets none, and keeps what it sets', () => {
    const defaults = goServerEnv({ PATH: '/bin' });
    expect(defaults).toMatchObject({ PATH: '/bin', GOGC: '400', GOMEMLIMIT: '1GiB' });
    expect(goServerEnv({ GOGC: '', GOMEMLIMIT: '' })).toMatchObject(GO_COLLECTOR_DEFAULTS);
    expect(goServerEnv({ GOGC: 'off', GOMEMLIMIT: '512MiB' })).toMatchObject({ GOGC: 'off', GOMEMLIMIT: '512MiB' });
    expect(goServerEnv({ GOGC: '150' })).toMatchObject({ GOGC: '150', GOMEMLIMIT: '1GiB' });
  });

  describe('as started', () => {
    const started: Managed[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'sunlight-go-servers-'));
    afterAll(async () => {
      for (const server of started) await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('FerretDB and the Temporal dev server run with the defaults', async () => {
      const host = '127.0.0.1';
      const ferret = await startFerretDb({ host, port: await freePort(host), dataDir: join(dataDir, 'ferretdb'), onLine: () => undefined });
      started.push(ferret);
      const temporal = await startTemporal({ host, port: await freePort(host), onLine: () => undefined });
      started.push(temporal);
      // What the first test pins, or what this run's environment sets.
      const expected = goServerEnv(process.env);
      for (const server of [ferret, temporal]) {
        const env = environmentOf(server.child.pid);
        expect({ server: server.name, GOGC: env.get('GOGC'), GOMEMLIMIT: env.get('GOMEMLIMIT') })
          .toEqual({ server: server.name, GOGC: expected['GOGC'], GOMEMLIMIT: expected['GOMEMLIMIT'] });
      }
    }, 120_000);
  });
});

describe("FerretDB's profiles, for measuring", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sunlight-ferretdb-profiles-'));
  let ferret: Managed | undefined;
  afterAll(async () => {
    await ferret?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a CPU profile on the loopback port it is given', async () => {
    const host = '127.0.0.1';
    const profilesPort = await freePort(host);
    ferret = await startFerretDb({ host, port: await freePort(host), dataDir: join(dataDir, 'db'), onLine: () => undefined, profilesPort });
    const answer = await fetch(`http://${host}:${profilesPort}/debug/pprof/profile?seconds=1`);
    expect(answer.status).toBe(200);
    const body = Buffer.from(await answer.arrayBuffer());
    // A gzipped protocol buffer, as `go tool pprof` reads it.
    expect([...body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  }, 60_000);

  it('refuses to serve them on an address other machines reach', () => {
    const run = spawnSync(join(TOOLS_BIN, 'ferretdb'), ['--pprof-addr', '0.0.0.0:1', '--sqlite-url', `file:${dataDir}/`], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not a loopback address');
  });
});
