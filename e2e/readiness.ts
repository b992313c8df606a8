import { expect, Locator, Page } from '@playwright/test';
import { screenshot } from './helpers';

/** How long to wait for the backend to have scored the demo org. */
export const DATA_TIMEOUT = 180_000;

/**
 * Opens `path` and waits until `ready` is visible, reloading while the data is
 * not scored yet or the backend is restarting (signs in as guest when asked).
 */
export async function openWhenReady(
  page: Page,
  path: string,
  ready: (page: Page) => Locator,
) {
  await expect(async () => {
    await page.goto(path);
    const enter = page.getByRole('button', { name: 'Enter' });
    await expect(ready(page).or(enter).first()).toBeVisible({
      timeout: 20_000,
    });
    if (await enter.isVisible()) {
      await enter.click();
    }
    await expect(ready(page)).toBeVisible({ timeout: 20_000 });
  }).toPass({ timeout: DATA_TIMEOUT, intervals: [2_000, 5_000] });
}

/**
 * A screenshot of the whole page: Backstage scrolls inside its `main`
 * element, so the viewport is stretched to the content for the shot.
 */
export async function screenshotAll(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    return Math.max(
      main?.scrollHeight ?? 0,
      document.documentElement.scrollHeight,
    );
  });
  await page.setViewportSize({
    width: size.width,
    height: Math.min(Math.max(height, size.height), 8000),
  });
  await screenshot(page, name);
  await page.setViewportSize(size);
}

/** Starts a review from the reviews page and returns its URL. */
export async function startReview(page: Page, title: string): Promise<string> {
  await openWhenReady(page, '/scale-readiness/reviews', p =>
    p.getByTestId('start-review'),
  );
  await page.getByTestId('start-review').click();
  await page.getByTestId('review-title').fill(title);
  await page.getByTestId('start-review-confirm').click();
  await expect(page).toHaveURL(/\/scale-readiness\/reviews\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}
