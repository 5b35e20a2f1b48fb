import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GO_COLLECTOR_DEFAULTS, goServerEnv, startFerretDb, startTemporal } from '../../scripts/lib/embedded';
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
