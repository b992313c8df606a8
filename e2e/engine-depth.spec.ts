/**
 * Issue 16 in the portal: the demo custom check (dev app-config) and the
 * load-test report check pass on search-service and fail on checkout-service.
 */
import { expect, Locator, Page, test } from '@playwright/test';
import { screenshot } from './helpers';

test.setTimeout(240_000);

async function openWhenReady(
  page: Page,
  path: string,
  ready: (p: Page) => Locator,
) {
  await expect(async () => {
    await page.goto(path);
    const enter = page.getByRole('button', { name: 'Enter' });
    await expect(ready(page).or(enter).first()).toBeVisible({
      timeout: 20_000,
    });
    if (await enter.isVisible()) await enter.click();
    await expect(ready(page)).toBeVisible({ timeout: 20_000 });
  }).toPass({ timeout: 180_000, intervals: [2_000, 5_000] });
}

for (const [name, status] of [
  ['search-service', 'pass'],
  ['checkout-service', 'fail'],
] as const) {
  test(`${name}: custom check and load-test report ${status}`, async ({
    page,
  }) => {
    await openWhenReady(
      page,
      `/catalog/default/component/${name}/scale-readiness`,
      p => p.getByTestId('check-docs.load-test-proves-factor'),
    );
    const loadTest = page.getByTestId('check-docs.load-test-proves-factor');
    const custom = page.getByTestId('check-custom.jvm-memory-request');
    await expect(loadTest).toContainText('Load test proves the growth factor');
    await expect(loadTest).toContainText(/req\/s/);
    // a dimension whose checks all pass is collapsed
    if (!(await custom.isVisible())) {
      await page
        .getByRole('button', { name: /^Autoscaling/ })
        .first()
        .click();
    }
    await expect(custom).toContainText('JVM services request at least 1 GiB');
    await expect(custom).toContainText(
      status === 'pass' ? /Holds/ : /Does not hold/,
    );
    await loadTest.scrollIntoViewIfNeeded();
    await screenshot(page, `engine2-${name}`);
  });
}
