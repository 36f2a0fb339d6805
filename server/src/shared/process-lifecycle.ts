import type { Logger } from '../logger';

/**
 * Graceful shutdown for a process: on the first SIGINT/SIGTERM, `close` finishes the work in hand and
 * releases connections, then the process exits 0 (1 if closing failed); a second signal means the
 * operator will not wait.
 */
export function closeOnSignals(service: string, logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, `${service} shutting down: finishing the work in hand`);
    close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, `${service} did not close cleanly`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** For main().catch(): no logger may exist yet (bad configuration), and the operator needs one readable line. */
export function exitOnStartFailure(service: string): (err: unknown) => void {
  return (err) => {
    process.stderr.write(`${service} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  };
}
