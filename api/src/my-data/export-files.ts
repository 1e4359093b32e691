// Where members' data exports live: one JSON file per export under the exports folder, named by a
// random storage key so that nothing a member typed reaches the file system. The folder is not served
// as a whole; each download checks the session first (download-data-export.ts).
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const storageKeyPattern = /^[0-9a-f-]{36}$/;

export function newExportStorageKey(): string {
  return randomUUID();
}

export function exportFilePath(directory: string, storageKey: string): string {
  // Storage keys come from the database, which only ever holds keys made by newExportStorageKey.
  if (!storageKeyPattern.test(storageKey)) throw new Error(`invalid export storage key ${JSON.stringify(storageKey)}`);
  return path.join(directory, `${storageKey}.json`);
}

/**
 * Writes the file under a temporary name and renames it, so a download never sees half a file and a
 * repeated run of the job simply replaces what an interrupted one left.
 */
export async function writeExportFile(directory: string, storageKey: string, content: string): Promise<number> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const target = exportFilePath(directory, storageKey);
  const temporary = `${target}.${randomUUID()}.partial`;
  const bytes = Buffer.from(content, 'utf8');
  try {
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return bytes.length;
}

/** Removes an export's file; a file already gone is fine. */
export async function removeExportFile(directory: string, storageKey: string): Promise<void> {
  await rm(exportFilePath(directory, storageKey), { force: true });
}
