import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { fakeApi, responseError } from '../../../__testUtils__/fixtures';
import { PlanPage } from '../PlanPage';
import { champions, NOW, PAYMENTS, PLAN_ID, planDetail } from './planData';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  scaleReadinessApiRef,
  type ScaleReadinessApi,
} from '../../../api/ScaleReadinessApi';
import { rootRouteRef } from '../../../routes';
import { ScaleReadinessPage } from '../../ScaleReadinessPage';

const catalog = catalogApiMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout', namespace: 'default', title: 'Checkout' },
      spec: { type: 'service', owner: 'storefront', lifecycle: 'production' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'search-api', namespace: 'default' },
      spec: { type: 'openapi', owner: 'search', lifecycle: 'production' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'alice', namespace: 'default', title: 'Alice Liddell' },
      spec: {},
    },
  ],
});

/** Renders the plugin page at `path` with a fake API and an in-memory catalog. */
export function renderPlans(
  api: Partial<ScaleReadinessApi>,
  path: string,
  element: ReactElement = <ScaleReadinessPage />,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [scaleReadinessApiRef, api],
        [catalogApiRef, catalog],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries: [path],
    },
  );
}

/**
 * jsdom has no SVG layout: gives every SVG element a fixed box so that
 * `DependencyGraph` can measure its nodes.
 */
export function stubSvgLayout() {
  (window.SVGElement.prototype as any).getBBox = () => ({
    x: 0,
    y: 0,
    width: 120,
    height: 46,
  });
}

/** The plan page of {@link PLAN_ID} at a fixed clock (2026-12-05). */
export function renderPlanPage(api: ReturnType<typeof fakeApi>) {
  return renderPlans(
    api,
    `/plans/${PLAN_ID}`,
    <Routes>
      <Route path="/plans/:planId" element={<PlanPage now={() => NOW} />} />
    </Routes>,
  );
}

/** The server's message as the client reports it. */
export async function serverError(status: number, message: string) {
  return Object.assign(await responseError(status, message), { message });
}

/** A fake API: the plan, and the caller is a champion of Payments only. */
export function championApi(overrides: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    getPlan: jest.fn(async () => planDetail()),
    getTeamChampions: jest.fn(async (team: string) =>
      champions(team, team === PAYMENTS),
    ),
    ...overrides,
  });
}
