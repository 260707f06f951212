import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { candidateRoots, resolveProjectDirs } from '../../src/logs/roots.js';
import { fsFixture } from '../helpers/fs-fixture.js';

describe('candidateRoots', () => {
  it('uses both default roots, XDG first', () => {
    expect(candidateRoots({ dataDirs: [], env: {}, homeDir: '/home/ann' })).toEqual({
      origin: 'default',
      paths: ['/home/ann/.config/claude', '/home/ann/.claude'],
    });
    expect(
      candidateRoots({ dataDirs: [], env: { XDG_CONFIG_HOME: '/x' }, homeDir: '/home/ann' }).paths,
    ).toEqual(['/x/claude', '/home/ann/.claude']);
  });

  it('lets CLAUDE_CONFIG_DIR (comma-separated) replace the defaults', () => {
    expect(
      candidateRoots({ dataDirs: [], env: { CLAUDE_CONFIG_DIR: '/a, /b ,' }, homeDir: '/h' }),
    ).toEqual({ origin: 'CLAUDE_CONFIG_DIR', paths: ['/a', '/b'] });
  });

  it('lets --data-dir replace everything', () => {
    expect(
      candidateRoots({ dataDirs: ['/d'], env: { CLAUDE_CONFIG_DIR: '/a' }, homeDir: '/h' }),
    ).toEqual({ origin: '--data-dir', paths: ['/d'] });
  });
});

describe('resolveProjectDirs', () => {
  it('takes each root that has projects/, once, even when linked twice', async () => {
    const root = await fsFixture({ 'a/projects/p/s.jsonl': '{}\n' });
    await symlink(path.join(root, 'a'), path.join(root, 'link'));
    const resolved = await resolveProjectDirs({
      origin: 'default',
      paths: [path.join(root, 'a'), path.join(root, 'link'), path.join(root, 'none')],
    });
    expect(resolved.projectDirs).toEqual([path.join(root, 'a', 'projects')]);
    expect(resolved.searched).toHaveLength(3);
  });

  it('accepts a --data-dir that is a folder of transcripts itself', async () => {
    const root = await fsFixture({ 'p/s.jsonl': '{}\n' });
    const resolved = await resolveProjectDirs({ origin: '--data-dir', paths: [root] });
    expect(resolved.projectDirs).toEqual([root]);
  });

  it('makes a missing --data-dir a usage error naming it', async () => {
    const root = await fsFixture({});
    const missing = path.join(root, 'nope');
    const attempt = resolveProjectDirs({ origin: '--data-dir', paths: [missing] });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(missing);
  });

  it('warns about a CLAUDE_CONFIG_DIR entry without projects/', async () => {
    const root = await fsFixture({ 'good/projects/p/s.jsonl': '{}\n' });
    await mkdir(path.join(root, 'empty'));
    const resolved = await resolveProjectDirs({
      origin: 'CLAUDE_CONFIG_DIR',
      paths: [path.join(root, 'good'), path.join(root, 'empty')],
    });
    expect(resolved.projectDirs).toEqual([path.join(root, 'good', 'projects')]);
    expect(resolved.warnings).toEqual([
      `CLAUDE_CONFIG_DIR entry ${path.join(root, 'empty')} has no projects/ folder; skipped`,
    ]);
  });
});
