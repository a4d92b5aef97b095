#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ENGINE, ENGINE_NAMES } from './engines/index.js';
import { DEFAULT_PORTS, SERVICES, startMock } from './start-mock.js';
import type { AkSk, EngineName, MockServer, ServiceName } from './types.js';

const HELP = `Usage: hwc-mock [options]

Mock servers for the Huawei Cloud AS lifecycle-hook and ServiceStage component-instance APIs.
Serves both APIs by default, each on its own port, and prints their base URLs. Ctrl+C stops them.
The control plane of each (clock, seeding, faults, journal, state) is under <url>/_emulator/.

Options:
  -s, --service <name>        autoscaling, servicestage or all (default: all)
  -p, --port <port>           port of the one service chosen with --service (0 = any free port)
      --as-port <port>        port of the autoscaling mock (default: ${DEFAULT_PORTS.autoscaling})
      --ss-port <port>        port of the servicestage mock (default: ${DEFAULT_PORTS.servicestage})
  -H, --host <host>           interface to listen on (default: 127.0.0.1)
      --engine <name>         ${ENGINE_NAMES.join(' or ')} (default: ${DEFAULT_ENGINE})
      --credentials <AK:SK>   verify AK/SK signatures made with this pair (repeatable); without it any
                              well-formed signature or token is accepted
      --state <file>          emulator: start from this state (JSON of GET /_emulator/state)
      --empty                 emulator: start with no state, instead of the example world in which every
                              documented example request succeeds (project b53e5554fad0494d96206fb84296510b)
  -d, --dynamic               prism: generate answers from the schemas instead of the documented examples
      --seed <seed>           prism: seed of the dynamic answers (default: hwc-mock)
  -v, --verbose               print one line per answered request on stderr
      --version               print the version
  -h, --help                  print this help
`;

function fail(message: string): never {
  process.stderr.write(`hwc-mock: ${message}\n\n${HELP}`);
  process.exit(2);
}

function parsePort(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) fail(`${name} must be a port number (0-65535), got "${value}"`);
  return port;
}

function parseCredentials(values: readonly string[] | undefined): AkSk[] | undefined {
  if (values === undefined) return undefined;
  return values.map((value) => {
    const colon = value.indexOf(':');
    // Never echo the value: it holds a secret key.
    if (colon <= 0 || colon === value.length - 1) fail('--credentials must be AK:SK');
    return { ak: value.slice(0, colon), sk: value.slice(colon + 1) };
  });
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.version) {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`${manifest.version}\n`);
    return;
  }

  const choice = values.service ?? 'all';
  if (choice !== 'all' && !SERVICES.includes(choice as ServiceName)) {
    fail(`--service must be one of ${[...SERVICES, 'all'].join(', ')}`);
  }
  const services = choice === 'all' ? SERVICES : [choice as ServiceName];
  const engine = (values.engine ?? DEFAULT_ENGINE) as EngineName;
  if (!ENGINE_NAMES.includes(engine)) fail(`--engine must be one of ${ENGINE_NAMES.join(', ')}`);
  const port = parsePort(values.port, '--port');
  if (port !== undefined && services.length > 1) fail('--port needs --service; use --as-port and --ss-port');
  const ports: Record<ServiceName, number> = {
    autoscaling: parsePort(values['as-port'], '--as-port') ?? DEFAULT_PORTS.autoscaling,
    servicestage: parsePort(values['ss-port'], '--ss-port') ?? DEFAULT_PORTS.servicestage,
  };
  const credentials = parseCredentials(values.credentials);
  if (values.state !== undefined && values.empty) fail('--state and --empty exclude each other');
  if (values.state !== undefined && services.length > 1)
    fail('--state needs --service: a state file holds one service');
  const state = values.empty ? 'empty' : values.state;

  const mocks: MockServer[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled(mocks.map((mock) => mock.close()));
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    for (const service of services) {
      const mock = await startMock({
        service,
        port: port ?? ports[service],
        host: values.host ?? '127.0.0.1',
        engine,
        dynamic: values.dynamic ?? false,
        ...(values.seed !== undefined && { seed: values.seed }),
        ...(credentials && { credentials }),
        ...(state !== undefined && { state }),
        ...(values.verbose && {
          log: (line: string) => process.stderr.write(`${service} ${line}\n`),
        }),
      });
      mocks.push(mock);
      if (stopping) return;
    }
  } catch (error) {
    process.stderr.write(`hwc-mock: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
    return;
  }
  const width = Math.max(...mocks.map((mock) => mock.service.length));
  for (const mock of mocks) process.stdout.write(`${mock.service.padEnd(width)}  ${mock.url}\n`);
  process.stderr.write(`hwc-mock: ${engine} engine ready; control plane at <url>/_emulator/; Ctrl+C stops\n`);
}

function parse() {
  return parseArgs({
    options: {
      service: { type: 'string', short: 's' },
      port: { type: 'string', short: 'p' },
      'as-port': { type: 'string' },
      'ss-port': { type: 'string' },
      host: { type: 'string', short: 'H' },
      engine: { type: 'string' },
      credentials: { type: 'string', multiple: true },
      state: { type: 'string' },
      empty: { type: 'boolean' },
      dynamic: { type: 'boolean', short: 'd' },
      seed: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      version: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `hwc-mock: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
