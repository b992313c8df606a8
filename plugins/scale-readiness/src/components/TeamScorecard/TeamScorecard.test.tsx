import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import {
  scaleReadinessApiRef,
  type ScaleReadinessApi,
} from '../../api/ScaleReadinessApi';
import { rootRouteRef } from '../../routes';
import {
  entityResult,
  fakeApi,
  responseError,
  teamScorecard,
} from '../../__testUtils__/fixtures';
import { GroupScaleReadinessContent } from './GroupScaleReadinessContent';
import { TeamScorecardPage } from './TeamScorecardPage';

jest.setTimeout(30_000);

const group = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/scale-readiness': rootRouteRef,
};

function renderGroupTab(api: Partial<ScaleReadinessApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
      <EntityProvider entity={group}>
        <GroupScaleReadinessContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
}

function readBlob(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') {
    return blob.text();
  }
  return new Promise(resolve => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

describe('GroupScaleReadinessContent', () => {
  it('shows progress while loading', async () => {
    const api = fakeApi({ getTeam: jest.fn(() => new Promise(() => {})) });
    await renderGroupTab(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getTeam).toHaveBeenCalledWith('group:default/payments');
  });

  it('shows an empty state on 404', async () => {
    const err = await responseError(404, 'no team', 'NotFoundError');
    await renderGroupTab(
      fakeApi({ getTeam: jest.fn(() => Promise.reject(err)) }),
    );
    expect(
      await screen.findByText('No scorecard for this team yet'),
    ).toBeInTheDocument();
  });

  it('shows a ResponseErrorPanel on 503', async () => {
    const err = await responseError(503, 'db down');
    await renderGroupTab(
      fakeApi({ getTeam: jest.fn(() => Promise.reject(err)) }),
    );
    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
  });

  it('shows rollups, weakest links, champions and the components table', async () => {
    await renderGroupTab(
      fakeApi({ getTeam: jest.fn(async () => teamScorecard()) }),
    );
    expect(
      await screen.findByText('Team scorecard: Payments'),
    ).toBeInTheDocument();
    const summary = screen.getByRole('group', { name: 'Rollup summary' });
    expect(summary).toHaveTextContent('3components');
    expect(summary).toHaveTextContent('62average score');
    expect(summary).toHaveTextContent('2at risk at 3×');
    expect(screen.getByText('2 components failing')).toBeInTheDocument();
    expect(screen.getByLabelText('Gold: 1 of 3')).toBeInTheDocument();
    expect(
      screen.getByText('DynamoDB write capacity 100 / peak 40'),
    ).toBeInTheDocument();
    expect(screen.getByText(/affects 2 components/)).toBeInTheDocument();
    expect(
      screen.getByText('includes 1 sub-group', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByText('Open as a page').closest('a')).toHaveAttribute(
      'href',
      '/scale-readiness/teams/default/payments',
    );
    expect(screen.getByText('alice').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(screen.getByText('Components (3 of 3)')).toBeInTheDocument();
    expect(screen.getByText('Orders API').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api',
    );
    expect(screen.getByText('Checkout, "v2"')).toBeInTheDocument();
  });

  it('filters the table and exports exactly the rows shown as CSV', async () => {
    const created: Blob[] = [];
    const originalCreate = URL.createObjectURL;
    const originalRevoke = URL.revokeObjectURL;
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      await renderGroupTab(
        fakeApi({ getTeam: jest.fn(async () => teamScorecard()) }),
      );
      await userEvent.type(
        await screen.findByRole('textbox', { name: 'Search components' }),
        'shop',
      );
      expect(screen.getByText('Components (2 of 3)')).toBeInTheDocument();
      expect(screen.queryByText('ledger')).not.toBeInTheDocument();

      await userEvent.click(
        screen.getByRole('button', { name: /Export CSV \(2 rows\)/ }),
      );
      expect(click).toHaveBeenCalledTimes(1);
      const csv = await readBlob(created[0]);
      const lines = csv.trimEnd().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^entityRef,title,system/);
      expect(csv).toContain('"Checkout, ""v2"""');
      expect(csv).not.toContain('ledger');
    } finally {
      URL.createObjectURL = originalCreate;
      URL.revokeObjectURL = originalRevoke;
      click.mockRestore();
    }
  });

  it('simulates growth on the server and lists what newly fails', async () => {
    const scorecard = teamScorecard();
    const checkoutAt5 = entityResult({
      entityRef: 'component:default/checkout',
      // the server scores a simulated result at the simulated factor
      growthFactor: 5,
      level: 'bronze',
      chain: { ...entityResult().chain, headroom: 4 },
      checks: [
        {
          id: 'autoscaling.hpa-max-headroom',
          dimension: 'autoscaling',
          title: 'HPA max',
          status: 'fail',
          severity: 'high',
          message: 'max 12 / peak 3',
          evidence: [],
        },
      ],
    });
    const api = fakeApi({
      getTeam: jest.fn(async () => scorecard),
      simulate: jest.fn(async () => ({
        growthFactor: 5,
        results: [checkoutAt5],
      })),
    });
    await renderGroupTab(api);
    await screen.findByText('Growth simulator');
    expect(
      screen.getByText(/Showing the stored results at 3×/),
    ).toBeInTheDocument();
    expect(api.simulate).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Simulate 5× growth' }),
    );
    await waitFor(() =>
      expect(api.simulate).toHaveBeenCalledWith({
        team: 'group:default/payments',
        growthFactor: 5,
      }),
    );
    expect(await screen.findByTestId('team-sim-summary')).toHaveTextContent(
      'At 5×: 1 of 1 components break; 1 newly failing at 5× (vs 3×).',
    );
    const table = screen.getByRole('table', {
      name: 'Components that change at 5×',
    });
    expect(within(table).getByText('4× (newly breaks)')).toBeInTheDocument();
    expect(
      within(table).getByText('Autoscaler maximum absorbs the growth factor'),
    ).toBeInTheDocument();
  });

  it('shows a simulation error', async () => {
    const err = await responseError(503, 'busy');
    const api = fakeApi({
      getTeam: jest.fn(async () => teamScorecard()),
      simulate: jest.fn(() => Promise.reject(err)),
    });
    await renderGroupTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Simulate 10× growth' }),
    );
    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
  });
});

describe('TeamScorecardPage', () => {
  it('loads the team from the route parameters', async () => {
    const api = fakeApi({ getTeam: jest.fn(async () => teamScorecard()) });
    await renderInTestApp(
      <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
        <Routes>
          <Route
            path="/teams/:namespace/:name"
            element={<TeamScorecardPage />}
          />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/teams/ops/payments'], mountedRoutes },
    );
    expect(
      await screen.findByText('Team scorecard: Payments'),
    ).toBeInTheDocument();
    expect(api.getTeam).toHaveBeenCalledWith('group:ops/payments');
    expect(screen.getByText('Team scorecard (ops)')).toBeInTheDocument();
  });
});
