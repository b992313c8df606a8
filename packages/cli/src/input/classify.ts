import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import type { ParsedDocument, ParsedFile } from './yamlFile';

/** A catalog entity with the file and line it was read from. */
export interface SourcedEntity {
  entity: Entity;
  /** Real path of its file. */
  file: string;
  line: number;
}

/** A Kubernetes object (anything with `apiVersion` and `kind` that is not a catalog entity). */
export interface KubernetesDocument {
  value: Record<string, unknown>;
  file: ParsedFile;
  document: ParsedDocument;
}

/** A document that was not used, before paths are made relative. */
export interface RawProblem {
  file: string;
  line: number;
  message: string;
}

/** The documents of the input, sorted by what they are. */
export interface ClassifiedInput {
  entities: SourcedEntity[];
  kubernetes: KubernetesDocument[];
  problems: RawProblem[];
}

// The catalog's default policies and the built-in kinds' validators.
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const KIND_VALIDATORS: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
];
/** Catalog kinds that are valid but not built in (read, then ignored quietly). */
const QUIET_KINDS = new Set(['template']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an `apiVersion` belongs to the Backstage catalog (`backstage.io/…`, `*.backstage.io/…`). */
export function isCatalogApiVersion(apiVersion: string): boolean {
  const group = apiVersion.split('/')[0];
  return (
    apiVersion.includes('/') &&
    (group === 'backstage.io' || group.endsWith('.backstage.io'))
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Validates an entity like the catalog does; returns it (namespace defaulted) or a problem. */
async function validateEntity(
  raw: Record<string, unknown>,
): Promise<{ entity?: Entity; problem?: string; quiet?: boolean }> {
  const kind = typeof raw.kind === 'string' ? raw.kind : '';
  let entity: Entity;
  try {
    entity = (await policy.enforce(raw as unknown as Entity)) as Entity;
  } catch (e) {
    return {
      problem: `invalid ${kind || 'entity'}: ${firstLine(
        e instanceof Error ? e.message : String(e),
      )}`,
    };
  }
  for (const validator of KIND_VALIDATORS) {
    try {
      if (await validator.check(entity)) return { entity };
    } catch (e) {
      return {
        problem: `invalid ${kind}: ${firstLine(
          e instanceof Error ? e.message : String(e),
        )}`,
      };
    }
  }
  if (QUIET_KINDS.has(kind.toLowerCase())) return { quiet: true };
  return {
    problem: `unknown catalog kind '${kind}' (apiVersion ${String(
      raw.apiVersion,
    )}); ignored`,
  };
}

/** Adds the location annotations the catalog would set for an entity read from `file`. */
function withLocation(entity: Entity, file: string): Entity {
  const location = `file:${file}`;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      },
    },
  };
}

/**
 * Sorts the documents of the input: Backstage catalog entities (validated with
 * the catalog's default policies and the built-in kind validators, annotated
 * with their file as `backstage.io/managed-by-location`), Kubernetes objects
 * (anything else with `apiVersion` and `kind`), and problems (YAML errors,
 * documents that are neither, invalid entities, unknown catalog kinds,
 * duplicate entities — the first one in file order is kept).
 */
export async function classifyDocuments(
  files: ReadonlyArray<ParsedFile>,
  display: (file: string) => string = file => file,
): Promise<ClassifiedInput> {
  const result: ClassifiedInput = {
    entities: [],
    kubernetes: [],
    problems: [],
  };
  const seen = new Map<string, SourcedEntity>();
  for (const file of files) {
    for (const document of file.documents) {
      const problem = (message: string) =>
        result.problems.push({ file: file.path, line: document.line, message });
      if (document.error !== undefined) {
        problem(`not valid YAML: ${document.error}`);
        continue;
      }
      const value = document.value;
      if (value === null || value === undefined) continue;
      const apiVersion =
        isRecord(value) && typeof value.apiVersion === 'string'
          ? value.apiVersion
          : undefined;
      const kind =
        isRecord(value) && typeof value.kind === 'string'
          ? value.kind
          : undefined;
      if (!isRecord(value) || !apiVersion || !kind) {
        problem(
          'not a Backstage entity or Kubernetes object (no apiVersion and kind); ignored',
        );
        continue;
      }
      if (!isCatalogApiVersion(apiVersion)) {
        result.kubernetes.push({ value, file, document });
        continue;
      }
      const validated = await validateEntity(value);
      if (validated.problem) problem(validated.problem);
      if (!validated.entity) continue;
      const ref = stringifyEntityRef(validated.entity);
      const first = seen.get(ref);
      if (first) {
        problem(
          `duplicate entity ${ref} (first defined in ${display(first.file)}:${
            first.line
          }); ignored`,
        );
        continue;
      }
      const sourced = {
        entity: withLocation(validated.entity, file.path),
        file: file.path,
        line: document.line,
      };
      seen.set(ref, sourced);
      result.entities.push(sourced);
    }
  }
  return result;
}
