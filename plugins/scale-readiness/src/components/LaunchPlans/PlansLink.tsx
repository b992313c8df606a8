import { Link } from '@backstage/core-components';
import { usePlanLinks } from './planLinks';

/** Link to the launch plans, for page headers (nothing when not mounted). */
export const PlansLink = () => {
  const { list } = usePlanLinks();
  if (!list) return null;
  return (
    <Link to={list} color="inherit" data-testid="plans-link">
      Launch plans
    </Link>
  );
};
