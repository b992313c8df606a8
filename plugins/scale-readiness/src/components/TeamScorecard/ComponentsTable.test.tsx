import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScorecardRow } from '@scale-readiness/plugin-scale-readiness-common';
import { row } from '../../__testUtils__/fixtures';
import { ComponentsTable } from './ComponentsTable';

jest.setTimeout(30_000);

/** 45 components, scores in a scrambled order (7·i mod 45 visits every value once). */
function manyRows(): ScorecardRow[] {
  return Array.from({ length: 45 }, (_, i) => {
    const score = (i * 7) % 45;
    return row({
      entityRef: `component:default/svc-${String(i).padStart(2, '0')}`,
      system: `system:default/${i % 2 === 0 ? 'even' : 'odd'}`,
      score,
      level: score < 10 ? 'not-ready' : 'silver',
    });
  });
}

/** The sort button of the Score column header. */
const scoreHeader = () =>
  within(screen.getByRole('columnheader', { name: 'Score' })).getAllByRole(
    'button',
  )[0];

async function render(rows: ScorecardRow[]) {
  await renderInTestApp(
    <ComponentsTable rows={rows} growthFactor={3} exportName="t" />,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** Names in the first column of the body rows shown. */
function shownNames(): string[] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r).getAllByRole('cell')[0].textContent ?? '');
}

describe('ComponentsTable with many rows', () => {
  it('shows one page at a time and pages through all rows', async () => {
    await render(manyRows());
    expect(screen.getByText('Components (45 of 45)')).toBeInTheDocument();
    expect(shownNames()).toHaveLength(20);
    expect(shownNames()[0]).toBe('svc-00');
    expect(screen.getByText('1-20 of 45')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(shownNames()[0]).toBe('svc-20');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(shownNames()).toHaveLength(5);
    expect(screen.getByText('41-45 of 45')).toBeInTheDocument();
  });

  it('sorts over all rows, not just the page shown', async () => {
    await render(manyRows());
    // Go to page 2, then sort: the lowest scores of all rows come first.
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await userEvent.click(scoreHeader());
    const scores = () =>
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map(r => Number(within(r).getAllByRole('cell')[3].textContent));
    expect(scores()).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(screen.getByText('1-20 of 45')).toBeInTheDocument();

    await userEvent.click(scoreHeader());
    expect(scores()).toEqual(Array.from({ length: 20 }, (_, i) => 44 - i));
  });

  it('filters over all rows and goes back to the first page', async () => {
    await render(manyRows());
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search components' }),
      'svc-4',
    );
    // svc-40 … svc-44, all on the last page before.
    expect(screen.getByText('Components (5 of 45)')).toBeInTheDocument();
    expect(shownNames().sort()).toEqual([
      'svc-40',
      'svc-41',
      'svc-42',
      'svc-43',
      'svc-44',
    ]);
    // They fit on one page: no pagination.
    expect(
      screen.queryByRole('button', { name: 'Next page' }),
    ).not.toBeInTheDocument();
  });

  it('shows systems by name', async () => {
    await render(manyRows());
    expect(
      within(screen.getByRole('table')).getAllByText('even').length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('system:default/even')).not.toBeInTheDocument();
  });
});

describe('ComponentsTable chain headroom', () => {
  it('judges the chain headroom against the component’s scoped growth factor', async () => {
    await render([
      row({
        entityRef: 'component:default/batch-report',
        chainHeadroom: 2,
        growthFactor: 1.5,
      }),
      row({ entityRef: 'component:default/edge-proxy', chainHeadroom: 2 }),
    ]);
    const iconOf = (name: string) => {
      const r = screen
        .getAllByRole('row')
        .find(x => within(x).queryByText(name))!;
      return within(r)
        .getByText('2×')
        .parentElement!.querySelector('svg')!
        .getAttribute('class');
    };
    expect(iconOf('batch-report')).toMatch(/icon-pass/);
    expect(iconOf('edge-proxy')).toMatch(/icon-fail/);
  });
});
