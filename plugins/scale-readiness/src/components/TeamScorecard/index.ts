export { TeamScorecard } from './TeamScorecard';
export type { TeamScorecardProps } from './TeamScorecard';
export { TeamScorecardPage } from './TeamScorecardPage';
export { GroupScaleReadinessContent } from './GroupScaleReadinessContent';
