import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  CheckStatus,
  HistoryEntry,
} from '@scale-readiness/plugin-scale-readiness-common';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { fakeApi } from '../../__testUtils__/fixtures';
import { CHANGES_SHOWN, HistoryList } from './HistoryList';

jest.setTimeout(30_000);

/** A first evaluation: every check goes from absent to a status. */
function firstEvaluation(checks: number): HistoryEntry {
  const changes: Record<string, [CheckStatus | null, CheckStatus | null]> = {};
  for (let i = 0; i < checks; i++) {
    changes[`autoscaling.check-${String(i).padStart(2, '0')}`] = [null, 'pass'];
  }
  return {
    at: '2026-11-20T10:00:00.000Z',
    level: 'silver',
    score: 88,
    chainHeadroom: 1.4,
    changes,
  };
}

async function render(entries: HistoryEntry[]) {
  const api = fakeApi({ getEntityHistory: jest.fn(async () => entries) });
  await renderInTestApp(
    <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
      <HistoryList entityRef="component:default/orders-api" />
    </TestApiProvider>,
  );
  return within(
    await screen.findByRole('table', { name: 'Readiness history' }),
  );
}

describe('HistoryList', () => {
  it('shows the first changed checks of a long entry and expands to all of them', async () => {
    const table = await render([firstEvaluation(30)]);
    expect(table.getAllByText(/absent → Pass/)).toHaveLength(CHANGES_SHOWN);
    expect(
      table.queryByText('autoscaling.check-29: absent → Pass'),
    ).not.toBeInTheDocument();

    await userEvent.click(
      table.getByRole('button', { name: 'Show all 30 changes (25 more)' }),
    );
    expect(table.getAllByText(/absent → Pass/)).toHaveLength(30);
    expect(
      table.getByText('autoscaling.check-29: absent → Pass'),
    ).toBeInTheDocument();

    await userEvent.click(table.getByRole('button', { name: 'Show fewer' }));
    expect(table.getAllByText(/absent → Pass/)).toHaveLength(CHANGES_SHOWN);
  });

  it('lists short entries in full, without a toggle', async () => {
    const table = await render([firstEvaluation(CHANGES_SHOWN)]);
    expect(table.getAllByText(/absent → Pass/)).toHaveLength(CHANGES_SHOWN);
    expect(
      table.queryByRole('button', { name: /Show all/ }),
    ).not.toBeInTheDocument();
  });
});
