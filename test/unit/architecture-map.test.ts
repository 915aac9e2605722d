import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dependencyMermaid, expectedArchitecture, ownersMarkdown } from '../../scripts/architecture-map.js';

describe('ARCHITECTURE.md matches the code', () => {
  it('its owners table and dependency diagram are the ones read from the code (tsx scripts/architecture-map.ts --write)', () => {
    const current = fs.readFileSync('ARCHITECTURE.md', 'utf8');
    expect(current).toContain(ownersMarkdown());
    expect(current).toContain(dependencyMermaid());
    expect(current).toBe(expectedArchitecture(current));
  });

  it('the diagram names the modules that import each other', () => {
    // orders records events and reads offerings: a diagram without these edges would be vacuous.
    expect(dependencyMermaid()).toContain('modules_orders --> modules_audit');
    expect(ownersMarkdown()).toMatch(/`modules\/orders` \| orders, /);
  });
});
