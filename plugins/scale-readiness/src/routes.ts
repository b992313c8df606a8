import { createRouteRef } from '@backstage/core-plugin-api';

/** Root route of the Scale Readiness page (org overview). @public */
export const rootRouteRef = createRouteRef({ id: 'scale-readiness' });
