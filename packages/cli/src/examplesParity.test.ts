/**
 * The CLI must score the demo organisation in examples/ exactly like the
 * portal does. The expected side is built the backend's way, independently
 * of the CLI's input handling: entities loaded through the Location in
 * examples/all.yaml and processed by Backstage's own catalog processors
 * (AnnotateLocationEntityProcessor, BuiltinKindsEntityProcessor + stitched
 * relations), facts from the backend's providers (CatalogFactProvider over an
 * in-memory catalog, the backend's ManifestFactProvider reading file:
 * locations), stored as JSON, merged and evaluated with the engine.
 */
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  AnnotateLocationEntityProcessor,
  BuiltinKindsEntityProcessor,
} from '@backstage/plugin-catalog-backend';
import {
  BUILTIN_CHECKS,
  EntityFacts,
  evaluateAll,
  FactContribution,
  mergeFacts,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  FactProvider,
  FactProviderContext,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  buildBaseFacts,
  CatalogFactProvider,
} from '@scale-readiness/plugin-scale-readiness-facts';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
// The backend's own readers of `scale-readiness.io/manifests` and load-test
// reports (UrlReader I/O stays in the backend package), from its public API.
import {
  LoadTestReportFactProvider,
  ManifestFactProvider,
} from '@scale-readiness/plugin-scale-readiness-backend';
import { CheckReport, componentReport } from './check/report';
import { ensureBuilt, REPO_ROOT, runCli } from './__testUtils__/builtCli';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const NOW = new Date('2026-11-25T00:00:00.000Z');

const logger: FactProviderContext['logger'] = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => logger,
};

/** Reads the Location's targets and runs each entity through the catalog's processors. */
async function loadCatalogLikeThePortal(): Promise<Entity[]> {
  const policy = EntityPolicies.allOf([
    new SchemaValidEntityPolicy(),
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(),
  ]);
  const builtin = new BuiltinKindsEntityProcessor();
  const annotate = new AnnotateLocationEntityProcessor({
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const rootFile = path.join(EXAMPLES, 'all.yaml');
  const root = parseAllDocuments(fs.readFileSync(rootFile, 'utf8'))[0].toJS();
  const origin = { type: 'file', target: rootFile };

  const entities: Entity[] = [];
  const relations: Array<{ source: string; type: string; target: string }> = [];
  for (const target of root.spec.targets as string[]) {
    const file = path.resolve(EXAMPLES, target);
    const location = { type: 'file', target: file };
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const raw = doc.toJS();
      if (!raw) continue;
      let entity = await annotate.preProcessEntity(
        raw,
        location,
        () => {},
        origin,
      );
      entity = await builtin.preProcessEntity(entity);
      entity = (await policy.enforce(entity)) as Entity;
      expect(await builtin.validateEntityKind(entity)).toBe(true);
      await builtin.postProcessEntity(entity, location, result => {
        if (result.type !== 'relation') return;
        const { source, type, target: t } = result.relation;
        relations.push({
          source: stringifyEntityRef(source),
          type,
          target: stringifyEntityRef(t),
        });
      });
      entities.push(entity);
    }
  }
  // Stitching: every relation is stored on its source entity.
  return entities.map(entity => {
    const ref = stringifyEntityRef(entity);
    const own = new Map(
      relations
        .filter(r => r.source === ref)
        .map(r => [
          `${r.type} ${r.target}`,
          { type: r.type, targetRef: r.target },
        ]),
    );
    return { ...entity, relations: [...own.values()] };
  });
}

/** The backend's collection pass: every provider per page, contributions stored as JSON. */
async function evaluateLikeThePortal(): Promise<CheckReport['components']> {
  const entities = await loadCatalogLikeThePortal();
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const catalog = {
    getEntitiesByRefs: async (refs: string[]) => refs.map(r => byRef.get(r)),
  };
  const providers: FactProvider[] = [
    new CatalogFactProvider(),
    new ManifestFactProvider({
      reader: {
        readUrl: () => Promise.reject(new Error('no URL reads in this test')),
        readTree: () => Promise.reject(new Error('no URL reads in this test')),
        search: () => Promise.reject(new Error('no URL reads in this test')),
      },
      allowedLocalRoots: [EXAMPLES],
    }),
    // the demo's k6 / Gatling reports are files next to the catalog
    new LoadTestReportFactProvider({
      reader: {
        readUrl: () => Promise.reject(new Error('no URL reads in this test')),
        readTree: () => Promise.reject(new Error('no URL reads in this test')),
        search: () => Promise.reject(new Error('no URL reads in this test')),
      },
      allowedLocalRoots: [EXAMPLES],
    }),
  ];
  const scored = entities.filter(e =>
    ['Component', 'Resource'].includes(e.kind),
  );
  const facts: EntityFacts[] = [];
  for (let i = 0; i < scored.length; i += 500) {
    const page = scored.slice(i, i + 500);
    const collected = await Promise.all(
      providers.map(p => p.collect(page, { logger, catalog, now: NOW })),
    );
    for (const entity of page) {
      const base = buildBaseFacts(entity);
      const stored = providers.map((p, j) => {
        const raw = collected[j].get(base.entityRef) ?? {};
        const sections = Object.fromEntries(
          p.sections.filter(s => raw[s]).map(s => [s, raw[s]]),
        );
        return {
          providerId: p.id,
          facts: JSON.parse(JSON.stringify(sections)) as FactContribution,
        };
      });
      facts.push(mergeFacts(JSON.parse(JSON.stringify(base)), stored));
    }
  }
  const results = evaluateAll(facts, readinessConfigFromAppConfig(undefined), {
    now: NOW,
    checks: BUILTIN_CHECKS,
  });
  return results
    .map(r => componentReport(r))
    .sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
}

beforeAll(() => ensureBuilt(), 240_000);

describe('the CLI on examples/', () => {
  it('agrees with the portal evaluation of the same inputs', async () => {
    const [cli, portal] = await Promise.all([
      runCli([
        'check',
        'examples',
        '--format',
        'json',
        '--fail-on',
        'none',
        '--now',
        NOW.toISOString(),
      ]),
      evaluateLikeThePortal(),
    ]);
    expect(cli.code).toBe(0);
    const report = JSON.parse(cli.stdout) as CheckReport;

    // The demo org is varied: levels, failures and chains differ between components.
    expect(portal.length).toBeGreaterThanOrEqual(50);
    expect(new Set(portal.map(c => c.level)).size).toBe(4);
    expect(
      portal.filter(
        c => c.weakestLink && c.weakestLink.entityRef !== c.entityRef,
      ).length,
    ).toBeGreaterThan(5);

    expect(report.components.map(c => c.entityRef)).toEqual(
      portal.map(c => c.entityRef),
    );
    for (let i = 0; i < portal.length; i++) {
      // the CLI also says where the entity is declared (the portal does not)
      const { source, ...scored } = report.components[i];
      expect(scored).toEqual(portal[i]);
      expect(source).toEqual({
        file: expect.stringMatching(/^examples\/[a-z-]+\.yaml$/),
        line: expect.any(Number),
      });
    }
    // the demo's load-test reports: the k6 one proves 3×, the Gatling one does not
    const loadTest = (ref: string) =>
      report.components
        .find(c => c.entityRef === ref)
        ?.checks.find(c => c.id === 'docs.load-test-proves-factor')?.status;
    expect(loadTest('component:default/search-service')).toBe('pass');
    expect(loadTest('component:default/checkout-service')).toBe('fail');
  }, 180_000);
});
