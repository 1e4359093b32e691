// Drives the real HTTP request handling (Yoga with session cookies and CSRF checks) on a fresh test
// database, without opening a port. Each ApiClient keeps its own cookie jar, like a browser.
import { createGraphQLHandler } from '../../src/server';
import type { TestDatabase } from '../../../scripts/test/database';
import { createTestServices, type TestServices } from './services';

export { testConfig } from './services';

export interface TestApi {
  database: TestDatabase;
  services: TestServices;
  client(): ApiClient;
  close(): Promise<void>;
}

export interface GraphQLResponse<Data = Record<string, any>> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class ApiClient {
  private cookies = new Map<string, string>();
  constructor(private readonly handler: ReturnType<typeof createGraphQLHandler>) {}

  async request(init: { body: string | FormData; headers?: Record<string, string> }): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.handler.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
      body: init.body,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      if (!name) continue;
      if (value === '' || /max-age=0/i.test(header)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }

  async graphql<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>> {
    const response = await this.request({
      body: JSON.stringify({ query, variables }),
      headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
    });
    return (await response.json()) as GraphQLResponse<Data>;
  }

  /**
   * Sends a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec)
   * with each file at the named variable, as browsers do for uploads.
   */
  async upload<Data = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    files: Record<string, Blob>,
  ): Promise<GraphQLResponse<Data>> {
    const form = new FormData();
    const names = Object.keys(files);
    form.append('operations', JSON.stringify({ query, variables: { ...variables, ...Object.fromEntries(names.map((name) => [name, null])) } }));
    form.append('map', JSON.stringify(Object.fromEntries(names.map((name, index) => [String(index), [`variables.${name}`]]))));
    names.forEach((name, index) => form.append(String(index), files[name] as Blob));
    const response = await this.request({ body: form, headers: { 'x-allmende-csrf': '1' } });
    return (await response.json()) as GraphQLResponse<Data>;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

/** The API of a fresh test database; see createTestServices for the environment. */
export async function createTestApi(environment: NodeJS.ProcessEnv = {}): Promise<TestApi> {
  const services = await createTestServices(environment);
  const handler = createGraphQLHandler(services);
  return {
    database: services.database,
    services,
    client: () => new ApiClient(handler),
    close: () => services.close(),
  };
}
