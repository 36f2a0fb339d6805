import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';

const CR = 0x0d;

/**
 * Percent-encodes raw non-ASCII bytes in a request line. `curl 'localhost:3000/api/courses/?q=数据'`
 * sends UTF-8 bytes unescaped, which Node's HTTP parser refuses with a bare 400; browsers and the
 * mini-program escape them already. Only the request line changes: headers and bodies pass untouched.
 */
export function escapeRequestLine(chunk: Buffer): Buffer {
  const end = chunk.indexOf(CR);
  const lineEnd = end === -1 ? chunk.length : end;
  let high = 0;
  for (let i = 0; i < lineEnd; i++) if (chunk[i]! >= 0x80) high++;
  if (high === 0) return chunk;
  const out = Buffer.allocUnsafe(chunk.length + high * 2);
  let o = 0;
  for (let i = 0; i < lineEnd; i++) {
    const byte = chunk[i]!;
    if (byte >= 0x80) {
      out[o++] = 0x25;
      o += out.write(byte.toString(16).toUpperCase(), o, 'latin1');
    } else {
      out[o++] = byte;
    }
  }
  chunk.copy(out, o, lineEnd);
  return out;
}

export interface LenientServer {
  http: Server;
  tcp: NetServer;
  port: number;
  /** Stops accepting, lets in-flight requests finish (idle keep-alive sockets are closed), forces the rest after graceMs. */
  close(graceMs?: number): Promise<void>;
}

/**
 * An HTTP server behind a TCP listener that fixes the first request line of each connection before
 * Node parses it. Everything else (keep-alive, bodies, timeouts, addresses) is Node's own handling.
 */
export async function listenLenient(handler: RequestListener, port: number, host: string): Promise<LenientServer> {
  const http = createHttpServer(handler);
  const tcp = createNetServer({ pauseOnConnect: true }, (socket: Socket) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(escapeRequestLine(chunk));
      http.emit('connection', socket);
      socket.resume();
    });
    socket.on('error', () => socket.destroy());
    socket.resume();
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  // The HTTP server never listens itself; 'listening' starts its connection tracking, which request
  // timeouts and closeIdleConnections() rely on.
  http.emit('listening');

  return {
    http,
    tcp,
    port: (tcp.address() as AddressInfo).port,
    close(graceMs = 10_000) {
      return new Promise<void>((resolve) => {
        const sweep = setInterval(() => http.closeIdleConnections(), 100);
        const force = setTimeout(() => http.closeAllConnections(), graceMs);
        // net.Server calls back once every accepted connection has ended.
        tcp.close(() => {
          clearInterval(sweep);
          clearTimeout(force);
          http.emit('close');
          resolve();
        });
        http.closeIdleConnections();
      });
    },
  };
}
