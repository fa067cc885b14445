import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTemporaryFolders } from './support';

const temporaryFolder = useTemporaryFolders();
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * A stand-in for an Electron binary: filler bytes around a version-1 fuse wire of nine fuses, all on.
 *
 * Electron's binary cannot be downloaded here; the fuse wire is the only part the script touches.
 */
async function fakeBinary(folder: string): Promise<string> {
  const path = join(folder, 'electron');
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('111111111')]);
  await writeFile(path, Buffer.concat([Buffer.alloc(4096, 7), wire, Buffer.alloc(4096, 9)]));
  return path;
}

function run(...args: string[]) {
  return spawnSync(process.execPath, ['main/bin/fuses.js', ...args], { cwd: repoRoot, encoding: 'utf8' });
}

describe('Electron fuses (security checklist item 19)', () => {
  it('finds the fuses that differ, flips them, and then finds none', async () => {
    const binary = await fakeBinary(await temporaryFolder('fuses'));
    const before = run('--check', binary);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('RunAsNode: on → off');
    expect(before.stdout).toContain('EnableNodeOptionsEnvironmentVariable: on → off');
    expect(run(binary).status).toBe(0);
    const after = run('--check', binary);
    expect(after.stdout).toContain('fuses as Subrelay needs them');
    expect(after.status).toBe(0);
    const bytes = await readFile(binary);
    const wire = bytes.subarray(
      bytes.indexOf(SENTINEL) + SENTINEL.length + 2,
      bytes.indexOf(SENTINEL) + SENTINEL.length + 11,
    );
    // RunAsNode, cookies, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file://, wasm traps.
    expect(wire.toString()).toBe('010011101');
    expect(bytes.subarray(0, 4096).every((b) => b === 7)).toBe(true);
  });

  it('says in one line what is wrong with a file that is not an Electron binary', async () => {
    const folder = await temporaryFolder('fuses');
    await writeFile(join(folder, 'notepad'), 'no fuses here');
    const result = run(join(folder, 'notepad'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`subrelay: ${join(folder, 'notepad')}: `);
  });
});
