import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { DATA_TIMEOUT, openWhenReady, startReview } from './readiness';

/*
 * WCAG 2 A/AA (axe-core) on every Scale Readiness page of the demo portal.
 * Fails on serious or critical findings of our own. Excluded, upstream:
 * - core-components' Table sort labels: a role="button" inside a sortable
 *   header (`nested-interactive`), known upstream, not our markup; only the
 *   sort label elements are excluded, the rest of each table is checked.
 * - the Backstage sidebar and header (`nav`, `header`): the app shell, not
 *   the plugin.
 */

test.describe.configure({ timeout: DATA_TIMEOUT + 120_000 });

async function seriousFindings(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa'])
    .include('main')
    // core-components' Table sort labels (JSS-suffixed class names)
    .exclude('[class*="MuiTableSortLabel-root"]')
    .exclude('header')
    .analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    }));
}

const PAGES: Array<
  [string, string, (p: Page) => ReturnType<Page['getByText']>]
> = [
  [
    'overview',
    '/scale-readiness',
    p => p.getByRole('link', { name: /Commerce/ }).first(),
  ],
  [
    'team',
    '/scale-readiness/teams/default/commerce',
    p => p.getByTestId('level-explanation').first(),
  ],
  [
    'component tab',
    '/catalog/default/component/checkout-service/scale-readiness',
    p => p.getByTestId('level-explanation').first(),
  ],
];

for (const [name, path, ready] of PAGES) {
  test(`${name}: no serious or critical WCAG 2 A/AA findings`, async ({
    page,
  }) => {
    await openWhenReady(page, path, ready);
    expect(await seriousFindings(page)).toEqual([]);
  });
}

test('review page: no serious or critical WCAG 2 A/AA findings', async ({
  page,
}) => {
  await startReview(page, `e2e a11y ${Date.now()}`);
  await expect(page.getByTestId('changes-legend')).toBeVisible();
  expect(await seriousFindings(page)).toEqual([]);
});
