// Object bytes on disk at <storageDir>/<bucket>/<name>. Every path is validated and resolved
// inside the bucket's folder; uploads are staged in <storageDir>/.staging (same file system, so
// placing them is an atomic rename) and every change can be undone until the row commits.
import { randomUUID } from "node:crypto";
import { createReadStream, rmSync, type ReadStream } from "node:fs";
import { mkdir, rename, rmdir, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { CallerTx } from "./storage-rls.ts";
import { storageErrors } from "./storage-errors.ts";

// Hosted Storage's key alphabet (S3's "safe characters"). Non-ASCII names are refused there
// too, so the SPA must encode file names before upload whichever backend it talks to.
const KEY_PATTERN = /^[\w/!\-.*'() &$@=;:+,?]*$/;
const BUCKET_PATTERN = /^[\w!.*'() &$@=;:+,?-]+$/;

export function assertValidKey(name: string): void {
  const segments = name.split("/");
  const badSegment = segments.some((segment) => segment === "" || segment === "." || segment === "..");
  if (name.length === 0 || name.length > 1024 || !KEY_PATTERN.test(name) || badSegment) throw storageErrors.invalidKey(name);
}

export function assertValidBucketName(id: string): void {
  // A leading dot is refused locally only: `.staging` lives beside the bucket folders.
  if (id.length === 0 || id.length > 100 || id.trim() !== id || id.startsWith(".") || !BUCKET_PATTERN.test(id)) throw storageErrors.invalidBucketName(id);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function isFsConflict(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOTDIR" || code === "EISDIR" || code === "EEXIST" || code === "ENOTEMPTY";
}

export class FileStore {
  private readonly root: string;

  constructor(storageDir: string) {
    this.root = resolve(storageDir);
    // Whatever a previous process left staged can no longer be committed or restored.
    rmSync(join(this.root, ".staging"), { recursive: true, force: true });
  }

  async stagingPath(): Promise<string> {
    const dir = join(this.root, ".staging");
    await mkdir(dir, { recursive: true });
    return join(dir, randomUUID());
  }

  objectPath(bucket: string, name: string): string {
    assertValidBucketName(bucket);
    assertValidKey(name);
    const bucketDir = join(this.root, bucket);
    const path = resolve(bucketDir, name);
    if (!path.startsWith(bucketDir + sep)) throw storageErrors.invalidKey(name);
    return path;
  }

  /** Moves a staged upload into place, keeping any file it replaces until the row commits. */
  async place(staged: string, bucket: string, name: string, tx: CallerTx): Promise<void> {
    const target = this.objectPath(bucket, name);
    try {
      await mkdir(dirname(target), { recursive: true });
      if (await exists(target)) {
        const backup = await this.stagingPath();
        await rename(target, backup);
        tx.onRollback(() => rename(backup, target));
        tx.afterCommit(() => unlink(backup));
      }
      await rename(staged, target);
    } catch (error) {
      if (isFsConflict(error)) throw storageErrors.keyConflict(name);
      throw error;
    }
    tx.onRollback(() => unlink(target));
  }

  async move(from: { bucket: string; name: string }, to: { bucket: string; name: string }, tx: CallerTx): Promise<void> {
    const source = this.objectPath(from.bucket, from.name);
    const target = this.objectPath(to.bucket, to.name);
    try {
      await mkdir(dirname(target), { recursive: true });
      await rename(source, target);
    } catch (error) {
      if (isFsConflict(error)) throw storageErrors.keyConflict(to.name);
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // row without bytes: nothing to move
      throw error;
    }
    tx.onRollback(() => rename(target, source));
    tx.afterCommit(() => this.pruneEmptyFolders(from.bucket, dirname(source)));
  }

  /** Deletes the bytes once the rows' deletion has committed. */
  removeAfterCommit(bucket: string, names: string[], tx: CallerTx): void {
    for (const name of names) {
      let path: string;
      try {
        path = this.objectPath(bucket, name);
      } catch {
        continue; // a row inserted by SQL under a name the API could never have stored bytes for
      }
      tx.afterCommit(async () => {
        await unlink(path).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "ENOENT") throw error;
        });
        await this.pruneEmptyFolders(bucket, dirname(path));
      });
    }
  }

  /** A deleted bucket's folder goes once empty (deletion needs it empty of rows anyway). */
  removeBucketFolderAfterCommit(bucket: string, tx: CallerTx): void {
    tx.afterCommit(async () => {
      assertValidBucketName(bucket); // a row made by SQL may carry any id; never rmdir outside root
      await rmdir(join(this.root, bucket)).catch(() => undefined);
    });
  }

  /** Empty folders would block a later object whose name equals the folder's. */
  private async pruneEmptyFolders(bucket: string, from: string): Promise<void> {
    const bucketDir = join(this.root, bucket);
    for (let dir = from; dir.startsWith(bucketDir + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
    }
  }

  async openRead(bucket: string, name: string): Promise<{ stream: ReadStream; size: number } | undefined> {
    const path = this.objectPath(bucket, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) return undefined;
      return { stream: createReadStream(path), size: info.size };
    } catch {
      return undefined;
    }
  }

  async discard(staged: string): Promise<void> {
    await unlink(staged).catch(() => undefined);
  }
}
