import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { HistoryEntry } from '@scale-readiness/plugin-scale-readiness-common';
import {
  scaleReadinessApiRef,
  type ScaleReadinessApi,
} from '../../api/ScaleReadinessApi';
import {
  entityResponse,
  fakeApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { EntityScaleReadinessContent } from './EntityScaleReadinessContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

const history: HistoryEntry[] = [
  {
    at: '2026-11-20T10:00:00.000Z',
    level: 'not-ready',
    previousLevel: 'bronze',
    score: 40,
    previousScore: 55,
    chainHeadroom: 2.5,
    changes: {
      'quotas.headroom': ['pass', 'fail'],
      'docs.runbook': [null, 'warn'],
    },
  },
];

function render(api: Partial<ScaleReadinessApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityScaleReadinessContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

jest.setTimeout(30_000);

describe('EntityScaleReadinessContent', () => {
  it('shows progress while loading', async () => {
    await render(fakeApi({ getEntity: jest.fn(() => new Promise(() => {})) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the not-scored empty state on 404', async () => {
    const err = await responseError(404, 'none', 'NotFoundError');
    await render(fakeApi({ getEntity: jest.fn(() => Promise.reject(err)) }));
    expect(await screen.findByText('Not scored yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /re-score/i }),
    ).toBeInTheDocument();
  });

  it('shows a ResponseErrorPanel on a server error', async () => {
    const err = await responseError(503, 'db down', 'ServiceUnavailableError');
    await render(fakeApi({ getEntity: jest.fn(() => Promise.reject(err)) }));
    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
  });

  it('shows checks by dimension with evidence, the chain, history, and re-scores', async () => {
    const response = entityResponse(3);
    const api = fakeApi({
      getEntity: jest.fn(async () => response),
      getEntityHistory: jest.fn(async () => history),
    });
    await render(api);

    // failing/unknown dimensions are expanded and show remediations
    expect((await screen.findAllByText(/Next step:/)).length).toBeGreaterThan(
      0,
    );
    // quotas pass at 3× (headroom 4 ≥ 3 × 1.2 margin): collapsed until opened
    expect(
      screen.queryByTestId('check-quotas.headroom'),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('heading', { name: 'Quotas' }));
    const quota = await screen.findByTestId('check-quotas.headroom');
    expect(within(quota).getByText('Pass')).toBeInTheDocument();
    expect(within(quota).getByText('Severity: high')).toBeInTheDocument();
    expect(within(quota).getByText('Headroom 4×')).toBeInTheDocument();
    expect(within(quota).queryByText(/Next step:/)).not.toBeInTheDocument();
    expect(within(quota).getByText('Technical details')).toBeInTheDocument();
    const evidence = within(quota).getByRole('list', { name: 'Evidence' });
    expect(evidence).toHaveTextContent('declared');
    expect(evidence).toHaveTextContent('"limit":1000');
    expect(
      screen.getByRole('heading', { name: 'Owner permissions' }),
    ).toBeInTheDocument();

    // dependency chain: weakest link and member headroom from in-browser evaluation
    const path = screen.getByRole('list', { name: 'Path to the weakest link' });
    expect(within(path).getByText('(weakest link)')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('weakest-link-next-step')).getByRole('link'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/orders-db/scale-readiness',
    );
    const members = screen.getByRole('table', { name: 'Chain members' });
    expect(within(members).getByText('2.5×')).toBeInTheDocument();

    // history
    const historyTable = await screen.findByRole('table', {
      name: 'Readiness history',
    });
    expect(
      within(historyTable).getByText(
        'Quotas absorb the growth factor: Pass → Fail',
      ),
    ).toBeInTheDocument();
    expect(
      within(historyTable).getByText(
        'Runbook / on-call playbook linked: new → Warning',
      ),
    ).toBeInTheDocument();
    expect(within(historyTable).getByText('55 → 40')).toBeInTheDocument();
    expect(api.getEntityHistory).toHaveBeenCalledWith(
      'component:default/orders-api',
      20,
    );

    // re-score
    await userEvent.click(
      screen.getAllByRole('button', { name: /re-score/i })[0],
    );
    await waitFor(() => expect(api.refreshEntity).toHaveBeenCalledTimes(1));
    expect(await screen.findByText(/Re-score requested/)).toBeInTheDocument();
  });

  const champions = (isChampion: boolean) =>
    jest.fn(async () => ({
      team: {
        entityRef: 'group:default/payments',
        title: 'Payments',
        email: 'payments@example.com',
      },
      champions: [
        {
          entityRef: 'user:default/ada',
          displayName: 'Ada Lovelace',
          source: 'catalog',
        },
      ],
      caller: { entityRef: 'user:default/guest', isChampion, isMember: false },
    }));

  it('names the owner with contact on each finding, and hides Waive from non-champions', async () => {
    // the quota fails at 5×: a waivable finding
    const response = entityResponse(5);
    response.result.owner = 'group:default/payments';
    const api = fakeApi({
      getEntity: jest.fn(async () => response),
      getTeamChampions: champions(false),
    });
    await render(api);
    const hints = await screen.findAllByText(
      /Only champions of Payments can waive this finding \(Ada Lovelace\)/,
    );
    expect(hints.length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Waive…' })).toBeNull();
    const contact = screen.getAllByTestId('owner-contact')[0];
    expect(within(contact).getByText('payments@example.com')).toHaveAttribute(
      'href',
      'mailto:payments@example.com',
    );
    expect(api.getTeamChampions).toHaveBeenCalledWith('group:default/payments');
  });

  it('offers Waive to a champion of the owning team', async () => {
    // the quota fails at 5×: a waivable finding
    const response = entityResponse(5);
    response.result.owner = 'group:default/payments';
    await render(
      fakeApi({
        getEntity: jest.fn(async () => response),
        getTeamChampions: champions(true),
      }),
    );
    expect(
      (await screen.findAllByRole('button', { name: 'Waive…' })).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/Only champions of/)).toBeNull();
  });

  it('reports a failed re-score', async () => {
    const api = fakeApi({
      getEntity: jest.fn(async () => entityResponse(3)),
      refreshEntity: jest.fn(() => Promise.reject(new Error('forbidden'))),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: /re-score/i }),
    );
    expect(
      await screen.findByText('Re-score failed: forbidden'),
    ).toBeInTheDocument();
  });

  it('simulates growth in the browser: the quota passes at 2× and newly fails at 5×', async () => {
    await render(
      fakeApi({ getEntity: jest.fn(async () => entityResponse(3)) }),
    );
    await screen.findByText('Growth simulator');

    await userEvent.click(
      screen.getByRole('button', { name: 'Simulate 2× growth' }),
    );
    expect(screen.getByText('Newly failing at 2× (vs 3×)')).toBeInTheDocument();
    expect(screen.getByTestId('sim-none-failing')).toHaveTextContent(
      'Nothing newly fails at 2×.',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Simulate 5× growth' }),
    );
    expect(screen.getByText('Newly failing at 5× (vs 3×)')).toBeInTheDocument();
    const list = screen.getByRole('list', {
      name: 'Checks newly failing at 5×',
    });
    // listed under the failing title, with the message
    expect(
      within(list).getByText('Not met: Quotas absorb the growth factor'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('sim-failing-quotas.headroom')).toHaveTextContent(
      /Not met: Quotas absorb the growth factor.+\S/,
    );

    // free input
    const input = screen.getByRole('textbox', { name: 'Growth factor' });
    await userEvent.clear(input);
    await userEvent.type(input, '1.1');
    expect(
      screen.getByText('Newly failing at 1.1× (vs 3×)'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('sim-none-failing')).toBeInTheDocument();
    await userEvent.clear(input);
    await userEvent.type(input, '-2');
    expect(screen.getByText(/Enter a number above 0/)).toBeInTheDocument();
  });
});
