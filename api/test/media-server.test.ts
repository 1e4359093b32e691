// The HTTP side of uploads: the larger body limit applies to multipart requests only, the CSRF rule
// still holds for them, and processed images are served read-only with long cache headers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningApp } from '../src/main';
import { startTestServer, type TestServer } from './support/server';

const uploadBytesMax = 2_000_000;
const addImage = 'mutation Add($offerId: ID!, $file: File!) { addOfferImage(offerId: $offerId, file: $file) { __typename } }';

function multipart(fileBytes: number): FormData {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: addImage, variables: { offerId: 'T2ZmZXI6MQ==', file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([new Uint8Array(fileBytes)]), 'photo.jpg');
  return form;
}

describe('uploads over HTTP and the media folder', () => {
  let server: TestServer;
  let app: RunningApp;
  let mediaDir: string;

  beforeAll(async () => {
    server = await startTestServer('media-server', (dataDir) => ({ MEDIA_DIR: path.join(dataDir, 'pictures'), UPLOAD_MAX_BYTES: String(uploadBytesMax) }));
    app = server.app;
    mediaDir = path.join(server.dataDir, 'pictures');
  });
  afterAll(() => server.stop());

  it('lets a multipart request above 1 MB through to GraphQL, but not a JSON one or a too large upload', async () => {
    const upload = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'x-allmende-csrf': '1' }, body: multipart(1_500_000) });
    expect(upload.status).toBe(200);
    // It reached the resolver's auth check: the caller is simply not logged in.
    expect(((await upload.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');

    const json = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
      body: JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(1_500_000) }),
    });
    expect(json.status).toBe(413);

    const tooLarge = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'x-allmende-csrf': '1' }, body: multipart(uploadBytesMax + 1_100_000) });
    expect(tooLarge.status).toBe(413);
  });

  it('refuses a request body that does not declare its length', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ query: '{ __typename }' })));
        controller.close();
      },
    });
    const chunked = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(411);
  });

  it('refuses a multipart request without the CSRF header', async () => {
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', body: multipart(100) });
    expect(response.status).toBe(403);
  });

  it('serves media files read-only with long cache headers, and nothing else from the folder', async () => {
    mkdirSync(mediaDir, { recursive: true });
    const name = '0b7e0f3c-3c1a-4f59-9d5e-5d2b8e1f7a10-thumb.webp';
    writeFileSync(path.join(mediaDir, name), 'RIFF....WEBP');
    writeFileSync(path.join(mediaDir, 'notes.txt'), 'private');

    const image = await fetch(`${app.url}/media/${name}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await image.text()).toBe('RIFF....WEBP');

    expect((await fetch(`${app.url}/media/notes.txt`)).status).toBe(404);
    expect((await fetch(`${app.url}/media/..%2Fsession-secret`)).status).toBe(404);
    expect((await fetch(`${app.url}/media/0b7e0f3c-3c1a-4f59-9d5e-5d2b8e1f7a11-thumb.webp`)).status).toBe(404);
    expect((await fetch(`${app.url}/media/${name}`, { method: 'DELETE' })).status).toBe(404);
  });
});
