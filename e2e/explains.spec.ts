import { expect, test } from '@playwright/test';
import {
  DATA_TIMEOUT,
  openWhenReady,
  screenshotAll,
  callAs,
  startReview,
  tokenOf,
} from './readiness';

/*
 * The portal explains itself (issue 20) on the demo organisation of
 * examples/: why a level is what it is, where the weakest link's fix is and
 * who owns it, waived findings, waive for champions only, review scores.
 * The demo guest is Henry Adams, a champion of Developer Experience only.
 */

test.describe.configure({ timeout: DATA_TIMEOUT + 120_000 });

const CHECKOUT = '/catalog/default/component/checkout-service/scale-readiness';

test('a component scoring 100 at Bronze says why', async ({ page }) => {
  await openWhenReady(page, CHECKOUT, p =>
    p.getByTestId('level-explanation').first(),
  );
  const why = page.getByTestId('level-explanation').first();
  await expect(why).toHaveText(
    /^Bronze because the chain breaks at [\d.]+× at .+ \(.+\), below the 3× target\.$/,
  );
  // plain words: no check ids or entity refs in the sentence
  await expect(why).not.toContainText('quotas.');
  await expect(why).not.toContainText('resource:');
  await expect(page.getByTestId('score-gauge').first()).toHaveAttribute(
    'data-level',
    'bronze',
  );
  await screenshotAll(page, 'explains-component-tab');
});

test('the weakest link opens a page with the fix and the owner', async ({
  page,
}) => {
  await openWhenReady(page, CHECKOUT, p =>
    p.getByTestId('weakest-link-next-step'),
  );
  await page.getByTestId('weakest-link-next-step').getByRole('link').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/(resource|component|api)\/[a-z0-9-]+\/scale-readiness$/,
  );
  await expect(page.getByText('Next step:').first()).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('owner-contact').first()).toBeVisible();
  await screenshotAll(page, 'explains-weakest-link');
});

test('a non-champion sees who can waive instead of a Waive button', async ({
  page,
}) => {
  // web-storefront (Storefront team; the guest is no champion there) has
  // open findings, so each one names the champions instead of offering Waive
  await openWhenReady(
    page,
    '/catalog/default/component/web-storefront/scale-readiness',
    p => p.getByTestId(/^waive-hint-/).first(),
  );
  await expect(page.getByTestId(/^waive-hint-/).first()).toContainText(
    'Only champions of',
  );
  await expect(page.getByRole('button', { name: 'Waive…' })).toHaveCount(0);
});

test('a waiver asked by one champion and approved by a second says Waived until', async ({
  page,
}) => {
  // feature-flags belongs to Developer Experience, whose champions are the
  // guest (Henry Adams) and Lily Novak. A waiver needs two champions
  // (docs/reviews.md#waivers): the guest asks for it in the page, Lily
  // approves it through the API with her own token (tokenOf), and the page
  // then says "Waived until".
  const FLAGS = '/catalog/default/component/feature-flags/scale-readiness';
  await openWhenReady(page, FLAGS, p =>
    p.getByTestId('level-explanation').first(),
  );
  await expect(page.getByText('Checks', { exact: true })).toBeVisible();
  const waive = page.getByRole('button', { name: 'Waive…' }).first();
  const pending = page.getByTestId(/^waiver-pending-/).first();
  // the actions appear once the caller's champion status has loaded
  await expect(waive.or(pending).first()).toBeVisible({ timeout: 30_000 });
  let checkId: string;
  if (await pending.isVisible()) {
    checkId = (await pending.getAttribute('data-testid'))!.replace(
      'waiver-pending-',
      '',
    );
  } else {
    checkId = (await waive.getAttribute('data-testid'))!.replace('waive-', '');
    await waive.click();
    await page
      .getByRole('dialog')
      .getByLabel(/^Reason/)
      .fill('e2e: accepted until the docs rewrite lands');
    await page.getByTestId('waiver-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  await expect(page.getByTestId(`waiver-pending-${checkId}`)).toContainText(
    /another champion of the team must approve it/i,
  );
  await screenshotAll(page, 'explains-waiver-pending');

  // the second champion approves
  const lily = await tokenOf(page.request, 'lily.novak');
  const { items } = await callAs(
    page.request,
    lily,
    'GET',
    `/waivers?entityRef=${encodeURIComponent(
      'component:default/feature-flags',
    )}&status=pending`,
  );
  const waiver = items.find((w: { checkId: string }) => w.checkId === checkId);
  expect(waiver, `a pending waiver of ${checkId}`).toBeTruthy();
  const approved = await callAs(
    page.request,
    lily,
    'POST',
    `/waivers/${waiver.id}/approve`,
  );
  expect(approved.status).toBe('active');

  // the finding now says Waived until <date> (after the rescore)
  await openWhenReady(page, FLAGS, p =>
    p.getByTestId(`check-${checkId}`).getByText(/^Waived until /),
  );
  await expect(page.getByTestId(`revoke-waiver-${checkId}`)).toBeVisible();
  await screenshotAll(page, 'explains-waived');
});

test('the review team table shows scores with a labelled changes column', async ({
  page,
}) => {
  await startReview(page, `e2e explains ${Date.now()}`);
  const table = page.locator('table').filter({
    has: page.getByRole('columnheader', { name: 'Components changed' }),
  });
  await expect(table).toBeVisible();
  const scores = table.locator('tbody tr td:nth-child(3)');
  await expect(scores.first()).toHaveText(/^\d+/);
  expect(await scores.allInnerTexts()).not.toContain('–');
  await expect(page.getByTestId('changes-legend')).toContainText('▲ improved');
  await screenshotAll(page, 'explains-review');
});

test('the overview and team page explain their levels', async ({ page }) => {
  await openWhenReady(page, '/scale-readiness', p =>
    p.getByRole('link', { name: /Commerce/ }).first(),
  );
  await screenshotAll(page, 'explains-overview');
  await openWhenReady(page, '/scale-readiness/teams/default/commerce', p =>
    p.getByTestId('level-explanation').first(),
  );
  // the components table fits 1440 px without a horizontal scrollbar
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll('table')].some(
      t => t.scrollWidth > (t.parentElement?.clientWidth ?? 0) + 1,
    ),
  );
  expect(overflow).toBe(false);
  await screenshotAll(page, 'explains-team');
});
