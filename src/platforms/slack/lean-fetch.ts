// The `fetch` our WebClients call the Web API with. Node's own fetch (undici) cost about a quarter
// of a serve's CPU in a fan-out of prompts (docs/benchmarks.md): web streams, abort controllers and
// promise chains around every call. The WebClient only needs the small FetchFunction contract it
// declares, and posts a form-encoded string whose whole answer it reads; that case goes over
// node:http(s) with Node's keep-alive agents, and the answer comes back as its bytes. Anything else
// (a multipart file upload, a redirect to follow) goes to Node's fetch as before.
import http from 'node:http';
import https from 'node:https';
import type { webApi } from '@slack/bolt';

type FetchFunction = webApi.FetchFunction;
type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

export const slackFetch: FetchFunction = (input, init) => {
  const url = new URL(input);
  const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
  const body = init?.body;
  if (!transport || (body !== undefined && typeof body !== 'string') || init?.redirect !== 'error') {
    // Node's Response has headers.entries(); the TypeScript lib this project compiles with does not say so.
    return fetch(input, init as RequestInit) as unknown as Promise<FetchResponse>;
  }
  return post(transport, url, init, body);
};

function post(transport: typeof http | typeof https, url: URL, init: FetchRequestInit, body: string | undefined): Promise<FetchResponse> {
  return new Promise<FetchResponse>((resolve, reject) => {
    // Node writes the Content-Length of a body given whole to end().
    const request = transport.request(url, { method: init.method ?? 'GET', headers: init.headers, signal: init.signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error(`the answer from ${url.host} was cut off`)));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location !== undefined) {
          reject(new TypeError(`${url.href} redirected to ${response.headers.location}; redirects are refused`));
        } else {
          resolve(new BufferedResponse(url.href, status, response.statusMessage ?? '', response.rawHeaders, Buffer.concat(chunks)));
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A whole answer, as the WebClient reads it: status, headers (names in lower case) and body. */
class BufferedResponse implements FetchResponse {
  readonly ok: boolean;
  readonly headers: FetchResponse['headers'];

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    rawHeaders: string[],
    private readonly bytes: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    const byName = new Map<string, string>();
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toLowerCase();
      const earlier = byName.get(name);
      byName.set(name, earlier === undefined ? rawHeaders[i + 1]! : `${earlier}, ${rawHeaders[i + 1]}`);
    }
    this.headers = { get: (name) => byName.get(name.toLowerCase()) ?? null, entries: () => byName.entries() };
  }

  async text(): Promise<string> {
    return this.bytes.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer;
  }
}
