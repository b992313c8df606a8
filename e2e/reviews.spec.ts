import { expect, Page, test } from '@playwright/test';
import fs from 'fs';
import { screenshot } from './helpers';

/**
 * Readiness reviews against the running portal and the demo org: start a
 * review, open it (org view), open a team, download its Markdown, sign it off.
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

test('start a review, open it, download the Markdown and sign off', async ({
  page,
}) => {
  const title = `E2E review ${new Date().toISOString()}`;
  await openWhenReady(page, '/scale-readiness/reviews', 'start-review');
  await screenshot(page, 'sr-reviews-list');

  // start a review by hand: it opens on the org view
  await page.getByTestId('start-review').click();
  await page.getByTestId('review-title').fill(title);
  await page.getByTestId('start-review-confirm').click();
  await expect(page).toHaveURL(/\/scale-readiness\/reviews\/[0-9a-f-]{36}$/, {
    timeout: 60_000,
  });
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(
    page.getByText(/Signed off by \d+ of \d+ teams\./),
  ).toBeVisible();
  const reviewUrl = page.url();
  await screenshot(page, 'sr-review-org');

  // the list shows it
  await page.goto('/scale-readiness/reviews');
  await expect(page.getByRole('link', { name: title })).toBeVisible();

  // open a team
  await page.goto(`${reviewUrl}/teams/${SIGN_OFF_TEAM.path}`);
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
