import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import {
  type FakeApi,
  fakeApi,
  responseError,
  trend,
} from '../../__testUtils__/fixtures';
import { ReadinessTrendChart, type TrendScope } from './ReadinessTrendChart';
import { dayTicks, formatShortDay, dayMs } from './trendFormat';

jest.setTimeout(30_000);

const TEAM: TrendScope = { kind: 'team', groupRef: 'group:default/payments' };

function render(api: FakeApi, scope: TrendScope = TEAM) {
  return renderInTestApp(
    <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
      <ReadinessTrendChart scope={scope} />
    </TestApiProvider>,
  );
}

const POINTS = [
  { day: '2026-09-07', score: 81.6, weakestHeadroom: 1.1, demo: true },
  { day: '2026-10-20', score: 85, weakestHeadroom: 1.2, demo: true },
  { day: '2026-12-04', score: 90, weakestHeadroom: 1.4, demo: true },
  { day: '2026-12-05', score: 91, weakestHeadroom: 1.4 },
];

describe('ReadinessTrendChart', () => {
  it('draws the points with axes, the target line and a summary', async () => {
    const api = fakeApi({
      getTeamTrend: jest.fn(async () =>
        trend(
          {},
          POINTS.map(p => ({ ...p, demo: false })),
        ),
      ),
    });
    const { container } = await render(api);
    expect(
      await screen.findByText(
        'Score 82 → 91 over 90 days; weakest headroom 1.4× (target 3×).',
      ),
    ).toBeInTheDocument();
    expect(api.getTeamTrend).toHaveBeenCalledWith('group:default/payments', 90);
    expect(container.querySelector('svg.recharts-surface')).not.toBeNull();
    // both series are drawn as lines
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
    expect(screen.getByText('target 3×')).toBeInTheDocument();
    // short day labels on the time axis, × on the headroom axis
    expect(screen.getByText('7 Sept')).toBeInTheDocument();
    expect(screen.getByText('5 Dec')).toBeInTheDocument();
    expect(screen.getAllByText('100').length).toBeGreaterThan(0);
    // headroom axis in whole steps up to above the target
    const svg = container.querySelector('svg.recharts-surface') as HTMLElement;
    for (const t of ['0×', '1×', '2×', '3×', '4×']) {
      expect(within(svg).getByText(t)).toBeInTheDocument();
    }
    expect(screen.queryByText('Demo data')).not.toBeInTheDocument();
  });

  it('labels generated history as demo data', async () => {
    const api = fakeApi({
      getTeamTrend: jest.fn(async () => trend({}, POINTS)),
    });
    await render(api);
    expect(await screen.findByText('Demo data')).toBeInTheDocument();
    expect(screen.getByTestId('trend-summary')).toHaveTextContent(
      'Includes generated demo history (3 of 4 days).',
    );
  });

  it('explains an empty trend', async () => {
    await render(fakeApi());
    expect(
      await screen.findByText(
        /No history yet: the first point appears after the next scoring pass\./,
      ),
    ).toBeInTheDocument();
  });

  it('explains a component without a result', async () => {
    const api = fakeApi({
      getEntityTrend: jest.fn(async () => {
        throw await responseError(
          404,
          'No readiness result for component:default/x',
        );
      }),
    });
    await render(api, { kind: 'entity', entityRef: 'component:default/x' });
    expect(
      await screen.findByText(
        /No result yet: this component has not been scored/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the server's error message", async () => {
    const api = fakeApi({
      getOrgTrend: jest.fn(async () => {
        throw await responseError(
          400,
          'Invalid query: window must be one of 30, 90, 365',
        );
      }),
    });
    await render(api, { kind: 'org' });
    expect(
      (await screen.findAllByText(/window must be one of 30, 90, 365/)).length,
    ).toBeGreaterThan(0);
  });

  it('asks for 30 days when the window is switched', async () => {
    const api = fakeApi({
      getTeamTrend: jest.fn(async (_ref: string, w: number) =>
        trend(
          { window: w, from: w === 30 ? '2026-11-06' : '2026-09-07' },
          POINTS.slice(-2),
        ),
      ),
    });
    await render(api);
    await screen.findByTestId('trend-summary');
    expect(screen.getByRole('button', { name: '90 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await userEvent.click(screen.getByRole('button', { name: '30 days' }));
    await waitFor(() =>
      expect(api.getTeamTrend).toHaveBeenLastCalledWith(
        'group:default/payments',
        30,
      ),
    );
    await screen.findByTestId('trend-summary');
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByText('6 Nov')).toBeInTheDocument();
  });
});

describe('dayTicks', () => {
  it('spreads whole days over the window and keeps today', () => {
    const ticks = dayTicks('2026-09-07', '2026-12-05', 7);
    expect(ticks[0]).toBe(dayMs('2026-09-07'));
    expect(ticks[ticks.length - 1]).toBe(dayMs('2026-12-05'));
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(formatShortDay(ticks[ticks.length - 1])).toBe('5 Dec');
  });
});
