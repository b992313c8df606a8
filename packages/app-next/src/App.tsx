import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaleReadinessPlugin from '@scale-readiness/plugin-scale-readiness/alpha';
import { signInModule } from './modules/signIn';

/**
 * The features of the new-frontend-system app: the catalog (entity pages),
 * org (group pages) and Scale Readiness through its `/alpha` export. Every
 * route, nav item, entity card and entity tab comes from these plugins'
 * extensions; nothing is wired by hand.
 */
export const features = [
  catalogPlugin,
  orgPlugin,
  scaleReadinessPlugin,
  signInModule,
];

/** The app: `createApp` from `@backstage/frontend-defaults`. */
export const app = createApp({ features });

export default app.createRoot();
