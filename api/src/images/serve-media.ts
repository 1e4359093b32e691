// Serves processed images read-only at /media/. Files never change under a name (a new upload gets a
// new random key), so browsers may keep them for a year. sirv is not used here: without its dev mode
// it only knows the files that existed at start, and in dev mode it forbids caching.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { mediaUrlPrefix } from './media-files';

const mediaFilePattern = /^[0-9a-f-]{36}-(thumb|display)\.webp$/;
const cacheControl = 'public, max-age=31536000, immutable';

export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith(mediaUrlPrefix);
}

export async function serveMedia(mediaDir: string, pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const name = pathname.slice(mediaUrlPrefix.length);
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !mediaFilePattern.test(name)) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const file = path.join(mediaDir, name);
  const stats = await stat(file).catch(() => null);
  if (!stats?.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'content-type': 'image/webp',
    'content-length': stats.size,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // A file removed between stat and read ends the response early; the client retries or shows nothing.
  await pipeline(createReadStream(file), response).catch(() => response.destroy());
}
