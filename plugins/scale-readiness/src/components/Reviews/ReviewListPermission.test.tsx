import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { rootRouteRef } from '../../routes';
import { fakeApi } from '../../__testUtils__/fixtures';
import { ScaleReadinessPage } from '../ScaleReadinessPage';
import { reviewSummary } from './__testUtils__/reviewData';

// A file of its own: usePermission caches answers per permission for the
// module (SWR), so a refusal is tested apart from Reviews.test.tsx's grants.

describe('the review list for callers who may not start reviews', () => {
  it('tells callers who may not start a review who does, without the button', async () => {
    const api = fakeApi({
      listReviews: jest.fn(async () => ({
        items: [reviewSummary()],
        total: 1,
        offset: 0,
        limit: 50,
      })),
    });
    const denied = {
      authorize: jest.fn(async () => ({ result: AuthorizeResult.DENY })),
      authorizeConditional: jest.fn(),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [scaleReadinessApiRef, api],
          [permissionApiRef, denied],
        ]}
      >
        <ScaleReadinessPage />
      </TestApiProvider>,
      { mountedRoutes: { '/': rootRouteRef }, routeEntries: ['/reviews'] },
    );
    expect(await screen.findByText('Q4 readiness')).toBeInTheDocument();
    expect(
      await screen.findByText(/Reviews are started by the portal's operators/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('start-review')).not.toBeInTheDocument();
    expect(denied.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'scale-readiness.review.create',
        }),
      }),
    );
  });
});
