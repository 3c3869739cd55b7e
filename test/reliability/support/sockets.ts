// Raw TCP clients for abuse: a huge body sent as fast as the server reads it (to see when the
// server answers), and slow-header connections that never finish their headers.
import { connect, type Socket } from 'node:net';

export interface BigBodyResult {
  status: number;
  /** Body bytes written when the response arrived. */
  bytesSent: number;
  ms: number;
}

/**
 * POSTs `size` bytes of body (declared with Content-Length, or chunked) in 64 KB pieces, stopping
 * when the server answers; resolves with the status line's code and how much was sent by then.
 */
export function bigBody(
  port: number,
  path: string,
  size: number,
  options: {
    chunked: boolean;
    headers?: Record<string, string>;
    /** Send no body at all until the answer comes. */
    holdBody?: boolean;
    /** Wait this long between pieces (otherwise kernel buffers swallow megabytes before any answer). */
    paceMs?: number;
  },
): Promise<BigBodyResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let answered = false;
    let response = '';
    const piece = Buffer.alloc(64 * 1024, 0x61);
    const head = [
      `POST ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      options.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`,
      ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    const pump = () => {
      while (!answered && sent < size && !socket.destroyed) {
        const n = Math.min(piece.length, size - sent);
        const data = options.chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')]) : piece.subarray(0, n);
        sent += n;
        if (!socket.write(data)) {
          socket.once('drain', () => setImmediate(pump));
          return;
        }
        if (options.paceMs) {
          setTimeout(pump, options.paceMs);
          return;
        }
      }
      if (!answered && sent >= size && options.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(head);
      if (!options.holdBody) setImmediate(pump);
    });
    socket.on('data', (chunk: Buffer) => {
      response += chunk.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(response);
      if (m && !answered) {
        answered = true;
        resolve({ status: Number(m[1]), bytesSent: sent, ms: performance.now() - started });
        socket.destroy();
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while we are still writing; what it answered before counts.
      if (!answered && error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      if (!answered) reject(new Error(`closed without an answer after ${sent} bytes: ${response.slice(0, 100)}`));
    });
  });
}

export interface SlowClient {
  socket: Socket;
  /** Set when the server closed the connection (performance.now()). */
  closedAt?: number;
  /** What the server wrote before closing (e.g. a 408). */
  received: string;
}

/** A connection that sends the request line and then one header line every `everyMs`, never finishing. */
export function slowHeaders(port: number, everyMs: number): SlowClient {
  const socket = connect(port, '127.0.0.1');
  const client: SlowClient = { socket, received: '' };
  let n = 0;
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(`X-Slow-${n++}: ${'a'.repeat(10)}\r\n`);
  }, everyMs);
  socket.on('connect', () => socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
  socket.on('data', (chunk: Buffer) => (client.received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => {
    clearInterval(timer);
    client.closedAt ??= performance.now();
  });
  return client;
}
