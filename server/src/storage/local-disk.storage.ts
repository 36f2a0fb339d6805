import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { isValidMediaKey, type MediaStorage, type StoredObject } from './media-storage';

/** Media on local disk under one root directory (var/media by default). */
export class LocalDiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    if (!isValidMediaKey(key)) throw new RangeError(`invalid media key: ${key}`);
    return join(this.root, key);
  }

  async putFile(key: string, sourcePath: string): Promise<StoredObject> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(sourcePath, target);
    } catch {
      // Another file system (tmp on tmpfs): copy instead.
      await copyFile(sourcePath, target);
      await rm(sourcePath, { force: true });
    }
    return { key, size: (await stat(target)).size };
  }

  /** Written beside the target and renamed into place, so a reader (or a process killed mid-write) never leaves a partial file under `key`. */
  async putBuffer(key: string, data: Buffer): Promise<StoredObject> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const partial = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
    try {
      await writeFile(partial, data);
      await rename(partial, target);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return { key, size: data.length };
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const s = await stat(this.path(key));
      return s.isFile() ? { key, size: s.size } : null;
    } catch {
      return null;
    }
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.path(key), range);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
