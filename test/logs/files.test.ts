import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTranscriptFiles } from '../../src/logs/files.js';
import { fsFixture } from '../helpers/fs-fixture.js';

describe('findTranscriptFiles', () => {
  it('finds every *.jsonl at any depth, both subagent layouts included', async () => {
    const root = await fsFixture({
      'projects/-home-ann-app/s1.jsonl': '{}\n',
      'projects/-home-ann-app/agent-a1.jsonl': '{}\n',
      'projects/-home-ann-app/s1/subagents/agent-b2.jsonl': '{}\n',
      'projects/-home-ann-app/notes.txt': 'not a transcript',
      'projects/-home-bob-api/s2.jsonl': '{}\n',
    });
    const projects = path.join(root, 'projects');
    const { files, unreadable } = await findTranscriptFiles([projects]);
    expect(unreadable).toEqual([]);
    expect(
      files.map((file) => [
        path.relative(projects, file.path),
        file.project,
        file.subagent,
        file.session,
      ]),
    ).toEqual([
      ['-home-ann-app/agent-a1.jsonl', '-home-ann-app', true, 'agent-a1'],
      ['-home-ann-app/s1.jsonl', '-home-ann-app', false, 's1'],
      ['-home-ann-app/s1/subagents/agent-b2.jsonl', '-home-ann-app', true, 's1'],
      ['-home-bob-api/s2.jsonl', '-home-bob-api', false, 's2'],
    ]);
  });

  it('reads a file reached through two paths once, and survives a link loop', async () => {
    const root = await fsFixture({ 'projects/p/s1.jsonl': '{}\n' });
    await symlink(path.join(root, 'projects', 'p'), path.join(root, 'projects', 'again'));
    await mkdir(path.join(root, 'projects', 'p', 'deeper'));
    await symlink(path.join(root, 'projects'), path.join(root, 'projects', 'p', 'deeper', 'loop'));
    const { files } = await findTranscriptFiles([path.join(root, 'projects')]);
    expect(files).toHaveLength(1);
  });

  it('names a missing folder and still returns the others', async () => {
    const root = await fsFixture({ 'projects/p/s1.jsonl': '{}\n' });
    const missing = path.join(root, 'gone');
    const { files, unreadable } = await findTranscriptFiles([missing, path.join(root, 'projects')]);
    expect(files).toHaveLength(1);
    expect(unreadable).toEqual([{ path: missing, reason: 'vanished while reading' }]);
  });
});
