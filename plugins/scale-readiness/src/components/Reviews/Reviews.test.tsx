import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  scaleReadinessApiRef,
  type ScaleReadinessApi,
} from '../../api/ScaleReadinessApi';
import { rootRouteRef } from '../../routes';
import { fakeApi } from '../../__testUtils__/fixtures';
import { ScaleReadinessPage } from '../ScaleReadinessPage';
import {
  PAYMENTS,
  REVIEW_ID,
  reviewDetail,
  reviewSummary,
  teamReview,
} from './__testUtils__/reviewData';

jest.setTimeout(30_000);

/** A permission API that answers every request with `result`. */
function permissions(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  return {
    authorize: jest.fn(async () => ({ result })),
    authorizeConditional: jest.fn(async () => ({ result })),
  };
}

function render(
  api: Partial<ScaleReadinessApi>,
  path: string,
  permission = permissions(AuthorizeResult.ALLOW),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [scaleReadinessApiRef, api],
        [permissionApiRef, permission],
      ]}
    >
      <ScaleReadinessPage />
    </TestApiProvider>,
    { mountedRoutes: { '/': rootRouteRef }, routeEntries: [path] },
  );
}

describe('review pages', () => {
  it('lists reviews and starts a new one, then opens it', async () => {
    const started = reviewSummary({
      id: '00000000-0000-4000-8000-000000000003',
      title: 'Ad-hoc check',
    });
    const api = fakeApi({
      listReviews: jest.fn(async () => ({
        items: [
          reviewSummary(),
          reviewSummary({
            id: '00000000-0000-4000-8000-000000000004',
            title: 'Operator check',
            takenBy: 'service:e2e-operator',
          }),
        ],
        total: 2,
        offset: 0,
        limit: 50,
      })),
      startReview: jest.fn(async () => started),
      getReview: jest.fn(async () => ({ ...reviewDetail(), review: started })),
    });
    await render(api, '/reviews');
    expect(await screen.findByText('Q4 readiness')).toBeInTheDocument();
    expect(screen.getAllByText('▲ 1 · ▼ 1 · +1 · −0')).toHaveLength(2);
    expect(screen.getAllByText('0 of 2')).toHaveLength(2);
    // who started it: a person by name (a link where the catalog is mounted),
    // a service in words, never as a ref
    expect(screen.getByText('alice')).toBeInTheDocument();
    expect(screen.queryByText('user:default/alice')).not.toBeInTheDocument();
    expect(screen.getByText('by the e2e-operator service')).toBeInTheDocument();
    expect(screen.queryByText('service:e2e-operator')).not.toBeInTheDocument();
    expect(screen.getByTestId('changes-legend')).toHaveTextContent(
      '▲ improved · ▼ regressed · + new · − removed',
    );

    await userEvent.click(await screen.findByTestId('start-review'));
    await userEvent.type(screen.getByTestId('review-title'), 'Ad-hoc check');
    await userEvent.click(screen.getByTestId('start-review-confirm'));
    expect(api.startReview).toHaveBeenCalledWith({ title: 'Ad-hoc check' });
    // navigated to the new review's org view
    await waitFor(() => expect(api.getReview).toHaveBeenCalledWith(started.id));
    expect(await screen.findAllByText('Ad-hoc check')).not.toHaveLength(0);
  });

  it('shows the org view with changes, sign-off status and team links', async () => {
    const api = fakeApi({ getReview: jest.fn(async () => reviewDetail()) });
    await render(api, `/reviews/${REVIEW_ID}`);
    expect(await screen.findByText('Payments')).toBeInTheDocument();
    expect(screen.getByTestId('review-changes')).toHaveTextContent(
      'Since Q3 readiness',
    );
    expect(screen.getByText('80 → 86 (+6)')).toBeInTheDocument();
    expect(screen.getByTestId('changes-legend')).toHaveTextContent(
      '▲ improved · ▼ regressed · + new · − removed',
    );
    expect(screen.getByText('carol')).toBeInTheDocument();
    expect(screen.getByText('awaiting')).toBeInTheDocument();
    expect(screen.getByText('Payments').closest('a')).toHaveAttribute(
      'href',
      `/reviews/${REVIEW_ID}/teams/group/default/payments`,
    );
  });

  it('shows every team score in a first review (no baseline)', async () => {
    const detail = reviewDetail();
    detail.previous = undefined;
    detail.teams = detail.teams.map(t => ({ ...t, scoreBefore: undefined }));
    const api = fakeApi({ getReview: jest.fn(async () => detail) });
    await render(api, `/reviews/${REVIEW_ID}`);
    expect(await screen.findByText('Payments')).toBeInTheDocument();
    for (const t of detail.teams) {
      expect(
        screen.getAllByText(String(Math.round(t.score ?? NaN))).length,
      ).toBeGreaterThan(0);
    }
    expect(screen.getByTestId('changes-legend')).toHaveTextContent(
      'first review',
    );
  });

  it('shows a team review and signs it off', async () => {
    const signed = teamReview({
      canSignOff: false,
      signOffs: [
        {
          reviewId: REVIEW_ID,
          teamRef: PAYMENTS,
          userRef: 'user:default/alice',
          signedAt: '2027-01-02T09:00:00.000Z',
          comment: 'Discussed in the Q4 meeting',
        },
      ],
    });
    const getReviewTeam = jest
      .fn()
      .mockResolvedValueOnce(teamReview())
      .mockResolvedValue(signed);
    const api = fakeApi({
      getReviewTeam,
      signOffReview: jest.fn(async () => signed.signOffs[0]),
    });
    await render(api, `/reviews/${REVIEW_ID}/teams/group/default/payments`);

    expect(await screen.findByTestId('awaiting-sign-off')).toBeInTheDocument();
    expect(getReviewTeam).toHaveBeenCalledWith(REVIEW_ID, PAYMENTS);
    expect(
      within(screen.getByTestId('changes-regressed')).getByText('checkout'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('changes-regressed')).getByText(
        'Gold → Silver, score 92 → 80 (Docs 100 → 60)',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('changes-removed')).getByText('legacy'),
    ).toBeInTheDocument();
    expect(screen.getByText('Open action items (1)')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('sign-off'));
    await userEvent.type(
      screen.getByTestId('sign-off-comment'),
      'Discussed in the Q4 meeting',
    );
    await userEvent.click(screen.getByTestId('sign-off-confirm'));
    expect(api.signOffReview).toHaveBeenCalledWith(REVIEW_ID, PAYMENTS, {
      comment: 'Discussed in the Q4 meeting',
    });
    expect(
      await screen.findByText('Discussed in the Q4 meeting'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('sign-off')).not.toBeInTheDocument();
  });

  it('shows the refusal when signing off is not allowed', async () => {
    const refusal = new Error(
      'Only champions and owners of group:default/payments may sign off its scorecard',
    );
    const api = fakeApi({
      getReviewTeam: jest.fn(async () => teamReview()),
      signOffReview: jest.fn(async () => {
        throw refusal;
      }),
    });
    await render(api, `/reviews/${REVIEW_ID}/teams/group/default/payments`);
    await userEvent.click(await screen.findByTestId('sign-off'));
    await userEvent.click(screen.getByTestId('sign-off-confirm'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only champions and owners',
    );
  });

  it('downloads the Markdown export of a team', async () => {
    const createObjectURL = jest.fn(() => 'blob:review');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const api = fakeApi({
      getReviewTeam: jest.fn(async () => teamReview()),
      exportReview: jest.fn(async () => ({
        filename: 'readiness-review-2026-12-31-payments.md',
        contentType: 'text/markdown',
        content: '# Q4',
      })),
    });
    await render(api, `/reviews/${REVIEW_ID}/teams/group/default/payments`);
    await userEvent.click(await screen.findByTestId('export-markdown'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportReview).toHaveBeenCalledWith(
      REVIEW_ID,
      'markdown',
      PAYMENTS,
    );
    expect(createObjectURL).toHaveBeenCalled();
    const anchor = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(anchor.download).toBe('readiness-review-2026-12-31-payments.md');
    click.mockRestore();
  });
});
