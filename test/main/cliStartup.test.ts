import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support';

/** The bundle's files that loading `file` loads at once: its static imports, followed (not `import()`). */
function staticallyLoaded(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(join(repoRoot, 'out', 'cli', file), 'utf8');
  for (const match of source.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gmu)) {
    staticallyLoaded(match[1] ?? match[2]!, seen);
  }
  return seen;
}

describe('the built CLI starts with only what the command needs', () => {
  // The global setup has built out/cli/ from today's sources.
  const loaded = [...staticallyLoaded('index.js')];
  const sources = loaded.map((file) => readFileSync(join(repoRoot, 'out', 'cli', file), 'utf8'));

  it('loads the entry and a few small chunks', () => {
    expect(loaded[0]).toBe('index.js');
    expect(loaded.length).toBeGreaterThan(1);
  });

  it('does not load i18next or the locales for --version (they are loaded only to print words)', () => {
    expect(sources.filter((source) => /i18next|createInstance\(/u.test(source))).toEqual([]);
    // The English locale's usage text and its problem words.
    expect(sources.filter((source) => source.includes('Usage: subrelay'))).toEqual([]);
    expect(sources.filter((source) => source.includes('no such file or folder'))).toEqual([]);
  });

  it('loads the words when a message is printed (the chunk exists and holds the locale)', () => {
    const index = sources[0]!;
    const words = /import\("\.\/(words-[\w-]+\.js)"\)/u.exec(index)?.[1];
    expect(words).toBeDefined();
    const reachable = [...staticallyLoaded(words!)].map((file) =>
      readFileSync(join(repoRoot, 'out', 'cli', file), 'utf8'),
    );
    expect(reachable.some((source) => source.includes('Usage: subrelay'))).toBe(true);
  });
});
