import {
  type CompoundEntityRef,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { z } from 'zod';

/**
 * Parses route input (body, query, params, a header) with a zod schema,
 * defaults applied; every issue is listed in one InputError (400).
 */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || what}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

const validators = makeValidator();

/**
 * Normalises a ref after checking each part against the catalog's own rules
 * (kind, namespace as a DNS label, entity name); throws InputError otherwise,
 * so malformed input answers 400 instead of a confusing 404.
 */
function validatedRef(ref: CompoundEntityRef, input: string): string {
  const problems: string[] = [];
  if (!validators.isValidKind(ref.kind)) problems.push('kind');
  if (!validators.isValidNamespace(ref.namespace.toLowerCase())) {
    problems.push('namespace');
  }
  if (!validators.isValidEntityName(ref.name)) problems.push('name');
  if (problems.length > 0) {
    const shown = input.length > 200 ? `${input.slice(0, 200)}…` : input;
    throw new InputError(
      `Malformed entity ref '${shown}': invalid ${problems.join(', ')}`,
    );
  }
  return stringifyEntityRef(ref);
}

/** Parses `:kind/:namespace/:name` route params into a normalised entity ref (400 when malformed). */
export function entityRefFromParams(params: {
  kind?: string;
  namespace?: string;
  name?: string;
}): string {
  const { kind, namespace, name } = params;
  if (!kind || !namespace || !name) {
    throw new InputError('kind, namespace and name are required');
  }
  return validatedRef(
    { kind, namespace, name },
    `${kind}:${namespace}/${name}`,
  );
}

/** Normalises a user-provided ref; throws InputError (400) when malformed. */
export function normaliseRef(ref: string, defaultKind?: string): string {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(
      `Malformed entity ref '${ref}': ${(e as Error).message}`,
    );
  }
  return validatedRef(parsed, ref);
}

/**
 * A Group ref from user input or route params, lower-cased (refs compare
 * case-insensitively); InputError (400) when malformed or of another kind.
 */
export function groupRef(value: string): string {
  const ref = normaliseRef(value, 'group').toLowerCase();
  if (!ref.startsWith('group:')) {
    throw new InputError(`${value} is not a group reference`);
  }
  return ref;
}
