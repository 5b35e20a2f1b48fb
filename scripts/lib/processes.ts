import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** A child process started by Sunlight's scripts, with its name for logs and errors. */
export interface Managed {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where each output line goes; defaults to the parent's stderr, prefixed with the name. */
  onLine?: (name: string, line: string) => void;
  /**
   * Runs the process in a process group of its own and signals the whole group on stop, as a
   * terminal's Ctrl-C does: for a process that starts others (`npm start`), so none outlives it.
   */
  group?: boolean;
}

/** Starts a process whose output is read line by line, and which can be stopped gracefully. */
export function spawnManaged(opts: SpawnOptions): Managed {
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.group === true,
  });
  const send = (name: NodeJS.Signals) => {
    if (opts.group && child.pid !== undefined) {
      try {
        process.kill(-child.pid, name);
      } catch {
        // the group has already gone
      }
    } else child.kill(name);
  };
  const onLine = opts.onLine ?? ((name, line) => process.stderr.write(`[${name}] ${line}\n`));
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.length > 0) onLine(opts.name, line);
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.on('error', (err) => {
      onLine(opts.name, `failed to start ${opts.command}: ${err.message}`);
      resolve('spawn-error');
    });
  });
  return {
    name: opts.name,
    child,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (opts.group) {
        // The group outlives its leader while any process of it runs.
        send(signal);
        const deadline = Date.now() + graceMs;
        while (groupAlive(child.pid) && Date.now() < deadline) await delay(100);
        if (groupAlive(child.pid)) send('SIGKILL');
        await exited;
        return;
      }
      if (child.exitCode !== null || child.signalCode !== null) return;
      send(signal);
      const timedOut = await Promise.race([exited.then(() => false), delay(graceMs).then(() => true)]);
      if (timedOut) {
        send('SIGKILL');
        await exited;
      }
    },
  };
}

/** True while some process of the group led by `pid` runs. */
function groupAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until host:port accepts connections, or fails naming the service and how long it waited. */
export async function waitForPort(name: string, host: string, port: number, timeoutMs: number, proc?: Managed): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | string | undefined;
  void proc?.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${name} exited (${exitCode}) before it listened on ${host}:${port}`);
    if (await isPortOpen(host, port)) return;
    await delay(100);
  }
  throw new Error(`${name} did not listen on ${host}:${port} within ${Math.round(timeoutMs / 1000)} s`);
}

/** Waits until `probe` resolves true (e.g. an HTTP health check). */
export async function waitFor(name: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await delay(200);
  }
  throw new Error(`${name} was not healthy within ${Math.round(timeoutMs / 1000)} s`);
}

/** A TCP port that was free a moment ago on the host. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
