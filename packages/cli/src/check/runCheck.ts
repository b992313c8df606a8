import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  BUILTIN_CHECKS,
  EntityResult,
  evaluateAll,
  ReadinessConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import { describeError } from '@scale-readiness/plugin-scale-readiness-node';
import { withCatalogRelations } from '../catalog/relations';
import { compareStrings } from '../compare';
import { InputError } from '../errors';
import { collectFacts } from '../facts/collectFacts';
import { classifyDocuments, SourcedEntity } from '../input/classify';
import { collectInputFiles, displayPath } from '../input/files';
import { isUnreadable, readAndParseFiles } from '../input/parallelParse';
import type { ParsedFile } from '../input/yamlFile';
import { YamlStore } from '../input/YamlStore';
import { KubernetesIndex } from '../kubernetes/KubernetesIndex';
import {
  findUnownedObjects,
  UnownedObject,
} from '../kubernetes/unownedObjects';
import { Problem, ProblemList } from '../problems';

/** Options of {@link runCheck}. @public */
export interface RunCheckOptions {
  /** Files and folders to read (relative to `cwd`). */
  paths: string[];
  cwd: string;
  config: ReadinessConfig;
  /** Entity refs to report (default kind `component`); all when empty. */
  only?: string[];
  /** Evaluation time (freshness checks); defaults to now. */
  now?: Date;
  /** Called with the duration of each phase (for `SCALE_READINESS_TIMINGS`). */
  onTiming?: (phase: string, ms: number) => void;
}

/** Reports how long each phase took since the previous mark. */
class Timings {
  readonly #report?: (phase: string, ms: number) => void;
  #last = process.hrtime.bigint();

  constructor(report?: (phase: string, ms: number) => void) {
    this.#report = report;
    report?.('start-up', process.uptime() * 1000);
  }

  mark(phase: string) {
    const now = process.hrtime.bigint();
    this.#report?.(phase, Number(now - this.#last) / 1e6);
    this.#last = now;
  }
}

/** What {@link runCheck} found. @public */
export interface CheckRun {
  /** Results of the reported entities, sorted by entity ref. */
  results: EntityResult[];
  /** Every entity scored (chains are computed over all of them). */
  scored: number;
  /** Files read. */
  files: number;
  problems: Problem[];
  /** Kubernetes objects that match no component, with file and line. */
  unowned: UnownedObject[];
  /** Catalog file (display path) and line of each scored entity, by ref. */
  sources: Map<string, { file: string; line: number }>;
}

/** Normalises `--only` refs; throws an InputError on an invalid one. */
function normaliseOnly(refs: string[]): string[] {
  return refs.map(ref => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      );
    } catch (e) {
      throw new InputError(
        `--only: '${ref}' is not an entity ref (${describeError(e)})`,
      );
    }
  });
}

/**
 * Reads every YAML file under `paths`, builds facts for every Component and
 * Resource found (catalog facts plus workloads from their manifests) and
 * scores them with the engine, chains included. Problems with the input are
 * collected, not thrown; an InputError is thrown for a missing path, an
 * input without YAML files or without scorable entities, or an unknown
 * `--only` ref.
 * @public
 */
export async function runCheck(options: RunCheckOptions): Promise<CheckRun> {
  const timings = new Timings(options.onTiming);
  const now = options.now ?? new Date();
  const display = (file: string) => displayPath(file, options.cwd);
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const input = collectInputFiles(paths, options.cwd);
  if (input.files.length === 0) {
    throw new InputError(`no YAML files found in ${paths.join(', ')}`);
  }
  const only = normaliseOnly(options.only ?? []);
  timings.mark('list files');

  const problems = new ProblemList();
  const store = new YamlStore();
  const parsed: ParsedFile[] = [];
  for (const result of await readAndParseFiles(input.files)) {
    if (isUnreadable(result)) {
      problems.add({
        file: display(result.path),
        line: 1,
        message: `cannot read: ${result.error}`,
      });
    } else {
      store.set(result);
      parsed.push(result);
    }
  }

  timings.mark('read and parse YAML');
  const classified = await classifyDocuments(parsed, display);
  classified.problems.forEach(p =>
    problems.add({ ...p, file: display(p.file) }),
  );

  const related = withCatalogRelations(classified.entities.map(e => e.entity));
  const entities: SourcedEntity[] = classified.entities.map((sourced, i) => ({
    ...sourced,
    entity: related.entities[i],
  }));
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e.entity), e]));
  for (const p of related.problems) {
    const source = byRef.get(p.entityRef);
    problems.add({
      file: source ? display(source.file) : '(input)',
      line: source?.line ?? 1,
      message: `${p.entityRef}: ${p.message}`,
    });
  }

  timings.mark('validate entities, relations');
  const facts = await collectFacts(entities, {
    store,
    index: new KubernetesIndex(classified.kubernetes),
    roots: input.roots,
    now,
    problem: p => problems.add({ ...p, file: display(p.file) }),
  });
  if (facts.length === 0) {
    throw new InputError(
      `no Component or Resource entities found in ${paths.join(', ')}`,
    );
  }

  const unowned = findUnownedObjects(classified.kubernetes, facts, display);
  timings.mark('collect facts');
  const all = evaluateAll(facts, options.config, {
    now,
    checks: BUILTIN_CHECKS,
  });
  timings.mark('evaluate');
  let results = all;
  if (only.length > 0) {
    const wanted = new Set(only);
    results = all.filter(r => wanted.has(r.entityRef));
    const found = new Set(results.map(r => r.entityRef));
    const missing = only.filter(ref => !found.has(ref));
    if (missing.length > 0) {
      throw new InputError(`--only: no scored entity ${missing.join(', ')}`);
    }
  }
  results = [...results].sort((a, b) =>
    compareStrings(a.entityRef, b.entityRef),
  );
  return {
    results,
    scored: all.length,
    files: parsed.length,
    problems: problems.list(),
    unowned,
    sources: new Map(
      entities.map(e => [
        stringifyEntityRef(e.entity),
        { file: display(e.file), line: e.line },
      ]),
    ),
  };
}
