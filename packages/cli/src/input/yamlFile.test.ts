import { documentSuffix, parseYamlFile } from './yamlFile';

describe('parseYamlFile', () => {
  it('records where every document starts and keeps empty ones', () => {
    const file = parseYamlFile(
      '/x.yaml',
      '# comment\n\napiVersion: v1\nkind: A\n---\n---\n# only a comment\nkind: B\n',
    );
    expect(file.documents.map(d => [d.index, d.line, d.value])).toEqual([
      [0, 3, { apiVersion: 'v1', kind: 'A' }],
      [1, 5, null],
      [2, 8, { kind: 'B' }],
    ]);
    expect(documentSuffix(file, file.documents[2])).toBe(' (document 3)');
    expect(
      documentSuffix(parseYamlFile('/y.yaml', 'a: 1'), { index: 0, line: 1 }),
    ).toBe('');
  });

  it('reports the first line of a YAML error at the line it happens', () => {
    const file = parseYamlFile('/x.yaml', 'a: 1\n---\nb: [1,\nc: 2\n');
    expect(file.documents[0]).toEqual({ index: 0, line: 1, value: { a: 1 } });
    expect(file.documents[1].value).toBeUndefined();
    expect(file.documents[1].line).toBe(4);
    expect(file.documents[1].error).toMatch(
      /^Flow sequence in block collection/,
    );
    expect(file.documents[1].error).not.toContain('\n');
  });
});
