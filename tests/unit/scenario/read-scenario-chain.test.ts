import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.js';
import { readScenarioChain, unreadableReason } from '../../../src/scenario/read-scenario-chain.js';
import { memoryFiles } from '../../helpers/memory-files.js';

describe('readScenarioChain()', () => {
  it('reads the file given, then each file it extends, child first, with their texts', () => {
    const files = {
      's/child.yaml': 'name: child\nextends: middle.yaml\n',
      's/middle.yaml': 'name: middle\nextends: ../base/root.yaml\n',
      'base/root.yaml': 'name: root\nmodel: m.yaml\n',
    };
    const chain = readScenarioChain('s/child.yaml', memoryFiles(files));
    expect(chain.complete).toBe(true);
    expect(chain.diagnostics).toEqual([]);
    expect(chain.files.map((file) => file.file)).toEqual(['s/child.yaml', 's/middle.yaml', 'base/root.yaml']);
    expect(chain.texts).toEqual([files['s/child.yaml'], files['s/middle.yaml'], files['base/root.yaml']]);
  });

  it('reports a cycle at the extends that closes it, naming the whole loop, normalised paths told apart', () => {
    const chain = readScenarioChain(
      'a.yaml',
      memoryFiles({ 'a.yaml': 'name: a\nextends: b.yaml\n', 'b.yaml': 'name: b\nextends: ./x/../a.yaml\n' }),
    );
    expect(chain.files).toHaveLength(2);
    expect(chain.diagnostics).toHaveLength(1);
    expect(chain.diagnostics[0]).toMatchObject({
      file: 'b.yaml',
      line: 2,
      field: 'extends',
      ...messages.circularExtends(['a.yaml', 'b.yaml', 'a.yaml']),
    });
  });

  it('reports a file it cannot read at the extends that names it, and marks the chain incomplete', () => {
    const chain = readScenarioChain('a.yaml', memoryFiles({ 'a.yaml': 'name: a\nextends: gone.yaml\n' }));
    expect(chain.complete).toBe(false);
    expect(chain.diagnostics[0]).toMatchObject({
      file: 'a.yaml',
      line: 2,
      column: 10,
      ...messages.referencedFileUnreadable('extends', 'gone.yaml', 'no such file'),
    });
  });

  it('reports the file given itself, unreadable, as the reader reports it', () => {
    const chain = readScenarioChain('missing.yaml', memoryFiles({}));
    expect(chain.complete).toBe(false);
    expect(chain.diagnostics[0]).toMatchObject({ file: 'missing.yaml', ...messages.fileUnreadable('no such file') });
  });

  it('refuses to extend a model file (YAML with time or stocks and no model, or XMILE)', () => {
    for (const [path, text] of [
      ['m.yaml', 'name: m\ntime: { start: 0, stop: 1, dt: 1 }\n'],
      ['m.xmile', '<xmile/>'],
    ] as const) {
      const chain = readScenarioChain('a.yaml', memoryFiles({ 'a.yaml': `name: a\nextends: ${path}\n`, [path]: text }));
      expect(chain.complete, path).toBe(false);
      expect(chain.diagnostics[0], path).toMatchObject({ field: 'extends', ...messages.extendsModel(path) });
    }
  });

  it('unreadableReason() keeps the reasons without the generic lead', () => {
    const reason = unreadableReason([
      { file: 'f', line: 1, column: 1, severity: 'error', field: '', ...messages.fileUnreadable('no such file') },
      { file: 'f', line: 1, column: 1, severity: 'error', field: '', ...messages.fileUnreadable('it is a directory') },
    ]);
    expect(reason).toBe('no such file; it is a directory');
  });
});
