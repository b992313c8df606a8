import fs from 'node:fs';
import os from 'node:os';
import {
  isMainThread,
  parentPort,
  Worker,
  workerData,
} from 'node:worker_threads';
import { ParsedFile, parseYamlFile } from './yamlFile';

/**
 * Parsing many YAML files is the slowest part of `check`; with enough files
 * it is spread over worker threads. A worker runs this very module (the
 * built `.cjs.js`), so it may only import plain JavaScript: `yaml` and
 * `./yamlFile`.
 */
const WORKER_MARK = 'scaleReadinessYamlWorker';

/** A file that could not be read. */
export interface UnreadableFile {
  path: string;
  error: string;
}

function readAndParse(file: string): ParsedFile | UnreadableFile {
  try {
    return parseYamlFile(file, fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { path: file, error: e instanceof Error ? e.message : String(e) };
  }
}

if (!isMainThread && parentPort && workerData?.[WORKER_MARK]) {
  parentPort.postMessage((workerData.files as string[]).map(readAndParse));
}

/** Files below which threads cost more than they save. */
const MIN_FILES_FOR_THREADS = 1000;

function threadCount(files: number): number {
  const setting = process.env.SCALE_READINESS_THREADS;
  const cores =
    typeof os.availableParallelism === 'function'
      ? os.availableParallelism()
      : os.cpus().length;
  // On 2-3 cores the copies back from the workers cost more than they save.
  let wanted = cores >= 4 ? Math.min(cores - 1, 4) : 1;
  if (setting !== undefined) wanted = Number(setting);
  if (!Number.isFinite(wanted) || wanted <= 1) return 1;
  // Only the built module can run in a worker (sources need a transpiler).
  if (!/\.js$/.test(__filename)) return 1;
  return files >= MIN_FILES_FOR_THREADS || setting !== undefined
    ? Math.min(Math.floor(wanted), files)
    : 1;
}

function runWorker(
  files: string[],
): Promise<Array<ParsedFile | UnreadableFile>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, {
      workerData: { [WORKER_MARK]: true, files },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', code => {
      if (code !== 0) reject(new Error(`YAML worker exited with code ${code}`));
    });
  });
}

/**
 * Reads and parses files, in order: on worker threads when there are many
 * files and at least 4 cores (cores − 1 threads, at most 4;
 * `SCALE_READINESS_THREADS` overrides, `1` disables), otherwise on this thread.
 */
export async function readAndParseFiles(
  files: string[],
): Promise<Array<ParsedFile | UnreadableFile>> {
  const threads = threadCount(files.length);
  if (threads <= 1) return files.map(readAndParse);
  const size = Math.ceil(files.length / threads);
  const chunks = Array.from({ length: threads }, (_, i) =>
    files.slice(i * size, (i + 1) * size),
  ).filter(chunk => chunk.length > 0);
  try {
    const results = await Promise.all(chunks.map(runWorker));
    return results.flat();
  } catch {
    // Threads unavailable (sandbox, resource limits): parse here instead.
    return files.map(readAndParse);
  }
}

/** Whether a result is a file that could not be read. */
export function isUnreadable(
  result: ParsedFile | UnreadableFile,
): result is UnreadableFile {
  return 'error' in result;
}
