import { expect, Page, test, TestInfo } from '@playwright/test';
import path from 'path';
import { SCREENSHOT_DIR } from './helpers';
import { DATA_TIMEOUT, openWhenReady, screenshotAll } from './readiness';

/**
 * The plugin's `/alpha` export in the new-frontend-system app
 * (packages/app-next, `createApp` from `@backstage/frontend-defaults`):
 * the Scale Readiness page, a component's entity card and Scale Readiness tab,
 * and a group's Scale Readiness tab. scripts/e2e.sh starts app-next next to
 * the legacy app and passes its address in PLAYWRIGHT_NEXT_URL; by hand:
 * `./scripts/start --app next` and PLAYWRIGHT_NEXT_URL=http://localhost:3000.
 */
const NEXT_URL = process.env.PLAYWRIGHT_NEXT_URL;

test.describe.configure({ timeout: DATA_TIMEOUT + 120_000 });

function next(route: string): string {
  if (!NEXT_URL) {
    throw new Error(
      'PLAYWRIGHT_NEXT_URL is not set: scripts/e2e.sh starts packages/app-next and sets it',
    );
  }
  return `${NEXT_URL.replace(/\/$/, '')}${route}`;
}

/** An entity page's tab: a link of its content navigation (or a tab). */
function entityTab(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true })
    .or(page.getByRole('tab', { name, exact: true }));
}

/** A full-page screenshot under e2e/screenshots/, attached to the report. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await screenshotAll(page, name);
  await testInfo.attach(name, {
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    contentType: 'image/png',
  });
}

test('the new-frontend-system app shows the Scale Readiness page', async ({
  page,
}, testInfo) => {
  // ready once scored: Commerce (a department) rolls up its teams' components
  await openWhenReady(page, next('/scale-readiness'), p =>
    p
      .getByRole('row')
      .filter({ has: p.getByRole('link', { name: 'Commerce', exact: true }) })
      .getByRole('cell', { name: /^[1-9]\d*$/ })
      .first(),
  );
  expect(page.url().startsWith(next('/'))).toBe(true);
  await expect(
    page.getByRole('heading', { name: 'Scale Readiness' }).first(),
  ).toBeVisible();
  await expect(page.getByText(/^Teams \(\d+\)$/)).toBeVisible();
  // the page's title and icon give the app's navigation its entry
  await expect(
    page.getByRole('link', { name: 'Scale Readiness' }).first(),
  ).toBeVisible();
  await shot(page, testInfo, 'nfs-scale-readiness');

  // the team sub-route of the page
  await page.getByRole('link', { name: 'Commerce', exact: true }).click();
  await expect(page).toHaveURL(/\/scale-readiness\/teams\/default\/commerce$/);
  await expect(page.getByText('Team scorecard: Commerce')).toBeVisible({
    timeout: 30_000,
  });
});

test('a component shows the entity card and the Scale Readiness tab', async ({
  page,
}, testInfo) => {
  const card = (p: Page) =>
    p
      .locator('article, .MuiCard-root')
      .filter({ hasText: 'Scale readiness' })
      .filter({ hasText: 'Chain headroom' })
      .first();
  await openWhenReady(
    page,
    next('/catalog/default/component/checkout-service'),
    card,
  );
  await expect(card(page)).toContainText('Target growth');
  await expect(card(page)).toContainText(/Own headroom/);
  await shot(page, testInfo, 'nfs-entity-card');

  await entityTab(page, 'Scale Readiness').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service\/scale-readiness$/,
  );
  await expect(page.getByText('Growth simulator', { exact: true })).toBeVisible(
    { timeout: 30_000 },
  );
  await expect(page.getByText('Path to the weakest link')).toBeVisible();
  await shot(page, testInfo, 'nfs-entity-content');
});

test('a group shows the team scorecard in its Scale Readiness tab', async ({
  page,
}, testInfo) => {
  await openWhenReady(page, next('/catalog/default/group/commerce'), p =>
    entityTab(p, 'Scale Readiness'),
  );
  await entityTab(page, 'Scale Readiness').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/group\/commerce\/scale-readiness$/,
  );
  await expect(page.getByText('Team scorecard: Commerce')).toBeVisible({
    timeout: DATA_TIMEOUT,
  });
  await expect(
    page.getByText(/^Components \(\d+ of \d+\)$/).first(),
  ).toBeVisible();
  await shot(page, testInfo, 'nfs-group-content');
});
