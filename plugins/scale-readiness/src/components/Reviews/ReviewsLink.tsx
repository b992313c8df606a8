import { Link } from '@backstage/core-components';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { reviewsRouteRef } from '../../routes';

/** Link to the readiness reviews, for page headers (nothing when not mounted). */
export const ReviewsLink = () => {
  const reviews = useOptionalRouteRef(reviewsRouteRef);
  if (!reviews) return null;
  return (
    <Link to={reviews()} color="inherit" data-testid="reviews-link">
      Readiness reviews
    </Link>
  );
};
