/**
 * The `request-access` action: the same write as `POST /access-requests`
 * (the AccessRequestService, its rules, audit trail and notifications), for
 * the calling user's credentials and the team-scoped permission policy.
 *
 * Unlike the HTTP route, the action accepts a user's credentials delegated by
 * a Backstage plugin (the MCP server, the scaffolder): every action call
 * arrives that way. It only creates a *request*: a champion of the team still
 * has to approve it before any access exists, and the delegating plugin is
 * recorded in the auditor event. Services acting for themselves are refused.
 */
import type {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { scaleReadinessAccessRequestCreatePermission } from '@scale-readiness/plugin-scale-readiness-common';
import {
  createAccessRequestBodySchema,
  toApiRequest,
  type AccessRequestService,
} from '../accessRequests';
import { groupRef, parseInput, type RouteSupport } from '../http';
import { teamPermissionResource, type TeamDirectory } from '../teams';
import { summariseRequest, type Z } from './schemas';

/** An access request as the request-access action returns it. */
const accessRequestSchema = (z: Z) =>
  z.object({
    id: z.string(),
    team: z.string(),
    grantee: z.string(),
    requestedBy: z.string(),
    state: z.string(),
    durationHours: z.number(),
    requestedAt: z.string(),
    expiresAt: z.string(),
    target: z.record(z.unknown()),
  });

/** What the request-access action uses. */
export interface RequestAccessActionOptions {
  actionsRegistry: ActionsRegistryService;
  support: Pick<RouteSupport, 'resourceDecision'>;
  directory: Pick<TeamDirectory, 'getTeam'>;
  service: Pick<AccessRequestService, 'create'>;
  auditor: AuditorService;
}

/** The user behind action credentials, and the plugin that delegated them. */
export function actionUser(credentials: BackstageCredentials): {
  userRef: string;
  via?: string;
} {
  const p = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    actor?: { subject?: string };
  };
  if (p.type !== 'user' || !p.userEntityRef) {
    throw new NotAllowedError('Access can only be requested by a user');
  }
  return {
    userRef: p.userEntityRef.toLowerCase(),
    ...(p.actor?.subject ? { via: p.actor.subject } : {}),
  };
}

/** Registers `request-access`. */
export function registerRequestAccessAction(
  options: RequestAccessActionOptions,
): void {
  const { support, directory, service, auditor } = options;
  options.actionsRegistry.register({
    name: 'request-access',
    title: 'Request access in a team scope',
    description:
      "Asks a team's champions for time-boxed access (repository collaborator, repository team, or a CI runner group) for the caller or for a member of the team (e.g. a newcomer). Creates a pending request; nothing is granted until a champion approves. The same request by the same person is returned, not duplicated.",
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      // the shape for clients; the API's own schema validates it below
      input: z =>
        z.object({
          team: z.string().min(1).max(300).describe('Group ref of the team'),
          target: z
            .object({
              kind: z.enum(['repository', 'runner-group']),
              via: z.enum(['collaborator', 'team']).optional(),
              repository: z.string().optional().describe('owner/name'),
              permission: z
                .string()
                .optional()
                .describe(
                  'pull, triage, push, maintain or admin (collaborator)',
                ),
              team: z
                .string()
                .optional()
                .describe('GitHub team owner/slug (via team)'),
              runnerGroup: z.string().optional().describe('owner/runner-group'),
            })
            .describe(
              'repository via collaborator (repository, permission), repository via team (team), or runner-group (runnerGroup, repository)',
            ),
          grantee: z
            .string()
            .optional()
            .describe(
              'User ref of the member who gets access (default: the caller)',
            ),
          durationHours: z.number().positive(),
          justification: z.string().min(10).max(1000),
        }),
      output: z =>
        z.object({ created: z.boolean(), request: accessRequestSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const event = await auditor.createEvent({
        eventId: 'access-request-create',
        severityLevel: 'high',
        meta: { via: 'action', team: input.team },
      });
      try {
        const body = parseInput(
          createAccessRequestBodySchema,
          Object.fromEntries(
            Object.entries(input).filter(([, v]) => v !== undefined),
          ),
          'input',
        );
        const { userRef, via } = actionUser(credentials);
        // DENY answers before the team is loaded; conditions apply to it
        const decision = await support.resourceDecision(
          credentials,
          scaleReadinessAccessRequestCreatePermission,
        );
        const ref = groupRef(body.team);
        const team = await directory.getTeam(ref);
        if (!team) throw new NotFoundError(`No group ${ref} in the catalog`);
        decision.check(teamPermissionResource(team));
        const result = await service.create({ userRef, team }, body, {
          ref: userRef,
        });
        await event.success({
          meta: {
            actor: userRef,
            ...(via ? { onBehalfOf: via } : {}),
            requestId: result.request.id,
            created: result.created,
          },
        });
        return {
          output: {
            created: result.created,
            request: summariseRequest(toApiRequest(result.request)),
          },
        };
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  });
}
