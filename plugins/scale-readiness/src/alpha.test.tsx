import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import { screen, waitFor } from '@testing-library/react';
import plugin, {
  scaleReadinessApi,
  scaleReadinessEntityCard,
  scaleReadinessEntityContent,
  scaleReadinessGroupContent,
  scaleReadinessPage,
} from './alpha';
import { scaleReadinessApiRef } from './api/ScaleReadinessApi';
import { ScaleReadinessClient } from './api/ScaleReadinessClient';
import {
  COLLECTED_AT,
  entityResult,
  fakeApi,
  overview,
  teamScorecard,
} from './__testUtils__/fixtures';

jest.setTimeout(30_000);

/** The catalog's entity page, which the views link to. */
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};
const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('scale-readiness /alpha plugin', () => {
  it('is the scale-readiness plugin with its extensions and its sub-routes (team, plans)', async () => {
    expect(plugin.pluginId).toBe('scale-readiness');
    expect(Object.keys(plugin.routes).sort()).toEqual([
      'plan',
      'plans',
      'root',
      'team',
    ]);
    for (const id of [
      'api:scale-readiness',
      'page:scale-readiness',
      'entity-card:scale-readiness',
      'entity-content:scale-readiness',
      'entity-content:scale-readiness/group',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('installs in an app: the page is mounted and links teams to their sub-route', async () => {
    const api = fakeApi({
      getOverview: jest.fn(async () => overview()),
      getTeam: jest.fn(async () => teamScorecard()),
    });
    const errors: string[] = [];
    renderTestApp({
      features: [plugin],
      apis: [[scaleReadinessApiRef, api]],
      mountedRoutes,
      initialRouteEntries: ['/scale-readiness'],
      // The entity card and tabs attach to the catalog plugin, which this
      // test app does not install.
      isExpectedError: error => {
        errors.push(`${error.code}`);
        return error.code === 'EXTENSION_ATTACHMENT_MISSING';
      },
    });
    // lazy page and API calls: slow on a loaded machine
    await waitFor(
      () => expect(screen.getByText('Team 1')).toBeInTheDocument(),
      {
        timeout: 15_000,
      },
    );
    expect(screen.getByText('Team 1').closest('a')).toHaveAttribute(
      'href',
      '/scale-readiness/teams/default/team-1',
    );
    expect(errors.every(code => code === 'EXTENSION_ATTACHMENT_MISSING')).toBe(
      true,
    );
  });

  it('provides the API client built from discovery and fetch', async () => {
    const factory = createExtensionTester(scaleReadinessApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(scaleReadinessApiRef);
    const fetchApi = {
      fetch: jest.fn(
        async (_input: RequestInfo | URL, _init?: RequestInit) =>
          new Response('{"status":"ok"}'),
      ),
    };
    const discoveryApi = {
      getBaseUrl: jest.fn(async () => 'http://sr.test/api/scale-readiness'),
    };
    const client = factory.factory({ discoveryApi, fetchApi });
    expect(client).toBeInstanceOf(ScaleReadinessClient);
    await expect((client as ScaleReadinessClient).getHealth()).resolves.toEqual(
      { status: 'ok' },
    );
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('scale-readiness');
    expect(fetchApi.fetch).toHaveBeenCalledTimes(1);
    expect(String(fetchApi.fetch.mock.calls[0][0])).toBe(
      'http://sr.test/api/scale-readiness/health',
    );
  });

  it('shows the card and the entity tab on components only, the group tab on groups only', () => {
    const card = createExtensionTester(scaleReadinessEntityCard);
    const cardFilter = card.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(cardFilter?.(component)).toBe(true);
    expect(cardFilter?.(group)).toBe(false);

    const tab = createExtensionTester(scaleReadinessEntityContent);
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Scale Readiness',
    );
    const tabFilter = tab.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(tabFilter?.(component)).toBe(true);
    expect(tabFilter?.(group)).toBe(false);

    const groupTab = createExtensionTester(scaleReadinessGroupContent);
    const groupFilter = groupTab.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(groupFilter?.(group)).toBe(true);
    expect(groupFilter?.(component)).toBe(false);
  });

  it('renders the entity card extension with data from the API', async () => {
    const api = fakeApi({
      getEntity: jest.fn(async () => ({
        result: entityResult(),
        evaluatedAt: COLLECTED_AT,
        facts: [],
      })),
    });
    const tester = createExtensionTester(scaleReadinessEntityCard);
    renderInTestApp(
      <EntityProvider entity={component}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[scaleReadinessApiRef, api]],
        mountedRoutes,
      },
    );
    expect(
      await screen.findByLabelText('Readiness level: Bronze'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Score 72 of 100/)).toBeInTheDocument();
    expect(api.getEntity).toHaveBeenCalledWith('component:default/orders-api');
  });

  it('renders the group tab extension with the team scorecard', async () => {
    const api = fakeApi({ getTeam: jest.fn(async () => teamScorecard()) });
    const tester = createExtensionTester(scaleReadinessGroupContent);
    renderInTestApp(
      <EntityProvider entity={group}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[scaleReadinessApiRef, api]],
        mountedRoutes,
      },
    );
    expect(
      await screen.findByText('Team scorecard: Payments'),
    ).toBeInTheDocument();
    expect(screen.getByText('Components (3 of 3)')).toBeInTheDocument();
    expect(api.getTeam).toHaveBeenCalledWith('group:default/payments');
  });

  it('mounts the page at /scale-readiness and renders the org overview', async () => {
    const api = fakeApi({ getOverview: jest.fn(async () => overview()) });
    const tester = createExtensionTester(scaleReadinessPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/scale-readiness');
    renderInTestApp(tester.reactElement(), {
      apis: [[scaleReadinessApiRef, api]],
      mountedRoutes,
      mountPath: '/scale-readiness',
      initialRouteEntries: ['/scale-readiness'],
    });
    // lazy page and API calls: slow on a loaded machine
    await waitFor(
      () => expect(screen.getByText('Team 1')).toBeInTheDocument(),
      {
        timeout: 15_000,
      },
    );
    expect(
      screen.getByRole('heading', { name: 'Scale Readiness' }),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalled();
  });

  it('renders a team scorecard on the team sub-route of the page', async () => {
    const api = fakeApi({ getTeam: jest.fn(async () => teamScorecard()) });
    const tester = createExtensionTester(scaleReadinessPage);
    renderInTestApp(tester.reactElement(), {
      apis: [[scaleReadinessApiRef, api]],
      mountedRoutes,
      mountPath: '/scale-readiness',
      initialRouteEntries: ['/scale-readiness/teams/default/payments'],
    });
    expect(
      await screen.findByText('Team scorecard: Payments'),
    ).toBeInTheDocument();
    expect(api.getTeam).toHaveBeenCalledWith('group:default/payments');
  });

  it('renders the launch plans on the plans sub-route of the page', async () => {
    const api = fakeApi({
      listPlans: jest.fn(async () => [
        {
          id: 'p1',
          title: 'Retail partner launch',
          date: '2026-12-19',
          growthFactor: 3,
          status: 'open' as const,
          verdict: 'no-go' as const,
          openItems: 3,
          teams: 2,
          createdBy: 'user:default/henry.adams',
          createdAt: '2026-12-05T10:00:00.000Z',
        },
      ]),
    });
    // the whole plugin, so that its plan sub-routes resolve to links
    renderTestApp({
      features: [plugin],
      apis: [[scaleReadinessApiRef, api]],
      mountedRoutes,
      initialRouteEntries: ['/scale-readiness/plans'],
      isExpectedError: error => error.code === 'EXTENSION_ATTACHMENT_MISSING',
    });
    expect(
      await screen.findByText('Retail partner launch', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Retail partner launch').closest('a'),
    ).toHaveAttribute('href', '/scale-readiness/plans/p1');
  });
});
