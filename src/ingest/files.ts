/**
 * Reading a whole file the user named (a dataset, a labelled clustering file, a feed
 * list): coded errors that name the file and the reason, a size cap checked before
 * reading, and the plain-language reasons the ingest stage also gives for inputs.
 */
import { readFile, stat } from 'node:fs/promises';
import { CrossreadError } from '../errors.js';

/** A short reason for a failed file-system call (`permission denied`, `no such file`, …). */
export function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENAMETOOLONG':
      return 'path too long';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOENT':
      return 'no such file';
    default:
      return err.code ?? (err.message || 'unknown error');
  }
}

/**
 * The UTF-8 text of the file at `path`. Throws INPUT_NOT_FOUND when it does not exist,
 * INPUT_UNREADABLE (with the reason; `expected` says what was wanted instead of a folder)
 * and INPUT_TOO_LARGE past `maxBytes`.
 */
export async function readUserFile(path: string, maxBytes: number, expected = 'a file'): Promise<string> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw CrossreadError.of('INPUT_UNREADABLE', path, `is a folder, expected ${expected}`);
    size = s.size;
  } catch (e) {
    if (e instanceof CrossreadError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw CrossreadError.of('INPUT_NOT_FOUND', path);
    throw CrossreadError.of('INPUT_UNREADABLE', path, fsReason(e));
  }
  if (size > maxBytes) throw CrossreadError.of('INPUT_TOO_LARGE', path, size, maxBytes);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw CrossreadError.of('INPUT_UNREADABLE', path, fsReason(e));
  }
}
