import { expect, Page } from '@playwright/test';
import fs from 'fs';
import path from 'path';

/** Folder (git-ignored) where e2e screenshots are kept for people to look at. */
export const SCREENSHOT_DIR = path.resolve(__dirname, 'screenshots');

/** Signs in with the guest provider (waits for the Enter button, not networkidle). */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
}

/** Saves a full-page screenshot under e2e/screenshots/NAME.png. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
  });
}

/**
 * Opens `path` directly; when the sign-in page shows instead (a full page load
 * starts a new session), enters as guest and lands on `path`.
 */
export async function openAsGuest(page: Page, path: string) {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  try {
    await enter.waitFor({ state: 'visible', timeout: 15_000 });
    await enter.click();
  } catch {
    // already signed in
  }
}
