import { parseEntityRef } from '@backstage/catalog-model';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import {
  reviewRouteRef,
  reviewsRouteRef,
  reviewTeamRouteRef,
} from '../../routes';

/** Links between the review pages (undefined when the page is not mounted). */
export interface ReviewLinks {
  list?: string;
  review(reviewId: string): string | undefined;
  team(reviewId: string, teamRef: string): string | undefined;
}

/** Builds links to the review pages from the mounted routes. */
export function useReviewLinks(): ReviewLinks {
  const list = useOptionalRouteRef(reviewsRouteRef);
  const review = useOptionalRouteRef(reviewRouteRef);
  const team = useOptionalRouteRef(reviewTeamRouteRef);
  return {
    list: list?.(),
    review: reviewId => review?.({ reviewId }),
    team: (reviewId, teamRef) => {
      if (!team) return undefined;
      const { kind, namespace, name } = parseEntityRef(teamRef, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      return team({
        reviewId,
        kind: kind.toLocaleLowerCase('en-US'),
        namespace,
        name,
      });
    },
  };
}
