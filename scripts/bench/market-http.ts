// A small GraphQL-over-HTTP client for the market benchmark: keep-alive connections (one per
// concurrent caller), the CSRF header the server requires, and the session cookie of a logged-in member.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { csrfHeaderName } from '../../api/src/server';

const root = path.resolve(__dirname, '../..');

/** A GraphQL document of the web app, read from its .graphql file so the benchmark sends what the app sends. */
export function webDocument(relativePath: string): string {
  return readFileSync(path.join(root, 'web/src', relativePath), 'utf8');
}

export interface GraphQLResponse<Data> {
  data?: Data;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface GraphQLReply<Data> {
  body: GraphQLResponse<Data>;
  setCookies: string[];
}

export class GraphQLHttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(baseUrl: string, connections: number) {
    this.url = new URL('/graphql', baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  post<Data>(document: string, variables: Record<string, unknown>, options: { operationName?: string; cookie?: string } = {}): Promise<GraphQLReply<Data>> {
    const payload = JSON.stringify({ query: document, variables, ...(options.operationName ? { operationName: options.operationName } : {}) });
    return new Promise((resolve, reject) => {
      const outgoing = request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            'content-length': Buffer.byteLength(payload),
            [csrfHeaderName]: '1',
            ...(options.cookie ? { cookie: options.cookie } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ body: JSON.parse(text) as GraphQLResponse<Data>, setCookies: response.headers['set-cookie'] ?? [] });
            } catch {
              reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`));
            }
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The name=value part of the cookie called `name` among Set-Cookie headers. */
export function cookieFrom(setCookies: readonly string[], name: string): string | undefined {
  for (const header of setCookies) {
    const pair = header.split(';')[0]!;
    if (pair.startsWith(`${name}=`)) return pair;
  }
  return undefined;
}
