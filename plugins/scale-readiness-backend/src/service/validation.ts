import {
  type CompoundEntityRef,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

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

/** Parses `:kind/:namespace/:name` route params into a normalised entity ref. */
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

/** Normalises a user-provided ref; throws InputError when malformed. */
export function normaliseRef(ref: string, defaultKind?: string): string {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
  } catch (e) {
    throw new InputError(
      `Malformed entity ref '${ref}': ${(e as Error).message}`,
    );
  }
  return validatedRef(parsed, ref);
}

/** Parses `input` with `schema`, turning zod issues into one InputError. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  what: string,
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || what}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

/** Query of `GET /overview`. */
export const overviewQuerySchema = z.object({
  sort: z
    .enum(['team', 'score', 'components', 'atRisk', 'notReady', 'coverage'])
    .optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  q: z.string().max(200).optional(),
});

/** Query of `GET /entities/.../history`. */
export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  before: z
    .string()
    .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO date')
    .optional(),
});

/** Maximum number of entities one simulation may evaluate (request + chains). */
export const MAX_SIMULATION_ENTITIES = 20_000;

/** Body of `POST /simulate`. */
export const simulateBodySchema = z
  .object({
    growthFactor: z.number().positive().max(1000),
    entityRefs: z.array(z.string().min(1)).min(1).max(5000).optional(),
    team: z.string().min(1).optional(),
  })
  .refine(b => !!b.entityRefs !== !!b.team, {
    message: 'give exactly one of entityRefs or team',
  });
