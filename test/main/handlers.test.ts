import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../main/handlers/dispatch';
import { answerBody } from '../../main/handlers/jsonSource';
import { FileError } from '../../main/handlers/files';
import { createHandlers, type HandlerHost } from '../../main/handlers/handlers';
import type { ApiEnvelope, ApiRequest } from '../../src/api/contract';
import { planExport } from '../../src/export/plan';
import { LANGUAGES } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { loadSample, temporaryFilesIn, useTemporaryFolders, webHost } from './support';

const temporaryFolder = useTemporaryFolders();

const EXPECTED_EXPORT_NAMES = LANGUAGES.flatMap((language) => [
  `appeal.${language}.srt`,
  `article.${language}.txt`,
]).sort();

function exportRequest(project: Project, folder: string): ApiRequest<'exportFiles'> {
  return { project, documentIds: ['appeal', 'article'], languages: [...LANGUAGES], format: 'auto', folder };
}

function errorOf(envelope: ApiEnvelope<unknown>): { code: string; message: string; file?: string } {
  if (envelope.ok) throw new Error(`expected a failure, got ${JSON.stringify(envelope.value)}`);
  return envelope.error;
}

function valueOf(envelope: ApiEnvelope<unknown>): unknown {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

/** A desktop host whose dialogs answer with the paths a test sets. */
function electronHost(exports: string, answers: { open?: string; save?: string; folder?: string } = {}) {
  const askOpenPath = vi.fn(async (): Promise<string | undefined> => answers.open);
  const askSavePath = vi.fn<(suggestedName: string) => Promise<string | undefined>>(async () => answers.save);
  const askExportFolder = vi.fn(async (): Promise<string | undefined> => answers.folder);
  const host: HandlerHost = { ...webHost(exports), mode: 'electron', askOpenPath, askSavePath, askExportFolder };
  return { host, askOpenPath, askSavePath, askExportFolder };
}

describe('handlers in web mode', () => {
  it('lists the shipped sample with its title', async () => {
    const handlers = createHandlers(webHost(await temporaryFolder('exports')));
    expect(await handlers.listSamples({})).toEqual({ samples: [{ id: 'kursk-appeal', title: 'Kursk appeal' }] });
  });

  it('lists nothing when the samples folder is missing', async () => {
    const folder = await temporaryFolder('empty');
    const handlers = createHandlers(webHost(folder, { samplesFolder: join(folder, 'missing') }));
    expect(await handlers.listSamples({})).toEqual({ samples: [] });
  });

  it('opens a sample as an untitled copy (path null) so saving never overwrites it', async () => {
    const handlers = createHandlers(webHost(await temporaryFolder('exports')));
    const result = await handlers.openSample({ id: 'kursk-appeal' });
    expect(result).toMatchObject({ canceled: false, path: null, name: 'kursk-appeal.subrelay' });
    if (result.canceled || !('project' in result)) throw new Error('expected a project');
    expect(result.project).toEqual(await loadSample());
  });

  it('reports environment from the host', async () => {
    const exports = await temporaryFolder('exports');
    const handlers = createHandlers(webHost(exports));
    expect(await handlers.getEnvironment({})).toEqual({
      mode: 'web',
      defaultExportFolder: exports,
      version: '0.0.0-test',
    });
  });

  it('saves a project atomically: the serialized text, no temporary files left, parseable again', async () => {
    const folder = await temporaryFolder('save');
    const project = await loadSample();
    const target = join(folder, 'appeal.subrelay');
    const handlers = createHandlers(webHost(folder));

    expect(await handlers.saveProject({ project, path: target })).toMatchObject({ canceled: false, path: target });

    const written = await readFile(target, 'utf8');
    expect(written).toBe(serializeProject(project));
    expect(await readdir(folder)).toEqual(['appeal.subrelay']);
    expect(await temporaryFilesIn(folder)).toEqual([]);
    expect(parseProject(written)).toEqual(project);
  });

  it('replaces an existing file when saving over it', async () => {
    const folder = await temporaryFolder('save');
    const target = join(folder, 'appeal.subrelay');
    await writeFile(target, 'old content that is not a project');
    const project = { ...(await loadSample()), title: 'Renamed' };
    await createHandlers(webHost(folder)).saveProject({ project, path: target });
    expect(parseProject(await readFile(target, 'utf8')).title).toBe('Renamed');
    // The previous content is kept, byte for byte, as the backup.
    expect((await readdir(folder)).sort()).toEqual(['appeal.subrelay', 'appeal.subrelay.bak']);
    expect(await readFile(join(folder, 'appeal.subrelay.bak'), 'utf8')).toBe('old content that is not a project');
  });

  it('refuses to save over a file that changed on disk since it was read, unless asked to overwrite', async () => {
    const folder = await temporaryFolder('conflict');
    const path = join(folder, 'shared.subrelay');
    const handlers = createHandlers(webHost(folder));
    const sample = await loadSample();
    const saved = await handlers.saveProject({ project: sample, path });
    if (saved.canceled) throw new Error('expected a save');
    // Another tab or program writes the file.
    await handlers.saveProject({ project: { ...sample, title: 'From the other tab' }, path });

    const conflict = errorOf(
      await dispatch(handlers, 'saveProject', {
        project: { ...sample, title: 'From this tab' },
        path,
        expectedRevision: saved.revision,
      }),
    );
    expect(conflict).toMatchObject({ code: 'conflict', file: path });
    expect(parseProject(await readFile(path, 'utf8')).title).toBe('From the other tab');

    const forced = valueOf(
      await dispatch(handlers, 'saveProject', {
        project: { ...sample, title: 'From this tab' },
        path,
        expectedRevision: saved.revision,
        overwrite: true,
      }),
    );
    expect(forced).toMatchObject({ canceled: false, path });
    expect(parseProject(await readFile(path, 'utf8')).title).toBe('From this tab');
  });

  it('opens a project with the revision of the bytes it read, which a save then accepts', async () => {
    const folder = await temporaryFolder('revision');
    const path = join(folder, 'opened.subrelay');
    const text = serializeProject(await loadSample());
    await writeFile(path, text);
    const handlers = createHandlers(webHost(folder));
    const opened = await handlers.openProject({ path });
    if (opened.canceled || !('project' in opened)) throw new Error('expected a project');
    expect(opened.revision).toBe(createHash('sha256').update(text).digest('hex'));
    const saved = valueOf(
      await dispatch(handlers, 'saveProject', {
        project: { ...opened.project, title: 'Edited' },
        path,
        expectedRevision: opened.revision,
      }),
    );
    expect(saved).toMatchObject({ canceled: false, path });
  });

  it('answers `unchecked` with the file unread in the web mode only; the desktop reads and validates it', async () => {
    const folder = await temporaryFolder('unchecked');
    const path = join(folder, 'project.subrelay');
    const text = serializeProject(await loadSample());
    await writeFile(path, text);
    const web = await dispatch(createHandlers(webHost(folder)), 'openProject', { path, unchecked: true });
    // The answer's project is the file itself, sent as it is (an empty stand-in until the answer is written).
    expect(answerBody(web).toString('utf8')).toContain(text.trimEnd());
    expect(valueOf(web)).toMatchObject({ canceled: false, project: {} });
    // The desktop asks with its dialog (which grants the path).
    const desktopHost = { ...webHost(folder), mode: 'electron' as const, askOpenPath: async () => path };
    const desktop = valueOf(await dispatch(createHandlers(desktopHost), 'openProject', { unchecked: true }));
    expect(desktop).toMatchObject({ canceled: false, project: parseProject(text) });
  });

  it('refuses a project file that is not UTF-8, naming it; a byte order mark is read past', async () => {
    const folder = await temporaryFolder('utf8');
    const handlers = createHandlers(webHost(folder));
    const text = serializeProject(await loadSample());
    const latin1 = join(folder, 'latin1.subrelay');
    // "Privé" in Latin-1: a lone 0xE9 byte is not UTF-8.
    await writeFile(
      latin1,
      Buffer.concat([Buffer.from(text.replace('}', ', "x": "Priv')), Buffer.from([0xe9]), Buffer.from('"}')]),
    );
    const refused = errorOf(await dispatch(handlers, 'openProject', { path: latin1 }));
    expect(refused).toMatchObject({ code: 'bad-file', file: latin1, problem: { code: 'not-utf8' } });
    const marked = join(folder, 'marked.subrelay');
    await writeFile(marked, `\uFEFF${text}`);
    const opened = await handlers.openProject({ path: marked });
    if (opened.canceled || !('project' in opened)) throw new Error('expected a project');
    expect(opened.project).toEqual(parseProject(text));
  });

  it('answers a subtitle or text file with what to start a project from, not "not valid JSON"', async () => {
    const folder = await temporaryFolder('start');
    const srt = join(folder, 'appeal.ko.srt');
    await writeFile(srt, '1\r\n00:00:01,000 --> 00:00:02,000\r\n형제 여러분\r\n');
    const handlers = createHandlers(webHost(folder));
    const opened = await handlers.openProject({ path: srt });
    expect(opened).toMatchObject({
      canceled: false,
      startFrom: { path: srt, name: 'appeal.ko.srt', kind: 'subtitles' },
    });
    if (opened.canceled || !('startFrom' in opened)) throw new Error('expected a file to start from');
    expect(opened.startFrom.text).toContain('형제 여러분');
    const txt = join(folder, 'article.txt');
    await writeFile(txt, 'One sentence. Another one.');
    expect(await handlers.openProject({ path: txt })).toMatchObject({ startFrom: { kind: 'text' } });
  });

  it('opens a saved project by path', async () => {
    const folder = await temporaryFolder('open');
    const project = await loadSample();
    const target = join(folder, 'mine.subrelay');
    await writeFile(target, serializeProject(project));
    const result = await createHandlers(webHost(folder)).openProject({ path: target });
    expect(result).toMatchObject({ canceled: false, project, path: target, name: 'mine.subrelay' });
  });

  it('refuses to open a project without a path: there is no dialog in web mode', async () => {
    const folder = await temporaryFolder('open');
    const askOpenPath = vi.fn(async (): Promise<string | undefined> => join(folder, 'x.subrelay'));
    const handlers = createHandlers(webHost(folder, { askOpenPath }));
    expect(errorOf(await dispatch(handlers, 'openProject', {})).code).toBe('forbidden');
    expect(askOpenPath).not.toHaveBeenCalled();
  });

  it('reports a corrupt project file as a FileError naming the file', async () => {
    const folder = await temporaryFolder('corrupt');
    const target = join(folder, 'broken.subrelay');
    await writeFile(target, '{"format": "subrelay", "version": 1, "title": ');
    const handlers = createHandlers(webHost(folder));

    const error = await handlers.openProject({ path: target }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ file: target, kind: 'bad-file' });
    expect((error as FileError).message).toMatch(
      new RegExp(`^${target.replaceAll(/[.*+?^${}()|[\]\\]/gu, '\\$&')}: `, 'u'),
    );

    expect(errorOf(await dispatch(handlers, 'openProject', { path: target }))).toMatchObject({
      code: 'bad-file',
      file: target,
    });
  });

  it('reports a project with a bad field naming the field', async () => {
    const folder = await temporaryFolder('corrupt');
    const target = join(folder, 'bad.subrelay');
    const raw = JSON.parse(serializeProject(await loadSample())) as { documents: { segments: { status: object }[] }[] };
    const segment = raw.documents[0]?.segments[0];
    if (segment === undefined) throw new Error('the sample has no segment');
    segment.status = { ...segment.status, ko: 'done' };
    await writeFile(target, JSON.stringify(raw));
    const error = errorOf(await dispatch(createHandlers(webHost(folder)), 'openProject', { path: target }));
    expect(error.code).toBe('bad-file');
    expect(error.message).toContain('documents[0].segments[0].status.ko');
  });

  it('reports a missing project as not-found with its path', async () => {
    const folder = await temporaryFolder('missing');
    const target = join(folder, 'nowhere.subrelay');
    const error = errorOf(await dispatch(createHandlers(webHost(folder)), 'openProject', { path: target }));
    expect(error).toEqual({
      code: 'not-found',
      message: `${target}: no such file or folder`,
      file: target,
      problem: { code: 'not-found' },
    });
  });

  it('exports every document in every language into a new nested folder, with no warnings for the sample', async () => {
    const root = await temporaryFolder('export');
    const folder = join(root, 'deep', 'er', 'exports');
    const project = await loadSample();
    const handlers = createHandlers(webHost(root));

    const result = valueOf(await dispatch(handlers, 'exportFiles', exportRequest(project, folder))) as {
      folder: string;
      written: string[];
      warnings: unknown[];
    };

    expect(result.folder).toBe(folder);
    expect(result.warnings).toEqual([]);
    expect([...result.written].sort()).toEqual(EXPECTED_EXPORT_NAMES.map((name) => join(folder, name)));
    expect((await readdir(folder)).sort()).toEqual(EXPECTED_EXPORT_NAMES);

    const plan = await planExport(project, exportRequest(project, folder));
    for (const file of plan.files) {
      expect(await readFile(join(folder, file.name), 'utf8')).toBe(file.content);
    }
  });

  it('exports with the requested line ending and byte order mark', async () => {
    const folder = await temporaryFolder('export');
    const project = await loadSample();
    const request = { ...exportRequest(project, folder), documentIds: ['appeal'], languages: ['ko' as const] };
    valueOf(
      await dispatch(createHandlers(webHost(folder)), 'exportFiles', { ...request, lineEnding: 'lf', bom: true }),
    );
    const text = await readFile(join(folder, 'appeal.ko.srt'), 'utf8');
    expect(text.startsWith('\uFEFF1\n00:00:01,000 --> 00:00:04,000\n')).toBe(true);
    expect(text).not.toContain('\r');
  });

  it('answers chooseExportFolder with canceled in web mode', async () => {
    const handlers = createHandlers(webHost(await temporaryFolder('exports')));
    expect(valueOf(await dispatch(handlers, 'chooseExportFolder', {}))).toEqual({ canceled: true });
  });
});

describe('handlers in electron mode', () => {
  it('asks for the project to open when no path is given, and opens the answer', async () => {
    const folder = await temporaryFolder('desktop');
    const target = join(folder, 'chosen.subrelay');
    const project = await loadSample();
    await writeFile(target, serializeProject(project));
    const { host, askOpenPath } = electronHost(folder, { open: target });

    const result = await createHandlers(host).openProject({});
    expect(askOpenPath).toHaveBeenCalledOnce();
    expect(result).toMatchObject({ canceled: false, project, path: target, name: 'chosen.subrelay' });
  });

  it('answers canceled when the open dialog is canceled', async () => {
    const { host } = electronHost(await temporaryFolder('desktop'));
    expect(await createHandlers(host).openProject({})).toEqual({ canceled: true });
  });

  it('lets the renderer save back to a project it opened through the dialog', async () => {
    const folder = await temporaryFolder('desktop');
    const target = join(folder, 'chosen.subrelay');
    const project = await loadSample();
    await writeFile(target, serializeProject(project));
    const handlers = createHandlers(electronHost(folder, { open: target }).host);
    await handlers.openProject({});

    const renamed = { ...project, title: 'Saved again' };
    expect(valueOf(await dispatch(handlers, 'saveProject', { project: renamed, path: target }))).toMatchObject({
      canceled: false,
      path: target,
    });
    expect(parseProject(await readFile(target, 'utf8')).title).toBe('Saved again');
  });

  it('asks where to save when no path is given, suggesting the title as the name', async () => {
    const folder = await temporaryFolder('desktop');
    const target = join(folder, 'saved.subrelay');
    const project = await loadSample();
    const { host, askSavePath } = electronHost(folder, { save: target });

    expect(await createHandlers(host).saveProject({ project })).toMatchObject({ canceled: false, path: target });
    expect(askSavePath).toHaveBeenCalledWith('Kursk appeal.subrelay');
    expect(await readFile(target, 'utf8')).toBe(serializeProject(project));
  });

  it('Save as always asks for a new path, even when the project already has one', async () => {
    const folder = await temporaryFolder('desktop');
    const first = join(folder, 'first.subrelay');
    const second = join(folder, 'second.subrelay');
    const project = await loadSample();
    const answers: { save?: string } = { save: first };
    const { host, askSavePath } = electronHost(folder, answers);
    const handlers = createHandlers(host);
    expect(await handlers.saveProject({ project })).toMatchObject({ path: first });
    answers.save = second;
    // Before, `save(undefined)` fell back to the current path and wrote over first.subrelay.
    const saved = await handlers.saveProject({ project: { ...project, title: 'Copy' }, path: first, saveAs: true });
    expect(saved).toMatchObject({ canceled: false, path: second });
    expect(askSavePath).toHaveBeenCalledTimes(2);
    expect(parseProject(await readFile(first, 'utf8')).title).toBe(project.title);
    expect(parseProject(await readFile(second, 'utf8')).title).toBe('Copy');
  });

  it('refuses to save to a path that was never chosen in a dialog', async () => {
    const folder = await temporaryFolder('desktop');
    const target = join(folder, 'sneaky.subrelay');
    const handlers = createHandlers(electronHost(folder).host);
    const error = errorOf(await dispatch(handlers, 'saveProject', { project: await loadSample(), path: target }));
    expect(error.code).toBe('forbidden');
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses to open a path that was never chosen in a dialog', async () => {
    const folder = await temporaryFolder('desktop');
    const target = join(folder, 'other.subrelay');
    await writeFile(target, serializeProject(await loadSample()));
    const handlers = createHandlers(electronHost(folder).host);
    expect(errorOf(await dispatch(handlers, 'openProject', { path: target })).code).toBe('forbidden');
  });

  it('refuses to export to a folder that was never chosen, then exports once it has been', async () => {
    const root = await temporaryFolder('desktop');
    const chosen = join(root, 'chosen');
    const project = await loadSample();
    const handlers = createHandlers(electronHost(root, { folder: chosen }).host);

    expect(errorOf(await dispatch(handlers, 'exportFiles', exportRequest(project, chosen))).code).toBe('forbidden');
    expect(await readdir(root)).toEqual([]);

    expect(valueOf(await dispatch(handlers, 'chooseExportFolder', {}))).toEqual({ canceled: false, folder: chosen });
    const result = valueOf(await dispatch(handlers, 'exportFiles', exportRequest(project, chosen))) as {
      written: string[];
    };
    expect(result.written).toHaveLength(8);
    expect((await readdir(chosen)).sort()).toEqual(EXPECTED_EXPORT_NAMES);

    // A folder inside the chosen one was not chosen.
    const nested = join(chosen, 'nested');
    expect(errorOf(await dispatch(handlers, 'exportFiles', exportRequest(project, nested))).code).toBe('forbidden');
  });

  it('grants the exact folder after resolving it, not a relative spelling of another', async () => {
    const root = await temporaryFolder('desktop');
    const chosen = join(root, 'chosen');
    const project = await loadSample();
    const handlers = createHandlers(electronHost(root, { folder: chosen }).host);
    await handlers.chooseExportFolder({});
    const spelled = `${chosen}/../chosen/./`;
    expect(valueOf(await dispatch(handlers, 'exportFiles', exportRequest(project, spelled)))).toMatchObject({
      folder: chosen,
    });
    expect(errorOf(await dispatch(handlers, 'exportFiles', exportRequest(project, `${chosen}/..`))).code).toBe(
      'forbidden',
    );
  });
});

describe('dispatch', () => {
  it('answers invalid-request, not a file error, for a document the project does not have', async () => {
    const folder = await temporaryFolder('exports');
    const handlers = createHandlers(webHost(folder));
    const request = { ...exportRequest(await loadSample(), folder), documentIds: ['appeal', 'nope'] };
    const error = errorOf(await dispatch(handlers, 'exportFiles', request));
    expect(error).toEqual({
      code: 'invalid-request',
      message: 'exportFiles: no document "nope" in the project',
      problem: { code: 'unknown-document', params: { id: 'nope' } },
    });
    expect(await readdir(folder)).toEqual([]);
  });

  it('names a file that stands where the export folder should be', async () => {
    const folder = await temporaryFolder('exports');
    await writeFile(join(folder, 'taken'), 'x');
    const handlers = createHandlers(webHost(folder));
    const error = errorOf(
      await dispatch(handlers, 'exportFiles', exportRequest(await loadSample(), join(folder, 'taken', 'inner'))),
    );
    expect(error.code).toBe('io');
    expect(error.message).toMatch(
      /taken\/inner\/appeal\.en\.srt: (a part of the path is not a folder|a file is in the way of a folder of that name)$/u,
    );
  });

  it('answers not-found for an unknown operation', async () => {
    const handlers = createHandlers(webHost(await temporaryFolder('dispatch')));
    for (const name of ['deleteEverything', '__proto__', 'constructor', 'toString', '']) {
      expect(errorOf(await dispatch(handlers, name, {})).code).toBe('not-found');
    }
  });

  it('answers invalid-request naming the field for a wrong payload', async () => {
    const folder = await temporaryFolder('dispatch');
    const handlers = createHandlers(webHost(folder));
    const request = { ...exportRequest(await loadSample(), folder), languages: ['de'] };
    const error = errorOf(await dispatch(handlers, 'exportFiles', request));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/^exportFiles: languages\[0\]: /u);
    expect(await readdir(folder)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a string', 'kursk-appeal'],
    ['an array', ['kursk-appeal']],
    ['a path-like id', { id: '../../etc/passwd' }],
    ['an extra key', { id: 'kursk-appeal', path: '/etc/passwd' }],
  ])('refuses %s as an openSample payload', async (_label, payload) => {
    const handlers = createHandlers(webHost(await temporaryFolder('dispatch')));
    expect(errorOf(await dispatch(handlers, 'openSample', payload)).code).toBe('invalid-request');
  });

  it('wraps a handler that throws something unexpected as internal', async () => {
    const handlers = createHandlers(
      webHost(await temporaryFolder('dispatch'), {
        askExportFolder: async () => {
          throw new Error('dialog crashed');
        },
      }),
    );
    expect(errorOf(await dispatch(handlers, 'chooseExportFolder', {}))).toEqual({
      code: 'internal',
      message: 'dialog crashed',
    });
  });
});
