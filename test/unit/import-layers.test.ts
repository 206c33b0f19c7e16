// The import rule of src-main (scripts/check-layers.mjs, run by npm run lint): imports only go
// down. The tree as it stands keeps it, and each kind of import that would break it is refused
// with its reason (a planted import of a module above, beside, a host, the core from the sandbox).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  coreStructure,
  importsOf,
  importsOfTree,
  refusal,
  violations,
} from '../../scripts/check-layers.mjs';

const root = resolve(import.meta.dirname, '../..');

describe('the import layers', () => {
  it('are kept by the tree as it stands: no import breaks them, no arrow runs back up, no circle', () => {
    const tree = importsOfTree(root);
    expect(tree.arrows.length).toBeGreaterThan(500);
    expect(violations(tree)).toEqual([]);
    const core = coreStructure(tree);
    expect(core.backUp).toEqual([]);
    expect(core.circles).toEqual([]);
  });

  it('refuses a lower module importing a higher one, or one beside it', () => {
    expect(refusal('src-main/core/tasks/task-service.ts', 'src-main/core/runner/runner.ts')).toBe(
      'runner/ stands above tasks/',
    );
    expect(refusal('src-main/core/store/migrations/index.ts', 'src-main/core/batches/x.ts')).toBe(
      'batches/ stands above store/',
    );
    expect(refusal('src-main/core/sessions/a.ts', 'src-main/core/mcp-approvals/b.ts')).toBe(
      'mcp-approvals/ stands beside sessions/, not below it',
    );
    expect(refusal('src-main/core/tasks/a.ts', 'src-main/core/wire-desk.ts')).toBe(
      'wire-desk.ts stands above tasks/',
    );
    expect(refusal('src-main/core/newroom/a.ts', 'src-main/core/store/b.ts')).toBe(
      'newroom/ is in no layer of scripts/check-layers.mjs',
    );
  });

  it('lets a module import below it and inside itself, and the composition root import anything', () => {
    expect(
      refusal('src-main/core/runner/runner.ts', 'src-main/core/tasks/task-store.ts'),
    ).toBeNull();
    expect(refusal('src-main/core/tasks/a.ts', 'src-main/core/tasks/b.ts')).toBeNull();
    expect(refusal('src-main/core/wire-desk.ts', 'src-main/core/watches/x.ts')).toBeNull();
    expect(refusal('src-main/core/desk.ts', 'src-main/core/wire-desk.ts')).toBeNull();
  });

  it('keeps the sandbox and the contract off the core, and the core off the hosts and the renderer', () => {
    expect(refusal('src-main/sandbox/server.ts', 'src-main/core/tasks/a.ts')).toBe(
      'the sandbox imports only the contract from src-main',
    );
    expect(refusal('src-main/sandbox/server.ts', 'src-main/contract/pricing.ts')).toBeNull();
    expect(refusal('src-main/core/tasks/a.ts', 'src-main/mcp/server.ts')).toBe(
      'the core never imports a host or the renderer (mcp)',
    );
    expect(refusal('src-main/core/tasks/a.ts', 'src-renderer/App.tsx')).toBe(
      'the core never imports a host or the renderer (renderer)',
    );
    expect(refusal('src-main/contract/a.ts', 'src-main/core/desk.ts')).toBe(
      'the contract imports nothing else of src-main',
    );
    expect(refusal('src-main/mcp/server.ts', 'src-main/core/desk.ts')).toBeNull();
  });

  it('reads imports, exports and dynamic imports, not examples in comments', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "import './side-effect';",
      "const d = await import('./d');",
      "// import { e } from './e';",
      "/* import { f } from './f'; */",
    ].join('\n');
    expect(importsOf(text)).toEqual(['./a', '../b', './c', './side-effect', './d']);
  });
});
