import fs from 'node:fs';
import { ParsedFile, parseYamlFile } from './yamlFile';

/**
 * Reads and parses each YAML file once: the files given to `check` and those
 * named by `scale-readiness.io/manifests` share the same parsed documents.
 */
export class YamlStore {
  readonly #files = new Map<string, ParsedFile>();

  /** Records a file parsed elsewhere (on a worker thread). */
  set(parsed: ParsedFile): void {
    this.#files.set(parsed.path, parsed);
  }

  /** The parsed file at this real path; throws when it cannot be read. */
  get(realPath: string): ParsedFile {
    let parsed = this.#files.get(realPath);
    if (!parsed) {
      parsed = parseYamlFile(realPath, fs.readFileSync(realPath, 'utf8'));
      this.#files.set(realPath, parsed);
    }
    return parsed;
  }
}
