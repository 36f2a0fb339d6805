import type { ChildProcess } from 'node:child_process';

/** What a child process of ours has said: its JSON log lines as they come, and its stderr. */
export interface ChildLogs {
  logs: Array<Record<string, unknown>>;
  readonly stderr: string;
}

/** Collects a child's JSON log lines from stdout (other lines, such as Node's warnings, are not ours to read) and its stderr. */
export function readChildLogs(child: ChildProcess): ChildLogs {
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log line.
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return {
    logs,
    get stderr() {
      return stderr;
    },
  };
}
