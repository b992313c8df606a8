/**
 * Shared setup of the store-backed benchmarks: a synthetic catalog served by
 * an indexed in-process CatalogService, a fresh PostgreSQL database and the
 * real ReadinessProcessor (catalog + manifests fact providers, built-in
 * checks, DatabaseReadinessStore) wired as `scripts/bench-store` wires it.
 * Used by `scripts/bench-heap`; the option parsing, logger and database
 * helpers by every store-backed bench script.
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import knexFactory, { type Knex } from 'knex';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildSyntheticCatalog,
  type SyntheticCatalog,
  writeSyntheticManifests,
} from '../plugins/scale-readiness-backend/src/__fixtures__/syntheticCatalog';
import { InProcessCatalog } from '../plugins/scale-readiness-backend/src/__testUtils__/InProcessCatalog';
import { DatabaseReadinessStore } from '../plugins/scale-readiness-backend/src/database';
import {
  CatalogFactProvider,
  ManifestFactProvider,
} from '../plugins/scale-readiness-backend/src/providers';
import { ReadinessProcessor } from '../plugins/scale-readiness-backend/src/service/ReadinessProcessor';
import { ReadinessService } from '../plugins/scale-readiness-backend/src/service/ReadinessService';

/**
 * Options of a bench script: `--name value` options and flags; `--help`
 * prints `usage: <usage>` and exits.
 */
export function benchArgs(usage: string, argv = process.argv.slice(2)) {
  if (argv.includes('--help')) {
    console.log(`usage: ${usage}`);
    process.exit(0);
  }
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    value,
    flag: (name: string): boolean => argv.includes(name),
    /** An integer option, at least `min`. */
    integer(name: string, fallback: number, min = 1): number {
      const n = Number(value(name) ?? fallback);
      if (!Number.isInteger(n) || n < min) {
        throw new Error(`${name} must be an integer ≥ ${min}`);
      }
      return n;
    },
  };
}

/** The PostgreSQL server of the benchmarks: the tests' one, else the local one. */
export function postgresBase(): string {
  return (
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432'
  );
}

/** A logger that drops info and debug output. */
export function quietLogger(): LoggerService {
  const logger: LoggerService = {
    info: () => {},
    debug: () => {},
    warn: (message: string) => console.warn(`  warn: ${message}`),
    error: (message: string) => console.error(`  error: ${message}`),
    child: () => logger,
  };
  return logger;
}

/** Sets `metadata.etag` to a hash of the entity, like the catalog's stitcher. */
export function withEtag(entity: Entity): Entity {
  const { etag: _old, ...metadata } = entity.metadata;
  entity.metadata.etag = createHash('sha1')
    .update(JSON.stringify({ ...entity, metadata }))
    .digest('hex');
  return entity;
}

/** Drops and creates `database` on the server at `base`. */
export async function createDatabase(
  base: string,
  database: string,
): Promise<{ admin: Knex; url: string }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
    throw new Error(`Invalid database name ${database}`);
  }
  const admin = knexFactory({
    client: 'pg',
    connection: base,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
  await admin.raw(`CREATE DATABASE ${database}`);
  const url = new URL(base);
  url.pathname = `/${database}`;
  return { admin, url: url.toString() };
}

/** The synthetic catalog and its manifests folder. */
export interface BenchCatalog {
  synthetic: SyntheticCatalog;
  catalog: InProcessCatalog;
  manifestsRoot: string;
}

/** Builds the synthetic catalog of `size` components (with etags). */
export async function createBenchCatalog(size: number): Promise<BenchCatalog> {
  const manifestsRoot = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'sr-bench-')),
  );
  await writeSyntheticManifests(manifestsRoot);
  const synthetic = buildSyntheticCatalog({
    components: size,
    manifestsRoot,
  });
  // The catalog gives every entity an etag that changes with the entity.
  synthetic.entities.forEach(withEtag);
  return {
    synthetic,
    catalog: new InProcessCatalog(synthetic.entities),
    manifestsRoot,
  };
}

/** The processor of a benchmark and what to close afterwards. */
export interface BenchProcessor {
  processor: ReadinessProcessor;
  /** The service over the same store and processor (simulations). */
  service: ReadinessService;
  store: DatabaseReadinessStore;
  config: ReturnType<typeof readinessConfigFromAppConfig>;
  /** Destroys the pool, drops the database unless `keep`, removes the manifests. */
  close(options?: { keep?: boolean }): Promise<void>;
}

/**
 * Creates the database and the processor over `bench.catalog`.
 * `wrapStore` may wrap the store (e.g. in a Proxy that watches calls).
 */
export async function createBenchProcessor(options: {
  bench: BenchCatalog;
  base: string;
  database: string;
  wrapStore?: (store: DatabaseReadinessStore) => DatabaseReadinessStore;
}): Promise<BenchProcessor> {
  const { bench, base, database } = options;
  const { admin, url } = await createDatabase(base, database);
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 1, max: 5 },
  });
  const created = await DatabaseReadinessStore.create({
    database: { getClient: async () => db, migrations: { skip: false } },
  });
  const store = options.wrapStore ? options.wrapStore(created) : created;
  const auth = {
    getOwnServiceCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:scale-readiness' },
    }),
  } as unknown as AuthService;
  const config = readinessConfigFromAppConfig(undefined);
  const processor = new ReadinessProcessor({
    logger: quietLogger(),
    auth,
    catalog: bench.catalog.service,
    store,
    providers: [
      new CatalogFactProvider(),
      new ManifestFactProvider({
        reader: {} as never, // only local manifests in this catalog
        allowedLocalRoots: [bench.manifestsRoot],
      }),
    ],
    checks: [...BUILTIN_CHECKS],
    config,
  });
  return {
    processor,
    service: new ReadinessService({
      store,
      processor,
      config,
      checks: [...BUILTIN_CHECKS],
    }),
    store,
    config,
    async close({ keep = false } = {}) {
      await db.destroy();
      if (!keep) await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
      await admin.destroy();
      await fs.rm(bench.manifestsRoot, { recursive: true, force: true });
    },
  };
}
