import { parseAllDocuments } from 'yaml';
import { asObject, objectMeta } from './kubernetesObjects';
import type { ManifestFile, ManifestParseError } from './parseManifests';

/**
 * An actions-runner-controller `AutoscalingRunnerSet`
 * (`actions.github.com/v1alpha1`, the "runner scale set" of the
 * gha-runner-scale-set chart) as far as CI capacity needs it.
 * @public
 */
export interface RunnerScaleSet {
  name: string;
  namespace?: string;
  /** `spec.runnerScaleSetName`: the label jobs use in `runs-on` (defaults to the object name). */
  scaleSetName: string;
  /** `spec.minRunners` (ARC default 0). */
  minRunners?: number;
  /** `spec.maxRunners`; undefined means ARC does not bound the set. */
  maxRunners?: number;
  /** `spec.runnerGroup`; ARC registers into the `Default` group without it. */
  runnerGroup?: string;
  /** `spec.githubConfigUrl`: the organisation, enterprise or repository it serves. */
  githubConfigUrl?: string;
  /** `status.currentRunners`, present in a live object dump. */
  currentRunners?: number;
  /** `status.runningEphemeralRunners`. */
  runningRunners?: number;
  /** `status.pendingEphemeralRunners`. */
  pendingRunners?: number;
  /** File (or URL) it was read from. */
  location: string;
}

/** What {@link parseRunnerScaleSets} found. @public */
export interface ParsedRunnerScaleSets {
  scaleSets: RunnerScaleSet[];
  errors: ManifestParseError[];
}

const GROUP = 'actions.github.com';
const KIND = 'AutoscalingRunnerSet';

function optionalCount(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return value;
  }
  throw new Error(
    `${field} must be a non-negative integer, got ${JSON.stringify(value)}`,
  );
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/** Reads one AutoscalingRunnerSet object; throws on a wrong field type. */
export function runnerScaleSet(
  obj: Record<string, unknown>,
  location: string,
): RunnerScaleSet {
  const meta = objectMeta(obj, KIND);
  const spec = asObject(obj.spec) ?? {};
  const status = asObject(obj.status) ?? {};
  const set: RunnerScaleSet = {
    ...meta,
    scaleSetName: optionalText(spec.runnerScaleSetName) ?? meta.name,
    location,
  };
  const fields: Array<[keyof RunnerScaleSet, unknown, string]> = [
    ['minRunners', spec.minRunners, 'spec.minRunners'],
    ['maxRunners', spec.maxRunners, 'spec.maxRunners'],
    ['currentRunners', status.currentRunners, 'status.currentRunners'],
    [
      'runningRunners',
      status.runningEphemeralRunners,
      'status.runningEphemeralRunners',
    ],
    [
      'pendingRunners',
      status.pendingEphemeralRunners,
      'status.pendingEphemeralRunners',
    ],
  ];
  for (const [key, value, field] of fields) {
    const n = optionalCount(value, `${KIND} ${meta.name}: ${field}`);
    if (n !== undefined) (set as unknown as Record<string, unknown>)[key] = n;
  }
  if (
    set.minRunners !== undefined &&
    set.maxRunners !== undefined &&
    set.minRunners > set.maxRunners
  ) {
    throw new Error(
      `${KIND} ${meta.name}: spec.minRunners (${set.minRunners}) is above spec.maxRunners (${set.maxRunners})`,
    );
  }
  const runnerGroup = optionalText(spec.runnerGroup);
  if (runnerGroup) set.runnerGroup = runnerGroup;
  const url = optionalText(spec.githubConfigUrl);
  if (url) set.githubConfigUrl = url;
  return set;
}

function collect(
  value: unknown,
  location: string,
  into: RunnerScaleSet[],
): void {
  const obj = asObject(value);
  if (!obj) return;
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  if (kind.endsWith('List') && Array.isArray(obj.items)) {
    obj.items.forEach(item => collect(item, location, into));
  } else if (kind === KIND && apiVersion.split('/')[0] === GROUP) {
    into.push(runnerScaleSet(obj, location));
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/**
 * Parses actions-runner-controller `AutoscalingRunnerSet` objects
 * (`actions.github.com/*`, also inside `*List` objects) out of multi-document
 * YAML: pure, no I/O. Everything else in the files is ignored. Invalid YAML or
 * a wrong field type (`spec.maxRunners: "ten"`, min above max) is reported in
 * `errors` with its file, and the rest is still parsed. Files are taken in
 * path order; the same `namespace/name` seen twice keeps the first.
 * @public
 */
export function parseRunnerScaleSets(
  files: ReadonlyArray<ManifestFile>,
): ParsedRunnerScaleSets {
  const found: RunnerScaleSet[] = [];
  const errors: ManifestParseError[] = [];
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path, 'en'));
  for (const file of sorted) {
    const documents = parseAllDocuments(file.content, { prettyErrors: true });
    const list = Array.isArray(documents) ? documents : [];
    list.forEach((doc, index) => {
      const suffix = list.length > 1 ? ` (document ${index + 1})` : '';
      try {
        if (doc.errors.length > 0) throw doc.errors[0];
        collect(doc.toJS({ maxAliasCount: 100 }), file.path, found);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        errors.push({
          path: file.path,
          message: `${firstLine(message)}${suffix}`,
        });
      }
    });
  }
  const seen = new Set<string>();
  const scaleSets = found.filter(s => {
    const key = `${s.namespace ?? ''}/${s.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { scaleSets, errors };
}
