import type { AddressInfo } from 'node:net';
import type { EngineContext, MockEngine, RunningEngine } from '../engine.js';
import { createFront } from './front.js';
import { startPrismProcess } from './process.js';

/**
 * Prism on the bundled document, in a child process on a private port, behind a small HTTP front that gives
 * invalid requests the service's error body. Stateless: every answer comes from the document.
 */
export const prismEngine: MockEngine = {
  name: 'prism',
  async start(context: EngineContext): Promise<RunningEngine> {
    const prism = await startPrismProcess({
      specPath: context.specPath,
      verbose: context.verbose,
      dynamic: context.dynamic,
      seed: context.seed,
    });
    const front = createFront({ upstream: prism.url, errors: context.errors });
    try {
      await new Promise<void>((resolve, reject) => {
        front.once('error', reject);
        front.listen(context.port, context.host, () => {
          front.removeListener('error', reject);
          resolve();
        });
      });
    } catch (error) {
      await prism.stop();
      throw error;
    }
    const { port } = front.address() as AddressInfo;
    const host = context.host.includes(':') ? `[${context.host}]` : context.host;
    return {
      url: `http://${host}:${port}`,
      port,
      async close() {
        await new Promise<void>((resolve) => {
          front.close(() => resolve());
          front.closeAllConnections();
        });
        await prism.stop();
      },
    };
  },
};
