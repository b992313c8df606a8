import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type {
  CiCapacityFacts,
  NodeCapacityFacts,
  ServerlessFacts,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Parsing and validation of the structured (YAML or JSON) values teams declare
 * in catalog annotations. Every parser throws an Error with a readable message
 * on invalid input; the catalog provider turns it into an `error` section.
 */

const number = (min = 0) =>
  z.preprocess(
    v => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number({ invalid_type_error: 'expected a number' }).finite().min(min),
  );

/** A Kubernetes CPU quantity (`4`, `"2.5"`, `"500m"`) as cores. */
const cpuQuantity = z.preprocess(v => {
  if (typeof v !== 'string') return v;
  const text = v.trim();
  if (/^\d+(\.\d+)?m$/.test(text)) return Number(text.slice(0, -1)) / 1000;
  return text === '' ? v : Number(text);
}, z.number({ invalid_type_error: 'expected a CPU quantity' }).finite().min(0));

const quotaSchema = z
  .object({
    name: z.string().trim().min(1),
    limit: number(),
    peak: number(),
    unit: z.string().optional(),
    adjustable: z.boolean().optional(),
    increaseUrl: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

/** A quota as declared in `scale-readiness.io/quotas`. */
export type DeclaredQuota = z.infer<typeof quotaSchema>;

const nodeCapacitySchema = z
  .object({
    nodeGroups: z
      .array(
        z.object({
          name: z.string().min(1),
          minSize: number().optional(),
          maxSize: number(),
          currentSize: number(),
        }),
      )
      .optional(),
    nodePools: z
      .array(
        z.object({
          name: z.string().min(1),
          limits: z.object({ cpu: cpuQuantity.optional() }).optional(),
          usage: z.object({ cpu: cpuQuantity.optional() }).optional(),
        }),
      )
      .optional(),
    /** `none`: the cluster has neither cluster-autoscaler nor Karpenter. */
    nodeAutoscaler: z.enum(['none']).optional(),
  })
  .refine(
    v =>
      v.nodeGroups !== undefined ||
      v.nodePools !== undefined ||
      v.nodeAutoscaler !== undefined,
    { message: 'expected nodeGroups, nodePools or nodeAutoscaler: none' },
  );

const serverlessFunctionSchema = z.object({
  functionName: z.string().min(1),
  reservedConcurrency: number().optional(),
  accountConcurrency: number().optional(),
  peakConcurrency: number(),
});

const ciCapacitySchema = z.object({
  maxRunners: number(),
  peakConcurrentJobs: number(),
});

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map(issue =>
      issue.path.length > 0
        ? `${issue.path.join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
}

function parseStructured<T>(
  text: string,
  annotation: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): T {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new Error(`${annotation} is not valid YAML or JSON: ${message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new Error(`${annotation} is invalid: ${formatIssues(result.error)}`);
  }
  return result.data;
}

/** Parses a quota list (a single object is accepted as a list of one). */
export function parseDeclaredQuotas(
  text: string,
  annotation: string,
): DeclaredQuota[] {
  return parseStructured(
    text,
    annotation,
    z.preprocess(
      v => (v && typeof v === 'object' && !Array.isArray(v) ? [v] : v),
      z.array(quotaSchema, { invalid_type_error: 'expected a list of quotas' }),
    ),
  );
}

/** Parses one cluster's declared node capacity. */
export function parseNodeCapacity(
  text: string,
  annotation: string,
  clusterName: string,
): NodeCapacityFacts['clusters'][number] {
  const value = parseStructured(text, annotation, nodeCapacitySchema);
  return {
    name: clusterName,
    nodeGroups: (value.nodeGroups ?? []).map(g => {
      const group: NodeCapacityFacts['clusters'][number]['nodeGroups'][number] =
        {
          name: g.name,
          maxSize: g.maxSize,
          currentSize: g.currentSize,
        };
      if (g.minSize !== undefined) group.minSize = g.minSize;
      return group;
    }),
    nodePools: (value.nodePools ?? []).map(p => {
      const pool: NodeCapacityFacts['clusters'][number]['nodePools'][number] = {
        name: p.name,
        usedCpu: p.usage?.cpu ?? 0,
      };
      if (p.limits?.cpu !== undefined) pool.limitCpu = p.limits.cpu;
      return pool;
    }),
    ...(value.nodeAutoscaler === 'none' ? { noNodeAutoscaler: true } : {}),
  };
}

/** Parses declared serverless concurrency (one function or a list). */
export function parseServerless(
  text: string,
  annotation: string,
): ServerlessFacts {
  const functions = parseStructured(
    text,
    annotation,
    z.preprocess(
      v => (v && typeof v === 'object' && !Array.isArray(v) ? [v] : v),
      z.array(serverlessFunctionSchema).min(1),
    ),
  );
  return { functions };
}

/** Parses declared CI runner capacity. */
export function parseCiCapacity(
  text: string,
  annotation: string,
): CiCapacityFacts {
  return parseStructured(text, annotation, ciCapacitySchema);
}
