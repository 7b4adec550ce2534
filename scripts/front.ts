// `npm run front`: Debian's nginx as the site's production front, a caching reverse proxy on top of
// the server that `npm start` runs. Writes its own nginx.conf into a fresh temp folder (no system
// config is read or changed), runs nginx in the foreground and stops it on Ctrl+C or SIGTERM.
//   npm run front -- [--port 8080] [--upstream-port $PORT] [--host 127.0.0.1] [--microcache 1] [--workers auto]
// docs/performance.md explains the caching choices (scripts/lib/front-config.ts holds them).
import './lib/load-env';
import { parseArgs } from 'node:util';
import { frontConfig } from './lib/front-config';
import { makeWorkDir, startNginx } from './lib/nginx';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.FRONT_PORT || '8080' },
    host: { type: 'string', default: process.env.FRONT_HOST || '127.0.0.1' },
    'upstream-port': { type: 'string', default: process.env.PORT || '3000' },
    microcache: { type: 'string', default: '1' },
    workers: { type: 'string', default: 'auto' },
  },
});

function integer(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    console.error(`npm run front: --${name} must be a positive whole number; found ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return number;
}

const listen = integer('port', values.port);
const upstreamPort = integer('upstream-port', values['upstream-port']);
const microcacheSeconds = integer('microcache', values.microcache);
const workers = values.workers === 'auto' ? 'auto' : integer('workers', values.workers);

const work = makeWorkDir('news-front');
const config = frontConfig(work, { listen, host: values.host, upstreamPort, microcacheSeconds, workers });

try {
  const nginx = await startNginx(work, config, { listen });
  console.log(
    `Front (nginx, pid ${nginx.pid}) at http://${values.host}:${listen}/ → site at http://127.0.0.1:${upstreamPort}/` +
      `\nPages are fresh for ${microcacheSeconds} s; config and cache in ${work.dir} (Ctrl+C to stop)`,
  );
  let stopping = false;
  void nginx.exited.then(() => {
    if (stopping) return;
    console.error(`nginx exited on its own; its log is ${work.dir}/error.log`);
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      void nginx.stop().then(() => process.exit(0));
    });
  }
} catch (error) {
  console.error(`npm run front stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
