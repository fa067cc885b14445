import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../main/handlers/dispatch';
import { createHandlers } from '../../main/handlers/handlers';
import { answerBody } from '../../main/handlers/jsonSource';
import { ApiError, unwrapEnvelope, type ApiRequest, type ApiResponse } from '../../src/api/contract';
import { parseProject } from '../../src/model/schema';
import { openReadingHere } from '../../renderer/src/api/client';
import { useTemporaryFolders, webHost } from '../main/support';

const temporaryFolder = useTemporaryFolders();
const sample = await readFile(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8');

/** The web mode's openProject as the page calls it: the real handler, the server's answer body, JSON.parse. */
async function webMode() {
  const folder = await temporaryFolder('open');
  const handlers = createHandlers(webHost(folder, { root: folder }));
  const requests: Array<ApiRequest<'openProject'>> = [];
  const call = vi.fn(async (request: ApiRequest<'openProject'>): Promise<ApiResponse<'openProject'>> => {
    requests.push(request);
    const body = answerBody(await dispatch(handlers, 'openProject', request)).toString('utf8');
    return unwrapEnvelope(JSON.parse(body) as Parameters<typeof unwrapEnvelope>[0]) as ApiResponse<'openProject'>;
  });
  const open = async (name: string, content: string) => {
    const path = join(folder, name);
    await writeFile(path, content);
    return openReadingHere(call)({ path });
  };
  return { folder, requests, open };
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the project to be refused');
}

describe('opening a project in the web mode (read once, in the page)', () => {
  it('asks for the file as it is and validates it in the page', async () => {
    const web = await webMode();
    const opened = await web.open('current.subrelay', sample);
    if (opened.canceled || !('project' in opened)) throw new Error('expected a project');
    expect(opened.project).toEqual(parseProject(sample));
    expect(opened.name).toBe('current.subrelay');
    expect(web.requests).toEqual([{ path: join(web.folder, 'current.subrelay'), unchecked: true }]);
  });

  it('migrates an older format in the page, with no second request', async () => {
    const web = await webMode();
    const old = await readFile(new URL('../fixtures/kursk-appeal.v2.subrelay', import.meta.url), 'utf8');
    const opened = await web.open('old.subrelay', old);
    if (opened.canceled || !('project' in opened)) throw new Error('expected a project');
    expect(opened.project).toEqual(parseProject(old));
    expect(web.requests).toHaveLength(1);
  });

  it('asks again the usual way for a file that is not JSON, and the answer names the file', async () => {
    const web = await webMode();
    const error = await refusal(web.open('broken.subrelay', sample.slice(0, 500)));
    expect(error.code).toBe('bad-file');
    expect(error.file).toBe(join(web.folder, 'broken.subrelay'));
    expect(error.problem?.code).toBe('not-json');
    expect(web.requests.map((request) => request.unchecked)).toEqual([true, undefined]);
  });

  it('asks again for a project the page refuses, and the answer names the field and offers the backup', async () => {
    const web = await webMode();
    await writeFile(join(web.folder, 'bad.subrelay.bak'), sample);
    const value = JSON.parse(sample) as { documents: Array<{ segments: Array<{ start?: unknown }> }> };
    const first = value.documents[0]?.segments[0];
    if (first === undefined) throw new Error('the sample has no segment');
    first.start = 'soon';
    const error = await refusal(web.open('bad.subrelay', JSON.stringify(value)));
    expect(error.code).toBe('bad-file');
    expect(error.message).toContain('documents[0].segments[0].start');
    expect(error.backup).toBe(join(web.folder, 'bad.subrelay.bak'));
    expect(web.requests).toHaveLength(2);
  });
});
