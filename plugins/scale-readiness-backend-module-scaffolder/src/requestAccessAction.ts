import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

/** Id of the Scale Readiness action this template action invokes. */
export const REQUEST_ACCESS_ACTION_ID = 'scale-readiness:request-access';

/**
 * The template action `scale-readiness:request-access`: asks a team's
 * champions for time-boxed access for a member (typically the newcomer an
 * onboarding template is run for). It invokes the Scale Readiness backend's
 * `request-access` action over HTTP (discovery + a plugin token on behalf of
 * the user who ran the template), so the request goes through the same
 * service, permissions and audit trail as the API. It creates a pending
 * request; a champion approves it in the portal.
 * @public
 */
export function createRequestAccessAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'scale-readiness:request-access',
    description:
      "Asks a team's champions for time-boxed access (repository or CI runner group) for a member of the team, e.g. a newcomer. Creates a pending request that a champion approves.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Push access to the team repository for a newcomer',
        example: [
          'steps:',
          '  - id: access',
          '    action: scale-readiness:request-access',
          '    input:',
          '      team: group:default/checkout-team',
          '      grantee: ${{ parameters.newcomer }}',
          '      target:',
          '        kind: repository',
          '        via: collaborator',
          '        repository: northwind/cart',
          '        permission: push',
          '      durationHours: 72',
          '      justification: Onboarding week',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        team: z => z.string().min(1).describe('Group ref of the team'),
        grantee: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              'User ref of the member who gets access (default: the user running the template)',
            ),
        target: z =>
          z
            .object({
              kind: z.enum(['repository', 'runner-group']),
              via: z.enum(['collaborator', 'team']).optional(),
              repository: z.string().optional(),
              permission: z.string().optional(),
              team: z.string().optional(),
              runnerGroup: z.string().optional(),
            })
            .describe('What to grant (see docs/champions.md)'),
        durationHours: z =>
          z.number().positive().describe('How long access lasts once approved'),
        justification: z =>
          z.string().min(10).describe('Why (shown to the champions)'),
      },
      output: {
        requestId: z => z.string(),
        state: z => z.string(),
        created: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const input = Object.fromEntries(
        Object.entries(ctx.input).filter(([, v]) => v !== undefined),
      );
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ask ${ctx.input.team} for access for ${
            ctx.input.grantee ?? 'the user running the template'
          }`,
        );
        ctx.output('requestId', 'dry-run');
        ctx.output('state', 'dry-run');
        ctx.output('created', false);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      // on behalf of the user who ran the template (a service token otherwise,
      // which the backend refuses: access is requested by people)
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'scale-readiness',
      });
      const baseUrl = await discovery.getBaseUrl('scale-readiness');
      const result = await ctx.checkpoint({
        key: `scale-readiness-request-access-${ctx.input.team}`,
        fn: async () => {
          const response = await fetch(
            `${baseUrl}/.backstage/actions/v1/actions/${encodeURIComponent(
              REQUEST_ACCESS_ACTION_ID,
            )}/invoke`,
            {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${token}`,
              },
              body: JSON.stringify(input),
            },
          );
          if (!response.ok) {
            // the step log shows the backend's reason, not only the status
            const error = await ResponseError.fromResponse(response);
            throw new Error(
              `Scale Readiness did not create the access request (${response.status}): ${error.body.error.message}`,
              { cause: error },
            );
          }
          const { output } = (await response.json()) as {
            output: {
              created: boolean;
              request: { id: string; state: string };
            };
          };
          return {
            requestId: output.request.id,
            state: output.request.state,
            created: output.created,
          };
        },
      });
      ctx.logger.info(
        `Access request ${result.requestId} is ${result.state}${
          result.created ? '' : ' (it already existed)'
        }: a champion of ${ctx.input.team} approves it on the team page`,
      );
      ctx.output('requestId', result.requestId);
      ctx.output('state', result.state);
      ctx.output('created', result.created);
    },
  });
}
