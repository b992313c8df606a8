import type { internal } from '@backstage/backend-openapi-utils';
import type { spec } from './openapi.generated';

type Doc = typeof spec;
type Schemas = Doc['components']['schemas'];

/**
 * The TypeScript type of a schema of `components.schemas` in openapi.yaml,
 * as the typed router sees it.
 * @internal
 */
export type SpecSchema<Name extends keyof Schemas> = internal.ToTypeSafe<
  internal.SchemaRef<Doc, Schemas[Name]>
>;
