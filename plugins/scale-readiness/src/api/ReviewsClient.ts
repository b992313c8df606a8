import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CreateReviewRequest,
  CreateWaiverRequest,
  ReviewDetailResponse,
  ReviewExportFormat,
  ReviewListResponse,
  ReviewSignOff,
  ReviewSummary,
  ReviewTeamResponse,
  SignOffRequest,
  WaiverListResponse,
  WaiverRecord,
  WaiverStatus,
} from '@scale-readiness/plugin-scale-readiness-common';
import { JSON_HEADERS, type ApiTransport } from './ApiTransport';
import { entityPath } from './entityPaths';
import type { ReviewExportFile, ScaleReadinessApi } from './ScaleReadinessApi';

/**
 * The readiness review and waiver calls of {@link ScaleReadinessApi} (see
 * docs/reviews.md), behind `ScaleReadinessClient`.
 * @internal
 */
export class ReviewsClient
  implements
    Pick<
      ScaleReadinessApi,
      | 'listReviews'
      | 'startReview'
      | 'getReview'
      | 'getReviewTeam'
      | 'signOffReview'
      | 'exportReview'
      | 'listWaivers'
      | 'createWaiver'
      | 'approveWaiver'
      | 'revokeWaiver'
    >
{
  readonly #transport: ApiTransport;

  constructor(transport: ApiTransport) {
    this.#transport = transport;
  }

  listReviews(
    query: { offset?: number; limit?: number } = {},
  ): Promise<ReviewListResponse> {
    const params = new URLSearchParams();
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const qs = params.toString();
    return this.#transport.call(
      'GET /reviews',
      `/reviews${qs ? `?${qs}` : ''}`,
    );
  }

  startReview(request: CreateReviewRequest = {}): Promise<ReviewSummary> {
    return this.#transport.call('POST /reviews', '/reviews', {
      method: 'POST',
      headers: JSON_HEADERS,
      json: request,
    });
  }

  getReview(reviewId: string): Promise<ReviewDetailResponse> {
    return this.#transport.call(
      'GET /reviews/{id}',
      `/reviews/${encodeURIComponent(reviewId)}`,
    );
  }

  getReviewTeam(
    reviewId: string,
    teamRef: string,
  ): Promise<ReviewTeamResponse> {
    return this.#transport.call(
      'GET /reviews/{id}/teams/{kind}/{namespace}/{name}',
      `/reviews/${encodeURIComponent(reviewId)}/teams/${entityPath(
        teamRef,
        'group',
      )}`,
    );
  }

  signOffReview(
    reviewId: string,
    teamRef: string,
    request: SignOffRequest = {},
  ): Promise<ReviewSignOff> {
    return this.#transport.call(
      'POST /reviews/{id}/teams/{kind}/{namespace}/{name}/sign-offs',
      `/reviews/${encodeURIComponent(reviewId)}/teams/${entityPath(
        teamRef,
        'group',
      )}/sign-offs`,
      {
        method: 'POST',
        headers: JSON_HEADERS,
        json: request,
      },
    );
  }

  async exportReview(
    reviewId: string,
    format: ReviewExportFormat,
    teamRef?: string,
  ): Promise<ReviewExportFile> {
    const team = teamRef ? `/teams/${entityPath(teamRef, 'group')}` : '';
    const fallback = teamRef
      ? `readiness-review-${
          parseEntityRef(teamRef, { defaultKind: 'group' }).name
        }`
      : 'readiness-review';
    return this.#transport.download(
      `/reviews/${encodeURIComponent(
        reviewId,
      )}${team}/export?format=${encodeURIComponent(format)}`,
      `${fallback}.${format === 'csv' ? 'csv' : 'md'}`,
    );
  }

  listWaivers(
    query: { entityRef?: string; status?: WaiverStatus } = {},
  ): Promise<WaiverListResponse> {
    const params = new URLSearchParams();
    if (query.entityRef) params.set('entityRef', query.entityRef);
    if (query.status) params.set('status', query.status);
    const qs = params.toString();
    return this.#transport.call(
      'GET /waivers',
      `/waivers${qs ? `?${qs}` : ''}`,
    );
  }

  createWaiver(request: CreateWaiverRequest): Promise<WaiverRecord> {
    return this.#transport.call('POST /waivers', '/waivers', {
      method: 'POST',
      headers: JSON_HEADERS,
      json: request,
    });
  }

  approveWaiver(waiverId: string): Promise<WaiverRecord> {
    return this.#transport.call(
      'POST /waivers/{id}/approve',
      `/waivers/${encodeURIComponent(waiverId)}/approve`,
      {
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{}',
      },
    );
  }

  revokeWaiver(waiverId: string): Promise<WaiverRecord> {
    return this.#transport.call(
      'DELETE /waivers/{id}',
      `/waivers/${encodeURIComponent(waiverId)}`,
      { method: 'DELETE' },
    );
  }
}
