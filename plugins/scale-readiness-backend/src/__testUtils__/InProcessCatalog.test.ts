import { buildBaseFacts } from '../providers';
import { buildSyntheticCatalog } from '../__fixtures__/syntheticCatalog';
import { InProcessCatalog } from './InProcessCatalog';

const credentials = {} as any;

describe('InProcessCatalog over the synthetic catalog', () => {
  const synthetic = buildSyntheticCatalog({ components: 1234 });
  const catalog = new InProcessCatalog(synthetic.entities);

  it('streams a kind filter in real pages, with fields', async () => {
    const sizes: number[] = [];
    const seen = new Set<string>();
    for await (const page of catalog.service.streamEntities(
      { filter: { kind: ['Component', 'Resource'] }, pageSize: 500 },
      { credentials },
    )) {
      sizes.push(page.length);
      for (const e of page) seen.add(`${e.kind}:${e.metadata.name}`);
    }
    const expected = synthetic.counts.components + synthetic.counts.resources;
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(expected);
    expect(seen.size).toBe(expected);
    expect(sizes.slice(0, -1).every(s => s === 500)).toBe(true);

    const groups: any[] = [];
    for await (const page of catalog.service.streamEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.name', 'spec.parent'],
      },
      { credentials },
    )) {
      groups.push(...page);
    }
    expect(groups).toHaveLength(synthetic.counts.groups);
    expect(groups[1]).toEqual({
      kind: 'Group',
      metadata: { name: 'g1' },
      spec: { parent: 'g0' },
    });
  });

  it('looks entities up by ref and returns copies', async () => {
    const { items } = await catalog.service.getEntitiesByRefs(
      { entityRefs: ['component:default/c0', 'component:default/nope'] },
      { credentials },
    );
    expect(items[0]?.metadata.name).toBe('c0');
    expect(items[1]).toBeUndefined();
    items[0]!.metadata.name = 'changed';
    expect(catalog.get('component:default/c0')!.metadata.name).toBe('c0');
  });

  it('builds chains 3–5 deep that end at resources', () => {
    const facts = synthetic.entities
      .filter(e => e.kind === 'Component')
      .map(buildBaseFacts);
    const byRef = new Map(facts.map(f => [f.entityRef, f]));
    const depths = new Set<number>();
    for (const f of facts) {
      const isHead = !facts.some(o =>
        o.relations.dependsOn.includes(f.entityRef),
      );
      if (!isHead) continue;
      let depth = 1;
      let current = f;
      for (;;) {
        const next = current.relations.dependsOn.find(r =>
          r.startsWith('component:'),
        );
        if (!next || next === f.entityRef) break;
        current = byRef.get(next)!;
        depth++;
      }
      expect(
        current.relations.dependsOn.some(r => r.startsWith('resource:')),
      ).toBe(true);
      depths.add(depth);
    }
    expect(Math.min(...depths)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...depths)).toBe(5);
    expect(depths.has(3)).toBe(true);
  });
});
