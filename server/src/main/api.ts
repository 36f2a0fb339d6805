import 'reflect-metadata';
import { loadConfig } from '../config';
import { createContainer } from '../container';
import { createHttpApp } from '../http/app';
import { startMetricsServer } from '../http/metrics-server';
import { createLogger } from '../logger';
import { listenLenient } from '../shared/lenient-listen';

/** The API process: builds the container, listens, and shuts down cleanly on SIGINT/SIGTERM. */
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
  const metricsServer = await startMetricsServer(container.metrics, config.metrics.host, config.metrics.port);
  logger.info(
    { url: config.publicUrl, docs: `${config.publicUrl}/api/docs`, metrics: `http://${config.metrics.host}:${metricsServer.port}/metrics` },
    'API listening',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    void metricsServer
      .close()
      .then(() => server.close())
      .then(() => container.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`API failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
