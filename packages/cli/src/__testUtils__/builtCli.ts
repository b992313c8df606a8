import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The package folder (packages/cli). */
export const PACKAGE_DIR = path.resolve(__dirname, '../..');
/** The repository root. */
export const REPO_ROOT = path.resolve(PACKAGE_DIR, '../..');
/** The fixture folders. */
export const FIXTURES = path.resolve(__dirname, '../__fixtures__');
const BIN = path.join(PACKAGE_DIR, 'bin/scale-readiness');
const DIST = path.join(PACKAGE_DIR, 'dist/index.cjs.js');
const LOCK = path.join(PACKAGE_DIR, '.build-lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('__'))
        newest = Math.max(newest, newestSource(full));
    } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function isFresh(): boolean {
  return (
    fs.existsSync(DIST) &&
    fs.statSync(DIST).mtimeMs >= newestSource(path.join(PACKAGE_DIR, 'src'))
  );
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the CLI (`backstage-cli package build`) unless dist/ is newer than
 * every source file. Test files run in parallel workers, so a lock folder
 * makes sure only one of them builds.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run is older than any real build.
      const lockedAt = fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (lockedAt !== undefined && Date.now() - lockedAt > 300_000) {
        fs.rmSync(LOCK, { recursive: true, force: true });
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${LOCK}`);
      }
      sleep(500);
    }
  }
  try {
    if (isFresh()) return;
    execFileSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules/.bin/backstage-cli'),
        'package',
        'build',
      ],
      { cwd: PACKAGE_DIR, stdio: 'pipe', timeout: 240_000 },
    );
    // rollup writes index.cjs.js early; touch it so it is newer than the sources.
    const now = new Date();
    fs.utimesSync(DIST, now, now);
  } finally {
    fs.rmdirSync(LOCK);
  }
}

/** Result of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`bin/scale-readiness`) as a subprocess. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) {
          const status = (error as { code?: unknown }).code;
          code = typeof status === 'number' ? status : -1;
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}
