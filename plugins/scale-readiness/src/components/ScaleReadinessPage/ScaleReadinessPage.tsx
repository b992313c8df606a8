import { Route, Routes } from 'react-router-dom';
import { TeamScorecardPage } from '../TeamScorecard/TeamScorecardPage';
import { OverviewPage } from './OverviewPage';

/**
 * Root page of the plugin: the org overview at `/`, team scorecards at
 * `/teams/:namespace/:name`.
 */
export const ScaleReadinessPage = () => (
  <Routes>
    <Route path="/" element={<OverviewPage />} />
    <Route path="/teams/:namespace/:name" element={<TeamScorecardPage />} />
  </Routes>
);
