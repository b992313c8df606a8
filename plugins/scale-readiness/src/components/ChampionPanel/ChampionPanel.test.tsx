import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  Grant,
  TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { responseError } from '../../__testUtils__/fixtures';
import { ChampionPanel } from './ChampionPanel';
import { formatSeconds, timeLeft } from './grantFormat';

jest.setTimeout(30_000);

/**
 * Puts text into a field as one paste: typing a sentence key by key re-renders
 * the whole form per key and, on a loaded CI machine, ran past the timeout.
 */
async function pasteInto(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

const TEAM = 'group:default/checkout-team';
const NOW = Date.now();

function view(
  overrides: Partial<TeamChampionsResponse> = {},
): TeamChampionsResponse {
  return {
    team: {
      entityRef: TEAM,
      title: 'Checkout',
      email: 'checkout@northwind.example',
      chatUrl: 'https://chat.example/checkout',
    },
    champions: [
      {
        entityRef: 'user:default/alice',
        displayName: 'Alice Liddell',
        email: 'alice@northwind.example',
        source: 'catalog',
      },
    ],
    caller: {
      entityRef: 'user:default/alice',
      isChampion: true,
      isMember: true,
    },
    executor: {
      id: 'dry-run',
      dryRun: true,
      label: 'Dry run (no GitHub integration configured: nothing is changed)',
    },
    scope: {
      repositories: [
        { repository: 'northwind/cart', entityRef: 'component:default/cart' },
        {
          repository: 'northwind/checkout-api',
          entityRef: 'component:default/checkout-api',
        },
      ],
      githubTeams: ['northwind/checkout'],
      runnerGroups: ['northwind/linux-large'],
    },
    members: ['user:default/alice', 'user:default/bob'],
    limits: {
      maxDurationHours: 336,
      defaultDurationHours: 24,
      permissions: ['pull', 'triage', 'push', 'maintain'],
    },
    timeToAccess: {
      team: TEAM,
      windowDays: 90,
      count: 3,
      medianSeconds: 42,
      p90Seconds: 3700,
      dryRun: true,
    },
    ...overrides,
  };
}

const activeGrant: Grant = {
  id: '3f2a9c1e-0000-4000-8000-000000000001',
  team: TEAM,
  target: {
    kind: 'repository',
    via: 'collaborator',
    repository: 'northwind/cart',
    permission: 'push',
  },
  grantee: 'user:default/bob',
  requestedBy: 'user:default/alice',
  justification: 'Pairing on the cart outage',
  state: 'active',
  executor: 'dry-run',
  dryRun: true,
  durationSeconds: 7200,
  requestedAt: new Date(NOW - 60_000).toISOString(),
  activatedAt: new Date(NOW - 59_000).toISOString(),
  expiresAt: new Date(NOW + 2 * 3600_000 - 61_000).toISOString(),
  attempts: 0,
  summary: 'Dry run: would give @bob-gh push on northwind/cart',
};

function fakeApi(overrides: Record<string, jest.Mock> = {}) {
  return {
    getTeamChampions: jest.fn(async () => view()),
    listGrants: jest.fn(async () => [activeGrant]),
    createGrant: jest.fn(async (request: any, _key?: string) => ({
      created: true,
      grant: {
        ...activeGrant,
        id: 'new',
        target: request.target,
        grantee: request.grantee,
      },
    })),
    revokeGrant: jest.fn(async () => ({ ...activeGrant, state: 'revoked' })),
    getGrantAuditLog: jest.fn(async () => [
      {
        id: 2,
        grantId: activeGrant.id,
        team: TEAM,
        at: new Date(NOW).toISOString(),
        actor: 'user:default/alice',
        action: 'activated',
        fromState: 'requested',
        toState: 'active',
        details: {
          summary: 'Dry run: would give @bob-gh push on northwind/cart',
        },
      },
    ]),
    ...overrides,
  };
}

function render(api: ReturnType<typeof fakeApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[scaleReadinessApiRef, api as any]]}>
      <ChampionPanel groupRef={TEAM} />
    </TestApiProvider>,
  );
}

describe('ChampionPanel', () => {
  it('labels its selects and marks required fields', async () => {
    await render(fakeApi());
    await screen.findByText('Grant access', { selector: 'h6' });
    for (const [id, label] of [
      ['grant-kind-select', 'Access'],
      ['grant-repository-select', 'Repository'],
      ['grant-grantee-select', 'For'],
    ]) {
      expect(document.getElementById(id)).toHaveAttribute(
        'aria-labelledby',
        `${id}-label ${id}`,
      );
      expect(document.getElementById(`${id}-label`)).toHaveTextContent(
        `${label} *`,
      );
    }
    expect(
      screen.getByText(/Required: why this access is needed/),
    ).toBeInTheDocument();
  });

  it('refuses a second grant of the same access before submitting', async () => {
    const mine = { ...activeGrant, grantee: 'user:default/alice' };
    const api = fakeApi({ listGrants: jest.fn(async () => [mine]) });
    await render(api);
    expect(await screen.findByTestId('grant-duplicate')).toHaveTextContent(
      'alice already has this access',
    );
    expect(screen.getByTestId('grant-duplicate')).toHaveTextContent(
      'extend or revoke the existing one',
    );
    await pasteInto(
      screen.getByLabelText('Justification'),
      'Joining the cart on-call rotation',
    );
    expect(screen.getByRole('button', { name: 'Grant access' })).toBeDisabled();
    expect(api.createGrant).not.toHaveBeenCalled();
  });

  it('shows the server message of a 409 next to the form, without an unhandled rejection', async () => {
    const conflict = Object.assign(new Error('Request failed with 409'), {
      cause: {
        message: 'bob already has an active grant of push on northwind/cart',
      },
    });
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    const api = fakeApi({
      listGrants: jest.fn(async () => []),
      createGrant: jest.fn(async () => {
        throw conflict;
      }),
    });
    await render(api);
    await screen.findByText('Grant access', { selector: 'h6' });
    await pasteInto(
      screen.getByLabelText('Justification'),
      'Joining the cart on-call rotation',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'bob already has an active grant of push on northwind/cart',
    );
    await new Promise(r => setTimeout(r, 50));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('shows a champion the dry-run label, time-to-access and active grants with time left', async () => {
    const api = fakeApi();
    await render(api);
    expect(await screen.findByText('Champion actions')).toBeInTheDocument();
    expect(screen.getByTestId('dry-run')).toHaveTextContent(/dry run/i);
    expect(screen.getByTestId('time-to-access')).toHaveTextContent(
      'median 42 s, p90 1 h 1 min over 3 grants (dry run)',
    );
    expect(screen.getByText('push on northwind/cart')).toBeInTheDocument();
    expect(screen.getByText('1 h 58 min')).toBeInTheDocument();
    expect(api.listGrants).toHaveBeenCalledWith(TEAM);
  });

  it('grants with a request limited to the team scope, and revokes', async () => {
    const api = fakeApi();
    await render(api);
    await screen.findByText('Grant access', { selector: 'h6' });
    const submit = screen.getByRole('button', { name: 'Grant access' });
    expect(submit).toBeDisabled(); // justification required
    await pasteInto(
      screen.getByLabelText('Justification'),
      'Joining the cart on-call rotation',
    );
    const duration = screen.getByLabelText('Duration (hours)');
    await userEvent.clear(duration);
    await userEvent.type(duration, '400');
    expect(screen.getByText('At most 336 hours')).toBeInTheDocument();
    expect(submit).toBeDisabled();
    await userEvent.clear(duration);
    await userEvent.type(duration, '8');

    // pick GitHub team membership: only the team's GitHub team is offered
    fireEvent.mouseDown(screen.getAllByRole('button')[0]);
    const kinds = within(await screen.findByRole('listbox'));
    expect(kinds.getAllByRole('option').map(o => o.textContent)).toEqual([
      'Repository access',
      'GitHub team membership',
      'CI runner group for a repository',
    ]);
    await userEvent.click(kinds.getByText('GitHub team membership'));
    await userEvent.click(submit);
    await waitFor(() => expect(api.createGrant).toHaveBeenCalledTimes(1));
    const [request, key] = api.createGrant.mock.calls[0];
    expect(request).toEqual({
      team: TEAM,
      target: { kind: 'repository', via: 'team', team: 'northwind/checkout' },
      grantee: 'user:default/alice',
      durationHours: 8,
      justification: 'Joining the cart on-call rotation',
    });
    expect(key).toEqual(expect.any(String));
    await waitFor(() => expect(api.listGrants).toHaveBeenCalledTimes(2));

    // revoking asks first, with an optional reason
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Revoke push on northwind/cart for bob',
      }),
    );
    expect(api.revokeGrant).not.toHaveBeenCalled();
    await pasteInto(
      screen.getByLabelText('Reason (optional)'),
      'Pairing finished',
    );
    await userEvent.click(screen.getByTestId('confirm-revoke'));
    await waitFor(() =>
      expect(api.revokeGrant).toHaveBeenCalledWith(
        activeGrant.id,
        'Pairing finished',
      ),
    );

    // the confirmation closes (the rest of the page is inert until it has)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show audit log' }),
    );
    expect(await screen.findByText('Audit log')).toBeInTheDocument();
    expect(screen.getByText('requested → active')).toBeInTheDocument();
  }, 60_000); // the longest flow here: grant, list, revoke

  it('tells callers the policy keeps out (not members, not operators) who may act, without a warning', async () => {
    const refused = await responseError(
      403,
      'Not allowed: scale-readiness.grant.read on group:default/checkout',
      'NotAllowedError',
    );
    const api = fakeApi({
      getTeamChampions: jest.fn(async () => {
        throw refused;
      }),
      listGrants: jest.fn(async () => {
        throw refused;
      }),
    });
    await render(api);
    expect(
      await screen.findByText(/Only the team's champions can grant/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/only its members and operators/),
    ).toBeInTheDocument();
    expect(screen.getByText('Champion actions')).toBeInTheDocument();
    expect(
      screen.queryByText('Champion actions are unavailable'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Grant access' }),
    ).not.toBeInTheDocument();
  });

  it('shows non-champions who the champions are and how to ask, without the form', async () => {
    const api = fakeApi({
      getTeamChampions: jest.fn(async () =>
        view({
          caller: {
            entityRef: 'user:default/bob',
            isChampion: false,
            isMember: true,
          },
          members: [],
        }),
      ),
    });
    await render(api);
    expect(
      await screen.findByText(/Only the team's champions can grant/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Alice Liddell/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^alice@northwind.example/ }),
    ).toHaveAttribute('href', 'mailto:alice@northwind.example');
    expect(screen.getByRole('link', { name: /^team channel/ })).toHaveAttribute(
      'href',
      'https://chat.example/checkout',
    );
    expect(
      screen.queryByRole('button', { name: 'Grant access' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Revoke/ }),
    ).not.toBeInTheDocument();
  });

  it('says when champion actions are unavailable', async () => {
    const api = fakeApi({
      getTeamChampions: jest.fn(async () =>
        Promise.reject(new Error('Not allowed: scale-readiness.grant.read')),
      ),
    });
    await render(api);
    expect(
      await screen.findByText(/Champion actions are unavailable/),
    ).toBeInTheDocument();
  });
});

describe('grant formatting', () => {
  it('formats durations and time left', () => {
    expect(formatSeconds(42)).toBe('42 s');
    expect(formatSeconds(3700)).toBe('1 h 1 min');
    expect(formatSeconds(14 * 86_400)).toBe('14 d');
    expect(formatSeconds(null)).toBe('–');
    expect(timeLeft({ expiresAt: new Date(NOW - 1).toISOString() }, NOW)).toBe(
      'expired',
    );
    expect(
      timeLeft({ expiresAt: new Date(NOW + 90 * 60_000).toISOString() }, NOW),
    ).toBe('1 h 30 min');
  });
});
