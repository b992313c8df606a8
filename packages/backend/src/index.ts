/*
 * The Scale Readiness dev portal backend: the Backstage plugins the product
 * builds on (catalog, auth, permissions, kubernetes, notifications) plus the
 * Scale Readiness backend plugin.
 */

import { createBackend } from '@backstage/backend-defaults';
import { scaleReadinessPolicyModule } from './policy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the embedded default
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// oauth2-proxy: identity from the headers of an authenticating proxy in front
// of the portal. Inactive until auth.providers.oauth2Proxy is configured; the
// e2e suite configures it so a second champion can sign in (scripts/e2e.sh).
// Only ever configure it where a proxy strips these headers from clients.
backend.add(
  import('@backstage/plugin-auth-backend-module-oauth2-proxy-provider'),
);

// catalog with the demo org from examples/
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: operators (scaleReadiness.permissions.operatorGroup) run
// reconcile and start reviews; team reads go to members; see
// docs/permissions.md
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(scaleReadinessPolicyModule);

// techdocs, kubernetes, notifications and signals
backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// chat: Slack processor of the notifications backend; it sends nothing until
// notifications.processors.slack is configured (docs/notifications-slack.md)
backend.add(import('@backstage/plugin-notifications-backend-module-slack'));

// Scale Readiness
backend.add(import('@scale-readiness/plugin-scale-readiness-backend'));
backend.add(
  import('@scale-readiness/plugin-scale-readiness-backend-module-github'),
);
// live Kubernetes source (reads the clusters of the kubernetes backend above;
// without a configured cluster it contributes nothing)
backend.add(
  import('@scale-readiness/plugin-scale-readiness-backend-module-kubernetes'),
);
// AWS quotas (Service Quotas + CloudWatch, Lambda, DynamoDB, API Gateway) for
// entities with scale-readiness.io/aws-* annotations; credentials from `aws:`
backend.add(
  import('@scale-readiness/plugin-scale-readiness-backend-module-aws'),
);

// actions for agents: the MCP server over the actions registry
// (backend.actions.pluginSources and mcpActions in app-config.yaml)
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// templates: the scaffolder with scale-readiness:request-access, and the
// Template kind in the catalog (examples/templates/onboard-engineer.yaml)
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(
  import('@scale-readiness/plugin-scale-readiness-backend-module-scaffolder'),
);

backend.start();
