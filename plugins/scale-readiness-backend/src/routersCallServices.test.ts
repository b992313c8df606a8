/**
 * Routers call services only (issue 15): no router imports a store module
 * (`*Store.ts`, `src/database`) or names a store type (`GrantStore`,
 * `ResultStore`, `ScorecardReadModel`, ...). Stores reach the routes through
 * the services built in each feature's factory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = __dirname;

/** Every router source file under src: `*router.ts` / `*Router.ts`. */
function routerFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__testUtils__' || entry.name === '__fixtures__'
        ? []
        : routerFiles(path);
    }
    return /router\.ts$/i.test(entry.name) && !/\.test\.ts$/.test(entry.name)
      ? [relative(SRC, path)]
      : [];
  });
}

/** Module paths and imported names of a source file's imports and re-exports. */
function importsOf(source: string): {
  modules: string[];
  names: string[];
} {
  const modules: string[] = [];
  const names: string[] = [];
  const clause = /\b(?:import|export)\s+([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(clause)) {
    modules.push(m[2]);
    const ids = m[1].match(/[A-Za-z_$][\w$]*/g) ?? [];
    names.push(...ids.filter(id => !['type', 'as', 'typeof'].includes(id)));
  }
  const bare = /\b(?:import\s*\(?|require\s*\()\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(bare)) modules.push(m[1]);
  return { modules, names };
}

/** Whether a module path is a store module. */
function isStoreModule(path: string): boolean {
  const segments = path.split('/');
  const last = segments[segments.length - 1].replace(/\.(ts|js)$/, '');
  return /Store$/.test(last) || segments.includes('database');
}

/** Whether an identifier names a store or one of its parts. */
function isStoreName(name: string): boolean {
  return /^[A-Z]\w*(Store|ReadModel)$/.test(name);
}

/** The problems of one router source (empty when it calls services only). */
function storeAccessIn(source: string): string[] {
  const { modules, names } = importsOf(source);
  const code = source
    .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    .replace(/'[^'\n]*'|"[^"\n]*"/g, "''");
  const mentioned = code.match(/\b[A-Z]\w*(?:Store|ReadModel)\b/g) ?? [];
  return [
    ...modules.filter(isStoreModule).map(m => `imports store module ${m}`),
    ...[...new Set([...names, ...mentioned])]
      .filter(isStoreName)
      .map(n => `names store type ${n}`),
  ];
}

describe('routers call services only', () => {
  const files = routerFiles();

  it('finds every feature router', () => {
    expect(files).toEqual(
      expect.arrayContaining(
        [
          'accessRequests/router.ts',
          'grants/router.ts',
          'plans/planRouter.ts',
          'reviews/reviewRouter.ts',
          'service/router.ts',
          'trends/router.ts',
          'waivers/waiverRouter.ts',
        ].map(p => join(...p.split('/'))),
      ),
    );
  });

  it.each(files)('%s imports no store module or type', file => {
    expect(storeAccessIn(readFileSync(join(SRC, file), 'utf8'))).toEqual([]);
  });

  it('recognises store access in a router source', () => {
    expect(
      storeAccessIn(
        [
          `import type { ResultStore, ScorecardReadModel } from '../database';`,
          `import type { GrantRecord, GrantStore } from './GrantStore';`,
          `import { DatabaseTrendStore } from './DatabaseTrendStore';`,
          `type T = import('../database/ReadinessStore').FactStore;`,
        ].join('\n'),
      ),
    ).toEqual([
      'imports store module ../database',
      'imports store module ./GrantStore',
      'imports store module ./DatabaseTrendStore',
      'imports store module ../database/ReadinessStore',
      'names store type ResultStore',
      'names store type ScorecardReadModel',
      'names store type GrantStore',
      'names store type DatabaseTrendStore',
      'names store type FactStore',
    ]);
    expect(
      storeAccessIn(
        `import { toApiGrant, type GrantService } from './GrantService';\n` +
          `// a comment about the GrantStore\n`,
      ),
    ).toEqual([]);
  });
});
