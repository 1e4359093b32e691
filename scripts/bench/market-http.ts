// A small GraphQL-over-HTTP client for the market benchmark: keep-alive connections (one per
// concurrent caller), the CSRF header the server requires, and the session cookie of a logged-in member.
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { Kind, parse, visit, type FragmentDefinitionNode } from 'graphql';
import { csrfHeaderName } from '../../api/src/server';

const root = path.resolve(__dirname, '../..');

/**
 * A GraphQL document of the web app, read from its .graphql file so the benchmark sends what the app
 * sends, with the fragments it uses from other files of the web app appended (as the app's build does).
 */
export function webDocument(relativePath: string): string {
  const text = readFileSync(path.join(root, 'web/src', relativePath), 'utf8');
  const defined = new Set(fragmentNames(text));
  const appended: string[] = [];
  for (let missing = spreadNames(text).filter((name) => !defined.has(name)); missing.length > 0; ) {
    const name = missing.pop()!;
    if (defined.has(name)) continue;
    const fragment = webFragments().get(name);
    if (!fragment) throw new Error(`The fragment ${name} used by ${relativePath} is not defined in the web app`);
    defined.add(name);
    appended.push(fragment);
    missing.push(...spreadNames(fragment).filter((spread) => !defined.has(spread)));
  }
  return [text, ...appended].join('\n');
}

let fragmentsByName: Map<string, string> | undefined;

/** Every fragment the web app's .graphql files define, by name. */
function webFragments(): Map<string, string> {
  if (fragmentsByName) return fragmentsByName;
  fragmentsByName = new Map();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'generated') walk(full);
      else if (entry.name.endsWith('.graphql')) {
        const text = readFileSync(full, 'utf8');
        for (const definition of parse(text).definitions) {
          if (definition.kind === Kind.FRAGMENT_DEFINITION && definition.loc) fragmentsByName!.set(definition.name.value, text.slice(definition.loc.start, definition.loc.end));
        }
      }
    }
  };
  walk(path.join(root, 'web/src'));
  return fragmentsByName;
}

function fragmentNames(text: string): string[] {
  return parse(text).definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((definition) => definition.name.value);
}

function spreadNames(text: string): string[] {
  const names: string[] = [];
  visit(parse(text), { FragmentSpread: (node) => void names.push(node.name.value) });
  return names;
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
