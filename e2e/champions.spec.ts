import { expect, test } from '@playwright/test';
import { openAsGuest, screenshot } from './helpers';

/*
 * Champion actions in the dev portal. The demo guest signs in as Henry Adams,
 * a champion of Developer Experience (app-config.yaml); no GitHub integration
 * is configured, so grants run through the labelled dry-run executor.
 */

test('a non-champion sees who the champions are and how to ask them', async ({
  page,
}) => {
  // The first scoring pass runs shortly after the backend starts: reopen the
  // page until the scorecard (and its champion panel) is there.
  await expect(async () => {
    await openAsGuest(page, '/scale-readiness/teams/default/storefront-team');
    await expect(page.getByText('Champion actions')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000 });
  await expect(
    page.getByText(/Only the team's champions can grant/),
  ).toBeVisible();
  await expect(page.getByText(/Ava Thompson/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Grant access' })).toHaveCount(
    0,
  );
  await screenshot(page, 'champions-non-champion');
});

/*
 * Needs a grant scope for Developer Experience in examples/: a
 * `github.com/project-slug` on at least one component it owns (e.g.
 * feature-flags → northwind/feature-flags). See docs/champions.md.
 */
test('a champion grants access, sees the grant, and revokes it', async ({
  page,
}) => {
  await openAsGuest(
    page,
    '/scale-readiness/teams/default/developer-experience',
  );
  await expect(page.getByText('Champion actions')).toBeVisible();
  await expect(page.getByTestId('dry-run')).toBeVisible();

  // The guest (Henry Adams) may already hold repository access from
  // e2e/access-requests.spec.ts, and a second open grant of the same access
  // is refused: grant it to the other champion, Lily Novak.
  await page.locator('#grant-grantee-select').click();
  await page.getByRole('option', { name: /lily\.novak/ }).click();
  await expect(page.getByTestId('grant-duplicate')).toHaveCount(0);

  const justification = `e2e ${Date.now()}: pairing on the feature-flags rollout`;
  await page.getByLabel('Justification').fill(justification);
  await page.getByLabel('Duration (hours)').fill('2');
  await page.getByRole('button', { name: 'Grant access' }).click();

  const row = page.getByRole('row').filter({ hasText: justification });
  await expect(row).toBeVisible();
  await expect(row.getByText('active')).toBeVisible();
  await expect(row.getByText('dry run').first()).toBeVisible();
  await expect(row.getByText(/^1 h 5\d min$|^2 h$/)).toBeVisible();
  await screenshot(page, 'champions-granted');

  await row.getByRole('button', { name: /^Revoke / }).click();
  // revoking asks first, with an optional reason
  await page.getByLabel('Reason (optional)').fill('e2e: done pairing');
  await page.getByTestId('confirm-revoke').click();
  const past = page.getByRole('row').filter({ hasText: justification });
  await expect(past.getByText('revoked')).toBeVisible();

  await page.getByRole('button', { name: 'Show audit log' }).click();
  await expect(page.getByText('active → revoking').first()).toBeVisible();
  await screenshot(page, 'champions-revoked');
});
