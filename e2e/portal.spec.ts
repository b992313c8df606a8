import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';

test('a guest signs in and sees the demo catalog', async ({ page }) => {
  await signInAsGuest(page);
  await expect(page.getByText('Northwind Market Catalog')).toBeVisible();
  // The guest (Henry Adams, Developer Experience) sees the components his
  // team owns; the demo org's others are one filter away.
  await expect(
    page.getByRole('link', { name: /feature-flags|Feature flags/ }).first(),
  ).toBeVisible();
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
