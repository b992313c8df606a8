import { expect, Page, test, TestInfo } from '@playwright/test';
import path from 'path';
import { SCREENSHOT_DIR } from './helpers';
import { DATA_TIMEOUT, openWhenReady, screenshotAll } from './readiness';

/**
 * Issue 19 item 7 in the legacy app: departments in the org overview roll up
 * their sub-teams (marked as such), and the team page's components table fits
 * a 1440 px wide window without scrolling sideways.
 */
test.describe.configure({ timeout: DATA_TIMEOUT + 120_000 });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await screenshotAll(page, name);
  await testInfo.attach(name, {
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    contentType: 'image/png',
  });
}

/** scrollWidth and clientWidth of the page, its `main` and the components table. */
async function widths(page: Page) {
  return page.evaluate(() => {
    const of = (el: Element | null) =>
      el ? { scroll: el.scrollWidth, client: el.clientWidth } : null;
    const table = [...document.querySelectorAll('table')].find(t =>
      t.textContent?.includes('Weakest link'),
    );
    return {
      document: of(document.scrollingElement),
      main: of(document.querySelector('main')),
      // the element around the table that would scroll sideways
      tableBox: of(table?.parentElement ?? null),
      table: table ? table.getBoundingClientRect().width : null,
    };
  });
}

test('the org overview rolls departments up with their sub-teams', async ({
  page,
}, testInfo) => {
  await openWhenReady(page, '/scale-readiness', p =>
    p.getByRole('link', { name: 'Commerce', exact: true }),
  );
  const commerce = page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: 'Commerce', exact: true }) });
  // marked as a rollup of its sub-teams...
  await expect(commerce.getByTestId('rolled-up')).toHaveText(
    /\(with \d+ sub-teams?\)/,
  );
  // ...and counting their components (Commerce owns none directly)
  const components = Number(
    (await commerce.getByRole('cell').nth(1).innerText()).trim(),
  );
  expect(components).toBeGreaterThan(15);
  await shot(page, testInfo, 'layout-overview-rollup');
});

test('the team components table fits 1440 px without horizontal scrolling', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWhenReady(page, '/scale-readiness/teams/default/commerce', p =>
    p.getByRole('columnheader', { name: 'Weakest link' }),
  );
  await expect(page.getByText(/^Components \(\d+ of \d+\)$/)).toBeVisible();
  const w = await widths(page);
  testInfo.annotations.push({
    type: 'widths at 1440 px',
    description: JSON.stringify(w),
  });
  expect(w.document!.scroll).toBeLessThanOrEqual(w.document!.client);
  expect(w.main!.scroll).toBeLessThanOrEqual(w.main!.client);
  expect(w.tableBox!.scroll).toBeLessThanOrEqual(w.tableBox!.client);
  await shot(page, testInfo, 'layout-team-1440');
});
