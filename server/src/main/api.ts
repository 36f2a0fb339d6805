import 'reflect-metadata';
import { loadConfig } from '../config';
import { createContainer } from '../container';
import { createHttpApp } from '../http/app';
import { attachLiveRooms } from '../http/live-rooms';
import { startMetricsServer } from '../http/metrics-server';
import { createLogger } from '../logger';
import { listenLenient } from '../shared/lenient-listen';
import { closeOnSignals, exitOnStartFailure } from '../shared/process-lifecycle';

/** The API process: builds the container, listens, and on SIGINT/SIGTERM finishes in-flight requests before it stops. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { service: 'api' }, config.logPretty);
  const container = await createContainer(config, { logger });
  if (await container.dataSource.showMigrations()) {
    logger.warn('migrations are pending: run `npm run migrate`');
  }
  const app = createHttpApp(container);
  const server = await listenLenient(app.callback(), config.port, config.host);
  server.http.keepAliveTimeout = 65_000;
  const liveRooms = attachLiveRooms(server.http, container);
  const metricsServer = await startMetricsServer(container.metrics, config.metrics.host, config.metrics.port);
  logger.info(
    { url: config.publicUrl, docs: `${config.publicUrl}/api/docs`, metrics: `http://${config.metrics.host}:${metricsServer.port}/metrics` },
    'API listening',
  );

  closeOnSignals('api', logger, async () => {
    await metricsServer.close();
    await liveRooms.close();
    await server.close();
    await container.close();
  });
}

main().catch(exitOnStartFailure('api'));
