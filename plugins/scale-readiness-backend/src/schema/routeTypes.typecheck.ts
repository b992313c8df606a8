/**
 * Type-level contract between openapi.yaml and `ScaleReadinessRoutes` of
 * `@scale-readiness/plugin-scale-readiness-common`, the route → body map the
 * portal's client and the CLI are typed with. Checked by `tsc` (scripts/test
 * runs it); nothing here runs.
 *
 * For every route of the map: the key is an operation of the spec (else
 * its response type is `never` and `served` fails), what the backend may
 * send under the common type is allowed by the spec (`served`), what the
 * spec allows is what the client reads (`read`, false only where the spec
 * keeps a part opaque, named below), and a request body the client builds
 * is one the spec accepts (`accepted`).
 */
import type { internal } from '@backstage/backend-openapi-utils';
import type {
  ScaleReadinessRouteRequest,
  ScaleReadinessRouteResponse,
  ScaleReadinessRoutes,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { spec } from './openapi.generated';

type Doc = typeof spec;
type Paths = Doc['paths'];

type Fits<A, B> = [A] extends [never] ? false : [A] extends [B] ? true : false;

type Operation<K> = K extends `${infer M} ${infer P}`
  ? P extends keyof Paths
    ? Lowercase<M> extends keyof Paths[P]
      ? Paths[P][Lowercase<M>]
      : never
    : never
  : never;

type JsonBody<X> = X extends {
  content: { 'application/json': { schema: infer S } };
}
  ? internal.ToTypeSafe<internal.SchemaRef<Doc, S>>
  : never;

type SuccessOf<R> = R extends { '200': infer X }
  ? X
  : R extends { '201': infer X }
  ? X
  : never;

/** The spec's success body of a route. */
type SpecResponse<K> = Operation<K> extends { responses: infer R }
  ? JsonBody<SuccessOf<R>>
  : never;

/** The spec's request body of a route. */
type SpecRequest<K> = Operation<K> extends { requestBody: infer B }
  ? JsonBody<B>
  : never;

type Check<K extends keyof ScaleReadinessRoutes> = {
  served: Fits<ScaleReadinessRouteResponse<K>, SpecResponse<K>>;
  read: Fits<SpecResponse<K>, ScaleReadinessRouteResponse<K>>;
  accepted: [ScaleReadinessRouteRequest<K>] extends [never]
    ? 'no body'
    : Fits<ScaleReadinessRouteRequest<K>, SpecRequest<K>>;
};

const both = { served: true, read: true } as const;
/** The spec keeps part of the body opaque (`unknown`). */
const opaque = { served: true, read: false } as const;

/** Each route's checks; a drift shows as a type error on its line. */
export const routesMatchTheSpec: {
  [K in keyof ScaleReadinessRoutes]: Check<K>;
} = {
  'GET /checks': { ...both, accepted: 'no body' },
  // facts and engine settings are opaque in the spec
  'GET /entities/{kind}/{namespace}/{name}': { ...opaque, accepted: 'no body' },
  // [before, after] pairs are arrays of two in the spec
  'GET /entities/{kind}/{namespace}/{name}/history': {
    ...opaque,
    accepted: 'no body',
  },
  'POST /entities/{kind}/{namespace}/{name}/refresh': {
    ...both,
    accepted: 'no body',
  },
  // compact rows are opaque in the spec
  'GET /teams/{namespace}/{name}': { ...opaque, accepted: 'no body' },
  'GET /overview': { ...both, accepted: 'no body' },
  'GET /unowned-objects': { ...both, accepted: 'no body' },
  'POST /simulate': { ...both, accepted: true },
  'GET /reviews': { ...both, accepted: 'no body' },
  'POST /reviews': { ...both, accepted: true },
  'GET /reviews/{id}': { ...both, accepted: 'no body' },
  // per-dimension changes are opaque in the spec
  'GET /reviews/{id}/teams/{kind}/{namespace}/{name}': {
    ...opaque,
    accepted: 'no body',
  },
  'POST /reviews/{id}/teams/{kind}/{namespace}/{name}/sign-offs': {
    ...both,
    accepted: true,
  },
  'GET /waivers': { ...both, accepted: 'no body' },
  'POST /waivers': { ...both, accepted: true },
  'GET /waivers/{id}': { ...both, accepted: 'no body' },
  'PATCH /waivers/{id}': { ...both, accepted: true },
  'POST /waivers/{id}/approve': { ...both, accepted: 'no body' },
  'DELETE /waivers/{id}': { ...both, accepted: 'no body' },
  'GET /champions/{namespace}/{name}': { ...both, accepted: 'no body' },
  // audit details are opaque in the spec
  'GET /champions/{namespace}/{name}/audit': { ...opaque, accepted: 'no body' },
  'GET /champions/{namespace}/{name}/time-to-access': {
    ...both,
    accepted: 'no body',
  },
  'GET /grants': { ...both, accepted: 'no body' },
  'POST /grants': { ...both, accepted: true },
  'GET /grants/{id}': { ...both, accepted: 'no body' },
  'POST /grants/{id}/revoke': { ...both, accepted: true },
  'GET /access-requests': { ...both, accepted: 'no body' },
  'POST /access-requests': { ...both, accepted: true },
  'GET /access-requests/{id}': { ...both, accepted: 'no body' },
  'POST /access-requests/{id}/approve': { ...both, accepted: true },
  'POST /access-requests/{id}/deny': { ...both, accepted: true },
  'POST /access-requests/{id}/cancel': { ...both, accepted: true },
  'GET /access-requests/time-to-access': { ...both, accepted: 'no body' },
  'GET /plans': { ...both, accepted: 'no body' },
  'POST /plans': { ...both, accepted: true },
  'GET /plans/{id}': { ...both, accepted: 'no body' },
  'PATCH /plans/{id}': { ...both, accepted: true },
  'POST /plans/{id}/archive': { ...both, accepted: 'no body' },
  'POST /plans/{id}/items/{itemId}/assign': { ...both, accepted: true },
  'POST /plans/{id}/sign-offs': { ...both, accepted: true },
};

/** The checks can fail: a route of the map under the wrong key is caught. */
export const aWrongKeyIsCaught: Check<'GET /overview'>['served'] extends true
  ? Fits<
      ScaleReadinessRouteResponse<'GET /overview'>,
      SpecResponse<'GET /reviews'>
    >
  : never = false;
