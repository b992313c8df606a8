import { expect, Page, test, type TestInfo } from '@playwright/test';
import path from 'path';
import { SCREENSHOT_DIR } from './helpers';
import { DATA_TIMEOUT, openWhenReady, screenshotAll } from './readiness';

/*
 * Trend charts (docs/trends.md) on a component's Scale Readiness tab, a team
 * page and the org overview of the demo portal, whose app-config sets
 * `scaleReadiness.trends.demoHistory`: once the demo org has settled (about
 * two minutes after the start) every chart holds 90 days of generated
 * history (labelled "Demo data") ending at today's real values.
 */

test.describe.configure({ timeout: DATA_TIMEOUT + 120_000 });

const COMPONENT = '/catalog/default/component/checkout-service/scale-readiness';
const TEAM = '/scale-readiness/teams/default/commerce';

/** The trend card (one per page). */
function trendCard(page: Page) {
  return page.getByTestId('readiness-trend');
}

/** Uncaught errors of the page, reported with the test. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
  page.on('console', m => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Opens `path` once its chart shows the 90 days of demo history. */
async function openChart(page: Page, url: string) {
  await openWhenReady(page, url, p =>
    trendCard(p)
      .getByTestId('trend-summary')
      .filter({ hasText: /over 90 days/ }),
  );
}

/** Attaches the chart card to the test (and keeps it and the page in e2e/screenshots). */
async function attachShot(page: Page, testInfo: TestInfo, name: string) {
  await trendCard(page).scrollIntoViewIfNeeded();
  const body = await trendCard(page).screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}-card.png`),
  });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await screenshotAll(page, name);
}

async function expectChart(page: Page) {
  const card = trendCard(page);
  await expect(card.locator('svg.recharts-surface').first()).toBeVisible();
  // both series and the target line; 89 generated days end yesterday (88
  // when the run crosses UTC midnight after the seeding)
  await expect(card.locator('.recharts-line-curve')).toHaveCount(2);
  await expect(card.getByText('target 3×', { exact: true })).toBeVisible();
  await expect(card.getByText('Demo data', { exact: true })).toBeVisible();
  await expect(card.getByTestId('trend-summary')).toHaveText(
    /^Score \d+ → \d+ over 90 days; weakest headroom .+ \(target 3×\)\. Includes generated demo history \((8[89]|90) of 90 days\)\.$/,
  );
}

async function switchTo30Days(page: Page) {
  const card = trendCard(page);
  await card.getByRole('button', { name: '30 days' }).click();
  await expect(card.getByRole('button', { name: '30 days' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(card.getByTestId('trend-summary')).toHaveText(
    /over 30 days.*\(29 of 30 days\)/,
  );
  await expect(card.locator('svg.recharts-surface').first()).toBeVisible();
}

/** Runs `body` and fails on uncaught page errors (printed either way). */
async function withoutPageErrors(page: Page, body: () => Promise<void>) {
  const errors = collectErrors(page);
  try {
    await body();
  } finally {
    if (errors.length) console.log(errors.join('\n'));
  }
  expect(errors.filter(e => e.startsWith('pageerror'))).toEqual([]);
}

test('a component tab shows its trend chart and switches to 30 days', async ({
  page,
}, testInfo) => {
  await withoutPageErrors(page, async () => {
    await openChart(page, COMPONENT);
    await expectChart(page);
    await attachShot(page, testInfo, 'trends-component-90');
    await switchTo30Days(page);
    await attachShot(page, testInfo, 'trends-component-30');
  });
});

test('a team page shows its trend chart and switches to 30 days', async ({
  page,
}, testInfo) => {
  await withoutPageErrors(page, async () => {
    await openChart(page, TEAM);
    await expectChart(page);
    await attachShot(page, testInfo, 'trends-team-90');
    await switchTo30Days(page);
    await attachShot(page, testInfo, 'trends-team-30');
  });
});

test('the org overview shows the organisation trend', async ({
  page,
}, testInfo) => {
  await withoutPageErrors(page, async () => {
    await openChart(page, '/scale-readiness');
    await expectChart(page);
    await attachShot(page, testInfo, 'trends-org-90');
  });
});
