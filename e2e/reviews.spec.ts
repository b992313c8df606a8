import { expect, Page, test } from '@playwright/test';
import fs from 'fs';
import { screenshot } from './helpers';

/**
 * Readiness reviews against the running portal and the demo org: an operator
 * starts a review, the guest opens it (org view), opens a team, downloads its
 * Markdown and signs it off.
 *
 * Starting a review is an operator action (docs/permissions.md): the demo's
 * guest is a champion of one team and not an operator, so the review is
 * started through the API by an operator service, a static external-access
 * token the e2e portal is started with (scripts/e2e.sh sets
 * `backend.auth.externalAccess` and passes the token and the backend URL as
 * E2E_OPERATOR_TOKEN and E2E_BACKEND_URL).
 *
 * Signing off needs the signed-in user to be a champion or owner of the team:
 * the demo's guest user must be listed in the `scale-readiness.io/champions`
 * annotation of SIGN_OFF_TEAM (or be a member of it).
 */

/** The demo team the guest signs off. */
const SIGN_OFF_TEAM = {
  title: 'Developer Experience',
  path: 'group/default/developer-experience',
};
const DATA_TIMEOUT = 180_000;

test.describe.configure({ timeout: DATA_TIMEOUT + 120_000 });

/** Opens `path`, signing in as guest when asked, until `ready` shows. */
async function openWhenReady(page: Page, path: string, testId: string) {
  await expect(async () => {
    await page.goto(path);
    const enter = page.getByRole('button', { name: 'Enter' });
    const ready = page.getByTestId(testId);
    await expect(ready.or(enter).first()).toBeVisible({ timeout: 20_000 });
    if (await enter.isVisible()) await enter.click();
    await expect(ready).toBeVisible({ timeout: 20_000 });
  }).toPass({ timeout: DATA_TIMEOUT, intervals: [2_000, 5_000] });
}

/** The operator service's token and the backend it calls (see above). */
function operator() {
  const token = process.env.E2E_OPERATOR_TOKEN;
  const backend = process.env.E2E_BACKEND_URL;
  if (!token || !backend) {
    throw new Error(
      'E2E_OPERATOR_TOKEN and E2E_BACKEND_URL must be set: start the portal with the operator service of scripts/e2e.sh',
    );
  }
  return {
    url: `${backend}/api/scale-readiness`,
    headers: { Authorization: `Bearer ${token}` },
  };
}

test('an operator starts a review; the guest opens it, downloads the Markdown and signs off', async ({
  page,
  request,
}) => {
  const title = `E2E review ${new Date().toISOString()}`;
  const op = operator();

  // the demo team is scored before the review freezes it
  await expect(async () => {
    const team = await request.get(
      `${op.url}/teams/default/${SIGN_OFF_TEAM.path.split('/').pop()}`,
      { headers: op.headers },
    );
    expect(team.status()).toBe(200);
    expect(JSON.stringify(await team.json())).toContain('component:');
  }).toPass({ timeout: DATA_TIMEOUT, intervals: [2_000, 5_000] });

  // the operator service starts the review
  const started = await request.post(`${op.url}/reviews`, {
    headers: op.headers,
    data: { title },
  });
  expect(started.status()).toBe(201);
  const review = await started.json();
  expect(review.takenBy).toBe('service:e2e-operator');

  // the guest opens it: org view
  await openWhenReady(page, '/scale-readiness/reviews', 'review-list-actions');
  // the guest is not an operator: no Start review button, a note instead
  await expect(page.getByTestId('start-review')).toHaveCount(0);
  await screenshot(page, 'sr-reviews-list');
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(
    new RegExp(`/scale-readiness/reviews/${review.id}$`),
    { timeout: 60_000 },
  );
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(
    page.getByText(/Signed off by \d+ of \d+ teams\./),
  ).toBeVisible();
  const reviewUrl = page.url();
  await screenshot(page, 'sr-review-org');

  // open a team
  await openWhenReady(
    page,
    `${reviewUrl}/teams/${SIGN_OFF_TEAM.path}`,
    'export-markdown',
  );
  await expect(page.getByText(/^Components \(\d+\)$/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/^Open action items \(\d+\)$/)).toBeVisible();

  // download the team's Markdown
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-markdown').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^readiness-review-\d{4}-\d{2}-\d{2}-developer-experience\.md$/,
  );
  const markdown = fs.readFileSync((await download.path())!, 'utf8');
  expect(markdown).toContain(`# ${title}: ${SIGN_OFF_TEAM.title}`);
  expect(markdown).toContain('## Open action items');
  expect(markdown).toContain('_Awaiting sign-off._');

  // sign off (needs the guest to be a champion or owner of the team)
  await expect(
    page.getByTestId('sign-off'),
    `the guest user must be a champion or member of ${SIGN_OFF_TEAM.path} to sign off`,
  ).toBeVisible();
  await page.getByTestId('sign-off').click();
  await page.getByTestId('sign-off-comment').fill('Reviewed in the e2e run');
  await page.getByTestId('sign-off-confirm').click();
  await expect(page.getByTestId('sign-offs')).toContainText(
    'Reviewed in the e2e run',
  );
  await expect(page.getByTestId('sign-off')).toHaveCount(0);
  await screenshot(page, 'sr-review-team-signed');

  const [signed] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-markdown').click(),
  ]);
  expect(fs.readFileSync((await signed.path())!, 'utf8')).toContain(
    'Signed off by `user:',
  );
});
