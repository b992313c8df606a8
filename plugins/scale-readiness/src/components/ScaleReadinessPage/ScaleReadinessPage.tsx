import { Route, Routes } from 'react-router-dom';
import { TeamScorecardPage } from '../TeamScorecard/TeamScorecardPage';
import { ReviewDetailPage, ReviewListPage, ReviewTeamPage } from '../Reviews';
import { PlanListPage, PlanPage } from '../LaunchPlans';
import { OverviewPage } from './OverviewPage';

/**
 * Root page of the plugin: the org overview at `/`, team scorecards at
 * `/teams/:namespace/:name`, readiness reviews at `/reviews…`, launch plans
 * at `/plans…`.
 */
export const ScaleReadinessPage = () => (
  <Routes>
    <Route path="/" element={<OverviewPage />} />
    <Route path="/teams/:namespace/:name" element={<TeamScorecardPage />} />
    <Route path="/reviews" element={<ReviewListPage />} />
    <Route path="/reviews/:reviewId" element={<ReviewDetailPage />} />
    <Route
      path="/reviews/:reviewId/teams/:kind/:namespace/:name"
      element={<ReviewTeamPage />}
    />
    <Route path="/plans" element={<PlanListPage />} />
    <Route path="/plans/:planId" element={<PlanPage />} />
  </Routes>
);
