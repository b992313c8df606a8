import { Typography } from '@material-ui/core';
import type { LevelExplanation as Explanation } from '@scale-readiness/plugin-scale-readiness-common';

/** Props of {@link LevelExplanationText}. */
export interface LevelExplanationTextProps {
  explanation: Explanation;
  /** `caption` in tables, `body2` on cards. */
  variant?: 'body2' | 'caption';
}

/**
 * The one sentence that says why a level is what it is, e.g. "Bronze because
 * the chain breaks at 1.4× at Inventory table (write capacity)". Shown next to
 * every level.
 */
export const LevelExplanationText = ({
  explanation,
  variant = 'body2',
}: LevelExplanationTextProps) => (
  <Typography
    variant={variant}
    component="p"
    data-testid="level-explanation"
    style={{ marginTop: 4 }}
  >
    {explanation.text}
  </Typography>
);
