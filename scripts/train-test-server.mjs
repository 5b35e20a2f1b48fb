// One training run of the Java test server so the JVM can write a class-data-sharing
// archive (-XX:ArchiveClassesAtExit): start it, exercise the gRPC paths the tests use,
// stop it with SIGTERM so the archive is written at exit.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Client, Connection } from '@temporalio/client';

const wrapper = process.argv[2];
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

const server = spawn(wrapper, [String(port)], { stdio: ['ignore', 'ignore', 'ignore'] });
const exited = new Promise((resolve) => server.on('exit', resolve));

let connection;
for (let i = 0; i < 300 && !connection; i++) {
  try {
    connection = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 1000 });
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}
if (!connection) throw new Error('test server did not answer within 30 s');
const client = new Client({ connection });
for (let i = 0; i < 3; i++) {
  const handle = await client.workflow.start('training', { taskQueue: 'training', workflowId: `training-${i}`, args: [] });
  await handle.describe();
  await handle.signal('poke').catch(() => undefined);
  await handle.terminate('training run');
}
await connection.close();
server.kill('SIGTERM');
const code = await exited;
console.log(`setup: test server training run ended (${code ?? 'signal'})`);
