import { APIRequestContext, expect, Locator, Page } from '@playwright/test';
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

/**
 * Starts a review as the e2e operator service (starting reviews is an
 * operator action; the guest is not one: see e2e/reviews.spec.ts and
 * scripts/e2e.sh) and opens it in the page. Returns its path.
 */
export async function startReview(page: Page, title: string): Promise<string> {
  const token = process.env.E2E_OPERATOR_TOKEN;
  const backend = process.env.E2E_BACKEND_URL;
  if (!token || !backend) {
    throw new Error(
      'E2E_OPERATOR_TOKEN and E2E_BACKEND_URL must be set: start the portal with the operator service of scripts/e2e.sh',
    );
  }
  const url = `${backend}/api/scale-readiness/reviews`;
  const headers = { Authorization: `Bearer ${token}` };
  let id = '';
  // the first scoring pass may still run: the review needs scored teams
  await expect(async () => {
    const started = await page.request.post(url, {
      headers,
      data: { title },
    });
    expect(started.status()).toBe(201);
    id = (await started.json()).id;
  }).toPass({ timeout: DATA_TIMEOUT, intervals: [2_000, 5_000] });
  const path = `/scale-readiness/reviews/${id}`;
  await openWhenReady(page, path, p => p.getByRole('heading', { name: title }));
  return path;
}

function backendUrl(): string {
  const backend = process.env.E2E_BACKEND_URL;
  if (!backend) {
    throw new Error(
      'E2E_BACKEND_URL must be set: start the portal with scripts/e2e.sh',
    );
  }
  return backend;
}

/**
 * A Backstage token of another demo user than the guest, e.g. a team's second
 * champion. The e2e portal enables the oauth2-proxy auth provider
 * (scripts/e2e.sh), which trusts the `x-forwarded-user` header an
 * authenticating proxy would set, and signs in the catalog User of that name.
 */
export async function tokenOf(
  request: APIRequestContext,
  user: string,
): Promise<string> {
  const res = await request.get(
    `${backendUrl()}/api/auth/oauth2Proxy/refresh`,
    {
      headers: {
        'x-forwarded-user': user,
        'x-requested-with': 'XMLHttpRequest',
      },
    },
  );
  expect(res.status(), `sign-in of ${user}: ${await res.text()}`).toBe(200);
  const body = await res.json();
  return body.backstageIdentity.token as string;
}

/** Calls the Scale Readiness API with a user's token; returns the JSON body. */
export async function callAs(
  request: APIRequestContext,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  expected = 200,
): Promise<any> {
  const res = await request.fetch(
    `${backendUrl()}/api/scale-readiness${path}`,
    { method, headers: { Authorization: `Bearer ${token}` } },
  );
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(expected);
  return res.json();
}
