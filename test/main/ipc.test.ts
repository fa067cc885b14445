import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../main/handlers/handlers';
import { isTrustedSender, registerIpcHandlers } from '../../main/ipc';
import { channelOf, OPERATIONS, type ApiEnvelope } from '../../src/api/contract';
import { useTemporaryFolders, webHost } from './support';

type IpcListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const ipc = vi.hoisted(() => ({ handle: vi.fn<(channel: string, listener: IpcListener) => void>() }));

vi.mock('electron', () => ({
  ipcMain: { handle: ipc.handle },
  // main/ipc.ts imports APP_ORIGIN from main/window.ts, which imports these.
  BrowserWindow: vi.fn(),
  shell: { openExternal: vi.fn() },
}));

const TRUSTED_ID = 7;
const temporaryFolder = useTemporaryFolders();

interface SenderOptions {
  readonly id?: number;
  readonly url?: string;
  readonly parent?: object | null;
  readonly noFrame?: boolean;
}

function eventFrom({ id = TRUSTED_ID, url = 'app://subrelay/index.html', parent = null, noFrame }: SenderOptions = {}) {
  const event = { sender: { id }, senderFrame: noFrame === true ? null : { url, parent } };
  return event as unknown as IpcMainInvokeEvent;
}

/** Registers real handlers and returns a caller for one channel, with the ask* spies. */
async function register() {
  const askExportFolder = vi.fn(async (): Promise<string | undefined> => '/tmp/never-used');
  const handlers = createHandlers(webHost(await temporaryFolder('ipc'), { askExportFolder }));
  registerIpcHandlers(handlers, new Set([TRUSTED_ID]));
  const listeners = new Map(ipc.handle.mock.calls);
  const call = async (channel: string, event: IpcMainInvokeEvent, payload?: unknown) => {
    const listener = listeners.get(channel);
    if (listener === undefined) throw new Error(`no handler on ${channel}`);
    return (await listener(event, payload)) as ApiEnvelope<unknown>;
  };
  return { call, askExportFolder };
}

beforeEach(() => {
  ipc.handle.mockClear();
});

describe('registerIpcHandlers', () => {
  it('registers one channel per operation, named subrelay:<operation>', async () => {
    await register();
    const channels = ipc.handle.mock.calls.map(([channel]) => channel);
    expect(channels).toHaveLength(OPERATIONS.length);
    expect(new Set(channels).size).toBe(channels.length);
    expect([...channels].sort()).toEqual(OPERATIONS.map((operation) => `subrelay:${operation}`).sort());
    expect(OPERATIONS.map(channelOf)).toEqual(OPERATIONS.map((operation) => `subrelay:${operation}`));
  });

  it.each<[string, SenderOptions]>([
    ['an untrusted webContents', { id: TRUSTED_ID + 1 }],
    ['a subframe', { parent: {} }],
    ['a page that navigated to a website', { url: 'https://evil.example/index.html' }],
    ['a file:// page', { url: 'file:///tmp/index.html' }],
    ['a look-alike host', { url: 'app://subrelay.evil/index.html' }],
    ['another app:// host', { url: 'app://other/index.html' }],
    ['an unparsable url', { url: 'not a url' }],
    ['a destroyed frame', { noFrame: true }],
  ])('answers forbidden to %s without running the handler', async (_label, sender) => {
    const { call, askExportFolder } = await register();
    const envelope = await call('subrelay:chooseExportFolder', eventFrom(sender), {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(askExportFolder).not.toHaveBeenCalled();
  });

  it('refuses an untrusted sender even when the payload is invalid, before looking at it', async () => {
    const { call } = await register();
    const envelope = await call('subrelay:openSample', eventFrom({ id: 99 }), { id: 42 });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers invalid-request naming the field to a trusted caller with a bad payload', async () => {
    const { call } = await register();
    const envelope = await call('subrelay:openSample', eventFrom(), { id: 42 });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid-request');
    expect(envelope.error.message).toMatch(/^openSample: id: /u);
  });

  it('refuses unknown keys in a payload', async () => {
    const { call } = await register();
    const envelope = await call('subrelay:listSamples', eventFrom(), { folder: '/etc' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('lists the shipped sample for a trusted main-frame caller', async () => {
    const { call } = await register();
    const envelope = await call('subrelay:listSamples', eventFrom(), {});
    expect(envelope).toEqual({ ok: true, value: { samples: [{ id: 'kursk-appeal', title: 'Kursk appeal' }] } });
  });

  it('treats a missing payload as an empty request', async () => {
    const { call } = await register();
    const envelope = await call('subrelay:getEnvironment', eventFrom());
    expect(envelope).toMatchObject({ ok: true, value: { mode: 'web', version: '0.0.0-test' } });
  });
});

describe('isTrustedSender', () => {
  const trusted = new Set([TRUSTED_ID]);

  it.each(['app://subrelay/index.html', 'app://subrelay/', 'app://subrelay/deep/page.html?x=1#y'])(
    'trusts the main frame of a trusted window on %s',
    (url) => {
      expect(isTrustedSender(eventFrom({ url }), trusted)).toBe(true);
    },
  );

  it.each(['app://subrelay', 'app://subrelay@evil/', 'app://subrelayx/', 'APP://evil/', 'about:blank', ''])(
    'does not trust %s',
    (url) => {
      expect(isTrustedSender(eventFrom({ url }), trusted)).toBe(false);
    },
  );

  it('trusts nobody when no window is trusted', () => {
    expect(isTrustedSender(eventFrom(), new Set())).toBe(false);
  });
});
