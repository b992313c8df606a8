import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import type {
  AccessRequestListResponse,
  TeamAccessRequest,
  TeamChampionsResponse,
  TeamTimeToAccess,
} from '@scale-readiness/plugin-scale-readiness-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { AccessRequestsCard } from './AccessRequestsCard';
import { formatAge, formatHours } from './accessFormat';

jest.setTimeout(30_000);
// the shared CI machine is slow: give findBy/waitFor more than the default 1 s
configure({ asyncUtilTimeout: 10_000 });

const TEAM = 'group:default/checkout-team';
const NOW = Date.now();
const ME = 'user:default/guest';

const view: TeamChampionsResponse = {
  team: { entityRef: TEAM, title: 'Checkout' },
  champions: [{ entityRef: ME, source: 'catalog' }],
  caller: { entityRef: ME, isChampion: true, isMember: true },
  executor: { id: 'dry-run', dryRun: true, label: 'Dry run' },
  scope: {
    repositories: [
      { repository: 'northwind/cart', entityRef: 'component:default/cart' },
    ],
    githubTeams: ['northwind/checkout'],
    runnerGroups: [],
  },
  members: [ME, 'user:default/newcomer'],
  limits: {
    maxDurationHours: 336,
    defaultDurationHours: 24,
    permissions: ['pull', 'push'],
  },
  timeToAccess: {
    team: TEAM,
    windowDays: 90,
    count: 0,
    medianSeconds: null,
    p90Seconds: null,
    dryRun: true,
  },
};

const measure = (o: Partial<TeamTimeToAccess> = {}): TeamTimeToAccess => ({
  team: TEAM,
  windowDays: 30,
  targetHours: 4,
  samples: 4,
  p50Hours: 0.5,
  p90Hours: 6.25,
  pending: 1,
  oldestPendingSince: new Date(NOW - 3 * 3600_000).toISOString(),
  oldestPendingHours: 3,
  dryRun: false,
  ...o,
});

const pending: TeamAccessRequest = {
  id: 'r1',
  team: TEAM,
  target: {
    kind: 'repository',
    via: 'collaborator',
    repository: 'northwind/cart',
    permission: 'push',
  },
  grantee: 'user:default/newcomer',
  requestedBy: 'user:default/newcomer',
  justification: 'First week: fixing the cart bug',
  durationHours: 8,
  state: 'pending',
  requestedAt: new Date(NOW - 90 * 60_000).toISOString(),
  expiresAt: new Date(NOW + 70 * 3600_000).toISOString(),
};

function list(
  o: Partial<AccessRequestListResponse> = {},
): AccessRequestListResponse {
  return {
    items: [pending],
    caller: { entityRef: ME, isChampion: true, isMember: true },
    timeToAccess: measure(),
    ...o,
  };
}

async function render(api: Record<string, jest.Mock>) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [scaleReadinessApiRef, api as any],
        [alertApiRef, alertApi as any],
      ]}
    >
      <AccessRequestsCard groupRef={TEAM} />
    </TestApiProvider>,
  );
  return { alertApi, ...result };
}

describe('AccessRequestsCard', () => {
  it('shows time to access (request → access) in one unit format', async () => {
    await render({
      listAccessRequests: jest.fn(async () => list()),
      getTeamChampions: jest.fn(async () => view),
    });
    expect(await screen.findByText('p90 request → access')).toBeInTheDocument();
    expect(screen.getByTestId('tta-p50')).toHaveTextContent('30 min');
    expect(screen.getByTestId('tta-p90')).toHaveTextContent('6 h 15 min');
    expect(screen.getByText(/target ≤ 4 h · over target/)).toBeInTheDocument();
    expect(screen.getByTestId('tta-pending')).toHaveTextContent('1');
    expect(screen.getByTestId('tta-oldest')).toHaveTextContent('3 h');
  });

  it('lets a member request access with labelled, required controls and shows server errors', async () => {
    const api = {
      listAccessRequests: jest.fn(async () =>
        list({
          items: [],
          caller: { entityRef: ME, isChampion: false, isMember: true },
          timeToAccess: measure({
            samples: 0,
            p50Hours: null,
            p90Hours: null,
            pending: 0,
          }),
        }),
      ),
      getTeamChampions: jest.fn(async () => view),
      createAccessRequest: jest
        .fn()
        .mockRejectedValueOnce(
          new Error(
            'northwind/other is not in the scope of group:default/checkout-team',
          ),
        )
        .mockImplementation(async (request: any) => ({
          created: true,
          request: { ...pending, id: 'r9', target: request.target },
        })),
    };
    const { alertApi } = await render(api);
    expect(
      await screen.findByText(/No request reached access/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('tta-p90')).toHaveTextContent('–');
    expect(
      screen.queryByText(/Access requests waiting/),
    ).not.toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Request access' });
    const kind = within(form).getByLabelText(/Access/);
    expect(kind).toBeRequired();
    expect(
      within(kind as HTMLElement)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Repository access', 'GitHub team membership']);
    expect(within(form).getByLabelText(/Repository/)).toBeRequired();
    expect(within(form).getByLabelText(/Permission/)).toHaveValue('push');
    const justification = within(form).getByLabelText(/Reason for access/);
    expect(justification).toBeRequired();
    const submit = within(form).getByRole('button', { name: 'Request access' });
    expect(submit).toBeDisabled();
    await userEvent.type(justification, 'First week: fixing the cart bug');
    const duration = within(form).getByLabelText(/For how long \(hours\)/);
    await userEvent.clear(duration);
    await userEvent.type(duration, '400');
    expect(screen.getByText('At most 336 hours')).toBeInTheDocument();
    await userEvent.clear(duration);
    await userEvent.type(duration, '8');
    await userEvent.click(submit);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not send the request: northwind/other is not in the scope',
    );
    await userEvent.click(submit);
    await waitFor(() =>
      expect(api.createAccessRequest).toHaveBeenCalledTimes(2),
    );
    expect(api.createAccessRequest.mock.calls[1][0]).toEqual({
      team: TEAM,
      target: {
        kind: 'repository',
        via: 'collaborator',
        repository: 'northwind/cart',
        permission: 'push',
      },
      durationHours: 8,
      justification: 'First week: fixing the cart bug',
    });
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'success',
          message: expect.stringMatching(/^Requested: push on northwind\/cart/),
        }),
      ),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.listAccessRequests).toHaveBeenCalledTimes(2);
  });

  it('lets a champion approve after confirmation and shows the resulting grant state', async () => {
    const approved: TeamAccessRequest = {
      ...pending,
      state: 'approved',
      grantState: 'active',
      grantId: 'g1',
      decidedBy: ME,
      activatedAt: new Date(NOW).toISOString(),
    };
    const api = {
      listAccessRequests: jest
        .fn()
        .mockResolvedValueOnce(list())
        .mockResolvedValue(
          list({ items: [approved], timeToAccess: measure({ pending: 0 }) }),
        ),
      getTeamChampions: jest.fn(async () => view),
      approveAccessRequest: jest.fn(async () => approved),
    };
    const { alertApi } = await render(api);
    expect(
      await screen.findByText('Access requests waiting (1)'),
    ).toBeInTheDocument();
    const row = screen
      .getByText('First week: fixing the cart bug')
      .closest('tr')!;
    expect(row).toHaveTextContent('newcomer');
    expect(row).toHaveTextContent('push on northwind/cart · 8 h');
    expect(row).toHaveTextContent('1 h 30 min');
    await userEvent.click(
      within(row).getByRole('button', { name: /^Approve request of newcomer/ }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('for 8 hours');
    await userEvent.type(within(dialog).getByLabelText(/Comment/), 'welcome');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm approval' }),
    );
    await waitFor(() =>
      expect(api.approveAccessRequest).toHaveBeenCalledWith('r1', 'welcome'),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'success',
          message: 'Request of newcomer: approved · grant active',
        }),
      ),
    );
    expect(await screen.findByTestId('request-state-r1')).toHaveTextContent(
      'approved · grant active',
    );
    expect(screen.getByText('Access requests waiting (0)')).toBeInTheDocument();
  });

  it('requires a reason to deny and keeps the dialog open on a refusal', async () => {
    const api = {
      listAccessRequests: jest.fn(async () => list()),
      getTeamChampions: jest.fn(async () => view),
      denyAccessRequest: jest
        .fn()
        .mockRejectedValue(new Error('Request r1 is cancelled')),
    };
    const { alertApi } = await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: /^Deny request of newcomer/ }),
    );
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', {
      name: 'Confirm denial',
    });
    expect(within(dialog).getByLabelText(/Reason/)).toBeRequired();
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'not in scope',
    );
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message: 'Could not deny the request: Request r1 is cancelled',
        }),
      ),
    );
    expect(api.denyAccessRequest).toHaveBeenCalledWith('r1', 'not in scope');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('closes the dialog and shows the failure when approval ends the request as failed', async () => {
    const message =
      'Grant g0 for the same access is still open (active); revoke it or wait for it to end';
    const failed: TeamAccessRequest = {
      ...pending,
      state: 'failed',
      decidedBy: ME,
      lastError: message,
    };
    const api = {
      listAccessRequests: jest
        .fn()
        .mockResolvedValueOnce(list())
        .mockResolvedValue(
          list({ items: [failed], timeToAccess: measure({ pending: 0 }) }),
        ),
      getTeamChampions: jest.fn(async () => view),
      approveAccessRequest: jest.fn().mockRejectedValue(new Error(message)),
    };
    const { alertApi } = await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Approve request of newcomer/,
      }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Confirm approval',
      }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message: `Could not approve the request: ${message}`,
        }),
      ),
    );
    expect(await screen.findByTestId('request-state-r1')).toHaveTextContent(
      'failed',
    );
    expect(screen.getByText(message)).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('says when access requests are unavailable, and when nothing is waiting', async () => {
    await render({
      listAccessRequests: jest.fn(async () => {
        throw new Error('Not allowed: scale-readiness.access-request.read');
      }),
      getTeamChampions: jest.fn(async () => view),
    });
    expect(
      await screen.findByText(/Access requests are unavailable/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Not allowed: scale-readiness.access-request.read/),
    ).toBeInTheDocument();
  });

  it('tells a non-member who is refused (403) how to get access instead of an error', async () => {
    const forbidden = Object.assign(
      new Error('Not allowed: scale-readiness.access-request.read'),
      { statusCode: 403 },
    );
    await render({
      listAccessRequests: jest.fn(async () => {
        throw forbidden;
      }),
      getTeamChampions: jest.fn(async () => view),
    });
    expect(
      await screen.findByTestId('access-requests-forbidden'),
    ).toHaveTextContent('Only members of this team (and operators)');
    expect(screen.queryByText(/unavailable/)).not.toBeInTheDocument();
  });

  it('shows an empty inbox to a champion', async () => {
    await render({
      listAccessRequests: jest.fn(async () =>
        list({ items: [], timeToAccess: measure({ pending: 0 }) }),
      ),
      getTeamChampions: jest.fn(async () => view),
    });
    expect(
      await screen.findByText('No request is waiting for a champion.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No access requests yet.')).toBeInTheDocument();
    expect(screen.getByTestId('tta-oldest')).toHaveTextContent('–');
  });
});

describe('access time format', () => {
  it('uses one format for hours and ages', () => {
    expect(formatHours(null)).toBe('–');
    expect(formatHours(0.001)).toBe('< 1 min');
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(6.25)).toBe('6 h 15 min');
    expect(formatHours(50)).toBe('2 d 2 h');
    expect(formatAge(new Date(NOW - 90 * 60_000).toISOString(), NOW)).toBe(
      '1 h 30 min',
    );
  });
});
