import type { Entity } from '@backstage/catalog-model';
import { parse as parseYaml } from 'yaml';

/** Top-level keys of OpenAPI / AsyncAPI documents that carry the actual API. */
const SUBSTANTIVE_KEYS = [
  'paths',
  'webhooks',
  'channels',
  'operations',
  'components',
];
/** Top-level keys that a stub has without describing anything. */
const ENVELOPE_KEYS = new Set([
  'openapi',
  'swagger',
  'asyncapi',
  'info',
  'servers',
  'host',
  'basePath',
  'schemes',
  'externalDocs',
  'tags',
  'id',
  'defaultContentType',
  'jsonSchemaDialect',
]);
/** Text definitions (GraphQL SDL, protobuf, …) shorter than this are stubs. */
const MIN_TEXT_DEFINITION_LENGTH = 30;

function isNonEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value as object).length > 0
  );
}

function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map(line => line.replace(/(^|\s)(#|\/\/).*$/, ''))
    .join('')
    .replace(/\s+/g, '');
}

/**
 * Whether an API entity carries a real definition rather than an empty or
 * placeholder one. Structured documents (OpenAPI, AsyncAPI, JSON/YAML) need a
 * non-empty `paths` / `channels` / `webhooks` / `operations` / `components`, or
 * some key beyond the envelope (`openapi`, `info`, `servers`, …). Text formats
 * (GraphQL, gRPC) need some content once comments and whitespace are removed.
 */
export function hasSubstantialDefinition(api: Entity | undefined): boolean {
  if (!api || api.kind.toLowerCase() !== 'api') return false;
  const definition = (api.spec as Record<string, unknown> | undefined)
    ?.definition;
  if (typeof definition !== 'string' || definition.trim() === '') return false;
  let parsed: unknown;
  try {
    parsed = parseYaml(definition);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const doc = parsed as Record<string, unknown>;
    if (SUBSTANTIVE_KEYS.some(key => isNonEmptyObject(doc[key]))) return true;
    return Object.keys(doc).some(
      key => !ENVELOPE_KEYS.has(key) && !SUBSTANTIVE_KEYS.includes(key),
    );
  }
  return stripComments(definition).length >= MIN_TEXT_DEFINITION_LENGTH;
}
