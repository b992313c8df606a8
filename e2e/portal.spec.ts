import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';

test('a guest signs in and sees the demo catalog', async ({ page }) => {
  await signInAsGuest(page);
  await expect(page.getByText('Northwind Market Catalog')).toBeVisible();
  // Components of the demo org are listed.
  await expect(page.getByRole('link', { name: 'checkout-api' })).toBeVisible();
  await screenshot(page, 'catalog');
});

test('the Scale Readiness page is reachable from the sidebar', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Scale Readiness' }).first().click();
  await expect(page).toHaveURL(/\/scale-readiness/);
  await expect(
    page.getByRole('heading', { name: 'Scale Readiness' }).first(),
  ).toBeVisible();
  await screenshot(page, 'scale-readiness');
});
