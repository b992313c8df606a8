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
  it('summarises a first evaluation and expands to every check', async () => {
    const table = await render([firstEvaluation(30)]);
    expect(
      table.getByText('30 checks first recorded: 30 pass'),
    ).toBeInTheDocument();
    expect(table.queryByText(/new → Pass/)).not.toBeInTheDocument();

    await userEvent.click(
      table.getByRole('button', { name: 'Show the 30 checks' }),
    );
    expect(table.getAllByText(/new → Pass/)).toHaveLength(30);
    expect(
      table.getByText('Autoscaling: check-29: new → Pass'),
    ).toBeInTheDocument();

    await userEvent.click(table.getByRole('button', { name: 'Show fewer' }));
    expect(table.queryByText(/new → Pass/)).not.toBeInTheDocument();
  });

  it('shows the first changes of a long later entry by title, with a toggle', async () => {
    const entry = firstEvaluation(8);
    for (const id of Object.keys(entry.changes))
      entry.changes[id] = ['pass', 'fail'];
    entry.changes['quotas.headroom'] = ['pass', 'fail'];
    const table = await render([entry]);
    expect(table.getAllByText(/Pass → Fail/)).toHaveLength(CHANGES_SHOWN);
    await userEvent.click(
      table.getByRole('button', { name: 'Show all 9 changes (4 more)' }),
    );
    expect(
      table.getByText('Quotas absorb the growth factor: Pass → Fail'),
    ).toBeInTheDocument();
  });

  it('lists short entries in full, without a toggle', async () => {
    const entry = firstEvaluation(CHANGES_SHOWN);
    entry.changes['autoscaling.check-00'] = ['fail', 'pass'];
    const table = await render([entry]);
    expect(table.getAllByText(/→ Pass/)).toHaveLength(CHANGES_SHOWN);
    expect(
      table.queryByRole('button', { name: /Show all/ }),
    ).not.toBeInTheDocument();
  });
});
