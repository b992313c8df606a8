import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  scaleReadinessApiRef,
  type ScaleReadinessApi,
} from '../../api/ScaleReadinessApi';
import {
  COLLECTED_AT,
  entityResult,
  fakeApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { EntityScaleReadinessCard } from './EntityScaleReadinessCard';

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

function render(api: Partial<ScaleReadinessApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityScaleReadinessCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityScaleReadinessCard', () => {
  it('shows progress while loading', async () => {
    const api = fakeApi({ getEntity: jest.fn(() => new Promise(() => {})) });
    await render(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getEntity).toHaveBeenCalledWith('component:default/orders-api');
  });

  it('says why a component scoring 100 is Bronze, and colours the ring by level', async () => {
    const api = fakeApi({
      getEntity: jest.fn(async () => ({
        result: entityResult({ score: 100 }),
        evaluatedAt: COLLECTED_AT,
        facts: [
          {
            entityRef: 'resource:default/orders-db',
            kind: 'Resource',
            title: 'Orders table',
          } as any,
        ],
      })),
    });
    await render(api);
    expect(await screen.findByTestId('level-explanation')).toHaveTextContent(
      'Bronze because the chain breaks at 2.5× at Orders table',
    );
    expect(screen.getByTestId('score-gauge')).toHaveAttribute(
      'data-level',
      'bronze',
    );
    expect(
      screen.getByLabelText('Score 100 of 100, level Bronze'),
    ).toBeInTheDocument();
  });

  it('shows the data: level with text, score, headrooms, dimensions, coverage, tab link', async () => {
    const api = fakeApi({
      getEntity: jest.fn(async () => ({
        result: entityResult(),
        evaluatedAt: COLLECTED_AT,
        facts: [],
      })),
    });
    await render(api);
    expect(await screen.findByText('Bronze')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Readiness level: Bronze'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Score 72 of 100, level Bronze'),
    ).toBeInTheDocument();
    expect(screen.getByText('Target growth 3×')).toBeInTheDocument();
    expect(
      screen.getByText(
        /survives 2\.5× — breaks at orders-db \(Quotas absorb the growth factor\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Below 3×')).toBeInTheDocument();
    expect(
      screen.getByText(/survives 4× — breaks at orders-api/),
    ).toBeInTheDocument();
    expect(screen.getByText('OK at 3×')).toBeInTheDocument();
    expect(
      screen.getByText(/Coverage 80% \(8 of 10 applicable checks evaluated\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('Owner permissions')).toBeInTheDocument();
    expect(screen.getByText('Fail')).toBeInTheDocument();
    expect(
      screen.getByText('Scale readiness details').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/scale-readiness',
    );
  });

  it('never shows NaN: a null score reads "no applicable checks"', async () => {
    const api = fakeApi({
      getEntity: jest.fn(async () => ({
        result: entityResult({
          score: null,
          level: 'not-ready',
          ownHeadroom: null,
        }),
        evaluatedAt: COLLECTED_AT,
        facts: [],
      })),
    });
    const { container } = await render(api);
    expect(
      await screen.findByText('Score: no applicable checks'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('score-gauge')).not.toBeInTheDocument();
    expect(screen.getByText('Not ready')).toBeInTheDocument();
    expect(screen.getByText(/no capacity limit found/)).toBeInTheDocument();
    expect(container.textContent).not.toMatch(/NaN/);
  });

  it('shows a "not scored yet" state on 404 with a working re-score button', async () => {
    const notFound = await responseError(404, 'no result', 'NotFoundError');
    const api = fakeApi({
      getEntity: jest.fn(async () => Promise.reject(notFound)),
    });
    await render(api);
    expect(await screen.findByText('Not scored yet')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /re-score/i }));
    await waitFor(() =>
      expect(api.refreshEntity).toHaveBeenCalledWith(
        'component:default/orders-api',
      ),
    );
    expect(await screen.findByText(/Re-score requested/)).toBeInTheDocument();
  });

  it('shows a ResponseErrorPanel on a 503', async () => {
    const unavailable = await responseError(
      503,
      'database unavailable',
      'ServiceUnavailableError',
    );
    const api = fakeApi({
      getEntity: jest.fn(async () => Promise.reject(unavailable)),
    });
    await render(api);
    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Not scored yet')).not.toBeInTheDocument();
  });
});
