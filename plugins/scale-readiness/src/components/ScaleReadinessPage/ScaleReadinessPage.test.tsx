import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  scaleReadinessApiRef,
  type OverviewQuery,
  type ScaleReadinessApi,
} from '../../api/ScaleReadinessApi';
import { rootRouteRef } from '../../routes';
import {
  fakeApi,
  overview,
  responseError,
  rollup,
  teamRow,
  teamScorecard,
} from '../../__testUtils__/fixtures';
import { ScaleReadinessPage } from './ScaleReadinessPage';

jest.setTimeout(30_000);

const mountedRoutes = {
  '/scale-readiness': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

function render(api: Partial<ScaleReadinessApi>, routeEntries = ['/']) {
  return renderInTestApp(
    <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
      <ScaleReadinessPage />
    </TestApiProvider>,
    { mountedRoutes, routeEntries },
  );
}

describe('ScaleReadinessPage (org overview)', () => {
  it('shows progress while loading', async () => {
    await render(
      fakeApi({ getOverview: jest.fn(() => new Promise(() => {})) }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows an empty state when nothing is scored', async () => {
    await render(
      fakeApi({
        getOverview: jest.fn(async () =>
          overview({
            total: 0,
            teams: [],
            org: rollup({ components: 0, score: null }),
          }),
        ),
      }),
    );
    expect(await screen.findByText('Nothing scored yet')).toBeInTheDocument();
  });

  it('shows a ResponseErrorPanel and the backend status on errors', async () => {
    const err = await responseError(503, 'db down');
    await render(
      fakeApi({
        getOverview: jest.fn(() => Promise.reject(err)),
        getHealth: jest.fn(() =>
          Promise.reject(new Error('connection refused')),
        ),
      }),
    );
    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Backend unreachable: connection refused'),
    ).toBeInTheDocument();
  });

  it('shows the org rollup, teams with drill-down links and the health line', async () => {
    const api = fakeApi({ getOverview: jest.fn(async () => overview()) });
    await render(api);
    expect(await screen.findByText('Teams (2)')).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Rollup summary' }),
    ).toHaveTextContent('30components');
    expect(screen.getByText('Team 1').closest('a')).toHaveAttribute(
      'href',
      '/scale-readiness/teams/default/team-1',
    );
    expect(await screen.findByText('Backend ok')).toBeInTheDocument();
    expect(screen.getByText(/3 entities scored/)).toBeInTheDocument();
    // riskiest teams first
    expect(api.getOverview).toHaveBeenCalledWith({
      offset: 0,
      limit: 25,
      sort: 'atRisk',
      order: 'desc',
    });
  });

  it('lists the objects that match no component, with the entity they were read with', async () => {
    const api = fakeApi({
      getOverview: jest.fn(async () => overview()),
      getUnownedObjects: jest.fn(async () => ({
        entitiesScanned: 30,
        objects: [
          {
            type: 'dangling-autoscaler' as const,
            kind: 'HorizontalPodAutoscaler',
            name: 'payouts-worker',
            namespace: 'payments',
            foundOn: 'component:default/payouts-service',
            source: 'manifests',
            location: 'examples/manifests/payouts-service/',
            message:
              'HorizontalPodAutoscaler/payouts-worker (namespace payments) targets Deployment/payouts-worker, which exists nowhere among the objects read: it autoscales nothing.',
          },
        ],
      })),
    });
    await render(api);
    expect(
      await screen.findByText('Objects that match no component (1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('HorizontalPodAutoscaler payments/payouts-worker'),
    ).toBeInTheDocument();
    expect(screen.getByText('Autoscaler without target')).toBeInTheDocument();
    expect(screen.getByText('payouts-service').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payouts-service',
    );
    expect(
      screen.getByText('manifests: examples/manifests/payouts-service/'),
    ).toBeInTheDocument();
    expect(api.getUnownedObjects).toHaveBeenCalledWith();
  });

  it('shows no unowned-objects table when every object matches a component', async () => {
    const api = fakeApi({ getOverview: jest.fn(async () => overview()) });
    await render(api);
    expect(await screen.findByText('Teams (2)')).toBeInTheDocument();
    await waitFor(() => expect(api.getUnownedObjects).toHaveBeenCalled());
    expect(
      screen.queryByText(/Objects that match no component/),
    ).not.toBeInTheDocument();
  });

  it("shows each team's request → access p90 in the one time format", async () => {
    const tta = { windowDays: 90, targetHours: 4 };
    const api = fakeApi({
      getOverview: jest.fn(async () =>
        overview({
          teams: [
            {
              ...teamRow(1),
              timeToAccess: {
                ...tta,
                samples: 3,
                p50Hours: 0.25,
                p90Hours: 5.5,
                pending: 2,
              },
            },
            {
              ...teamRow(2),
              timeToAccess: {
                ...tta,
                samples: 0,
                p50Hours: null,
                p90Hours: null,
                pending: 0,
              },
            },
          ],
        }),
      ),
    });
    await render(api);
    expect(await screen.findByText('Request → access p90')).toBeInTheDocument();
    expect(
      screen.getByTestId('team-tta-group:default/team-1'),
    ).toHaveTextContent('5 h 30 min (2 waiting)');
    expect(
      screen.getByTestId('team-tta-group:default/team-2'),
    ).toHaveTextContent(/^–$/);
  });

  it('pages, sorts and searches on the server', async () => {
    const api = fakeApi({
      getOverview: jest.fn(async (q?: OverviewQuery) =>
        overview({
          total: 60,
          offset: q?.offset ?? 0,
          teams: [teamRow((q?.offset ?? 0) + 1)],
        }),
      ),
    });
    await render(api);
    await screen.findByText('Teams (60)');

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith({
        offset: 25,
        limit: 25,
        sort: 'atRisk',
        order: 'desc',
      }),
    );
    expect(await screen.findByText('Team 26')).toBeInTheDocument();

    await userEvent.click(screen.getByText('At risk'));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith({
        offset: 0,
        limit: 25,
        sort: 'atRisk',
        order: 'asc',
      }),
    );

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search teams' }),
      'pay',
    );
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'pay', offset: 0 }),
      ),
    );
  });

  it('routes /teams/:namespace/:name to the team scorecard', async () => {
    const api = fakeApi({ getTeam: jest.fn(async () => teamScorecard()) });
    await render(api, ['/teams/default/payments']);
    expect(
      await screen.findByText('Team scorecard: Payments'),
    ).toBeInTheDocument();
    expect(api.getTeam).toHaveBeenCalledWith('group:default/payments');
  });
});
