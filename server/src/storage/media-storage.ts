import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
}

/**
 * Where lesson media and covers live. Local disk by default; an S3-compatible store can implement the
 * same four calls. Keys are relative paths of [A-Za-z0-9._-] segments separated by "/".
 */
export interface MediaStorage {
  /** Moves or copies a finished upload (a temporary file) into storage under `key`. */
  putFile(key: string, sourcePath: string): Promise<StoredObject>;
  putBuffer(key: string, data: Buffer): Promise<StoredObject>;
  stat(key: string): Promise<StoredObject | null>;
  /** A byte range is inclusive at both ends, as in HTTP Range headers. */
  read(key: string, range?: { start: number; end: number }): Readable;
  delete(key: string): Promise<void>;
}

const KEY = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\/){0,8}[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export function isValidMediaKey(key: string): boolean {
  return KEY.test(key) && !key.split('/').some((part) => part === '.' || part === '..');
}
