import type { ApiRouter } from '@backstage/backend-openapi-utils';
import Router from 'express-promise-router';
import type { spec } from './openapi.generated';

/**
 * A promise router whose handlers are typed from openapi.yaml: path
 * parameters, request bodies and `res.json` bodies must match the spec of
 * the route (the compiler refuses a route or an answer the spec does not
 * describe). Types only: unlike `createOpenApiRouter` it adds no validator
 * middleware and no `/openapi.json` route, so it behaves as `Router()`.
 * @internal
 */
export function createTypedRouter(): ApiRouter<typeof spec> {
  return Router() as unknown as ApiRouter<typeof spec>;
}
