import { EmptyState } from '@backstage/core-components';
import { RescoreButton } from './RescoreButton';

/** Empty state for an entity without a stored result (the API answered 404). */
export const NotScoredYet = ({
  entityRef,
  onRequested,
}: {
  entityRef: string;
  onRequested?: () => void;
}) => (
  <EmptyState
    missing="data"
    title="Not scored yet"
    description="Scale Readiness has not evaluated this entity yet. Results appear after the next scoring pass; you can ask for one now."
    action={
      <RescoreButton
        entityRef={entityRef}
        onRequested={onRequested}
        variant="contained"
      />
    }
  />
);
