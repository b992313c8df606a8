import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors';

/** Whether a file name looks like YAML (`.yaml` / `.yml`). */
export function isYamlPath(p: string): boolean {
  return /\.ya?ml$/i.test(p);
}

/** Whether `child` is `root` or below it. */
export function isInside(root: string, child: string): boolean {
  const relative = path.relative(root, child);
  return (
    relative === '' ||
    (relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative))
  );
}

function realpathOrUndefined(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Options of {@link walkYamlFiles}. */
export interface WalkOptions {
  /** Whether a symlinked file may be followed to this real path. */
  allow: (realPath: string) => boolean;
  /** Throws (with `tooMany(dir)`) once more files than this are found. */
  limit?: number;
  tooMany?: (dir: string) => Error;
}

/**
 * Lists YAML files below a folder, recursively, in name order; skips folders
 * starting with a dot and `node_modules`, does not follow symlinked folders,
 * follows a symlinked file only when `allow(realPath)`. Returns real paths.
 * The same rules as the backend's local manifest reader.
 */
export function walkYamlFiles(dir: string, options: WalkOptions): string[] {
  const found: string[] = [];
  const visit = (current: string) => {
    const entries = fs.readdirSync(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') {
          visit(full);
        }
      } else if (
        (entry.isFile() || entry.isSymbolicLink()) &&
        isYamlPath(entry.name)
      ) {
        const real = entry.isFile() ? full : realpathOrUndefined(full);
        if (!real || (entry.isSymbolicLink() && !options.allow(real))) continue;
        if (entry.isSymbolicLink() && !fs.statSync(real).isFile()) continue;
        found.push(real);
        if (options.limit !== undefined && found.length > options.limit) {
          throw options.tooMany?.(dir) ?? new Error(`too many files in ${dir}`);
        }
      }
    }
  };
  visit(dir);
  return found;
}

/** The files to read and the folders manifest targets may point into. */
export interface InputFiles {
  /** Real paths of the files to read, without duplicates, in a stable order. */
  files: string[];
  /** Real paths of the folders given (a file's folder), plus the working directory. */
  roots: string[];
}

/**
 * Expands the `check` paths: a folder gives every YAML file below it, a file is
 * read whatever its extension. A path that does not exist is an input error.
 */
export function collectInputFiles(paths: string[], cwd: string): InputFiles {
  const files = new Set<string>();
  const roots = new Set<string>();
  const cwdReal = realpathOrUndefined(cwd) ?? path.resolve(cwd);
  roots.add(cwdReal);
  const resolved = paths.map(p => {
    const absolute = path.resolve(cwd, p);
    const real = realpathOrUndefined(absolute);
    if (!real) throw new InputError(`no such file or directory: ${p}`);
    const isDir = fs.statSync(real).isDirectory();
    roots.add(isDir ? real : path.dirname(real));
    return { real, isDir };
  });
  const rootList = [...roots];
  const allow = (real: string) => rootList.some(root => isInside(root, real));
  for (const { real, isDir } of resolved) {
    if (isDir) {
      for (const file of walkYamlFiles(real, { allow })) files.add(file);
    } else {
      files.add(real);
    }
  }
  return { files: [...files], roots: rootList };
}

/** A path for messages: relative to the working directory when below it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  const shown =
    relative && !relative.startsWith('..') && !path.isAbsolute(relative)
      ? relative
      : file;
  return shown.split(path.sep).join('/');
}
