/**
 * Catalog traffic of a scoring pass (issue 18): runs the real processor
 * (catalog + manifests providers) over the synthetic catalog served by
 * another process (bench-catalog.ts), then counts what each later pass asks
 * of the catalog: by-refs calls, entities and response bytes, with the CPU
 * time of both processes. Unlike wall times on a shared machine, the bytes
 * do not depend on the load.
 *
 *   node -r sucrase/register scripts/bench-traffic.ts [--size 10000]
 *   BENCH_CATALOG_API_DEFINITION_KB=20 node -r sucrase/register scripts/bench-traffic.ts
 *
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, else
 * 127.0.0.1:5432; database BENCH_TRAFFIC_DATABASE (default
 * scale_readiness_bench_traffic), dropped at the end.
 */
import type { AuthService } from '@backstage/backend-plugin-api';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import knexFactory from 'knex';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticManifests } from '../plugins/scale-readiness-backend/src/__fixtures__/syntheticCatalog';
import { DatabaseReadinessStore } from '../plugins/scale-readiness-backend/src/database';
import {
  CatalogFactProvider,
  ManifestFactProvider,
} from '../plugins/scale-readiness-backend/src/providers';
import { ReadinessProcessor } from '../plugins/scale-readiness-backend/src/service/ReadinessProcessor';
import { startCatalogProcess } from './bench-catalog';
import {
  benchArgs,
  createDatabase,
  postgresBase,
  quietLogger,
} from './bench-fixture';

const DATABASE =
  process.env.BENCH_TRAFFIC_DATABASE ?? 'scale_readiness_bench_traffic';

async function main() {
  const size = benchArgs('bench-traffic.ts [--size 10000]').integer(
    '--size',
    10_000,
    10,
  );
  const { admin, url } = await createDatabase(postgresBase(), DATABASE);
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 1, max: 5 },
  });
  const tmp = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'sr-bench-traffic-')),
  );
  await writeSyntheticManifests(tmp);
  const catalog = await startCatalogProcess({
    components: size,
    manifestsRoot: tmp,
    etags: true,
  });
  try {
    const store = await DatabaseReadinessStore.create({
      database: { getClient: async () => db, migrations: { skip: false } },
    });
    const auth = {
      getOwnServiceCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'plugin:scale-readiness' },
      }),
    } as unknown as AuthService;
    const processor = new ReadinessProcessor({
      logger: quietLogger(),
      auth,
      catalog: catalog.service,
      store,
      providers: [
        new CatalogFactProvider(),
        new ManifestFactProvider({
          reader: {} as never,
          allowedLocalRoots: [tmp],
        }),
      ],
      checks: [...BUILTIN_CHECKS],
      config: readinessConfigFromAppConfig(undefined),
    });
    const changed = catalog.componentRefs.filter((_, n) => n % 100 === 7);
    const passes: Array<[string, () => Promise<void>]> = [
      ['full pass', async () => {}],
      ['unchanged', async () => {}],
      ['unchanged', async () => {}],
      ['1 % changed', () => catalog.toggleRunbooks(changed)],
    ];
    console.log(
      'pass        | wall ms | cpu ms | facts chg | by-refs | entities | MB    | catalog cpu ms',
    );
    for (const [label, before] of passes) {
      await before();
      const s0 = await catalog.stats();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const stats = await processor.runPass();
      const cpu = process.cpuUsage(c0);
      const s1 = await catalog.stats();
      console.log(
        [
          label.padEnd(11),
          String(Math.round(performance.now() - t0)).padStart(7),
          String(Math.round((cpu.user + cpu.system) / 1000)).padStart(6),
          String(stats.factsChanged).padStart(9),
          String(s1.byRefsCalls - s0.byRefsCalls).padStart(7),
          String(s1.entitiesServed - s0.entitiesServed).padStart(8),
          ((s1.bytesServed! - s0.bytesServed!) / 1e6).toFixed(2).padStart(5),
          String(s1.cpuMs! - s0.cpuMs!).padStart(14),
        ].join(' | '),
      );
    }
  } finally {
    await db.destroy();
    await catalog.stop();
    await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.destroy();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
