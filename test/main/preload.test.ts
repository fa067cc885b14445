import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATIONS } from '../../src/api/contract';

const bridge = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>(),
  invoke: vi.fn(async (channel: string, request: unknown): Promise<unknown> => ({
    ok: true,
    value: { channel, request },
  })),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: bridge.exposeInMainWorld },
  ipcRenderer: { invoke: bridge.invoke, send: vi.fn(), on: vi.fn() },
}));

type ExposedFunction = (request: unknown) => Promise<unknown>;

let exposed: Readonly<Record<string, unknown>> = {};

beforeAll(async () => {
  await import('../../main/preload');
  const [call] = bridge.exposeInMainWorld.mock.calls;
  const api = call?.[1];
  if (typeof api !== 'object' || api === null) throw new Error('the preload exposed no object');
  exposed = api as Readonly<Record<string, unknown>>;
});

beforeEach(() => {
  bridge.invoke.mockClear();
});

function exposedFunction(name: string): ExposedFunction {
  const value = exposed[name];
  if (typeof value !== 'function') throw new Error(`${name} is not exposed as a function`);
  return value as ExposedFunction;
}

describe('preload', () => {
  it('exposes exactly two keys: subrelayIpc, and subrelayMenu with only onMenuCommand, onOpenFile and onDroppedMedia', () => {
    expect(bridge.exposeInMainWorld).toHaveBeenCalledTimes(2);
    expect(bridge.exposeInMainWorld.mock.calls.map((call) => call[0])).toEqual(['subrelayIpc', 'subrelayMenu']);
    const menu = bridge.exposeInMainWorld.mock.calls[1]?.[1] as Record<string, unknown>;
    expect(Object.keys(menu)).toEqual(['onMenuCommand', 'onOpenFile', 'onDroppedMedia']);
  });

  it('exposes exactly the contract operations, each as a function', () => {
    expect(Object.keys(exposed).sort()).toEqual([...OPERATIONS].sort());
    for (const operation of OPERATIONS) expect(typeof exposed[operation]).toBe('function');
  });

  it('exposes no generic channel access', () => {
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'once', 'postMessage', 'ipcRenderer', 'call']) {
      expect(exposed).not.toHaveProperty(name);
    }
    expect(Object.getPrototypeOf(exposed)).toBe(Object.prototype);
  });

  it.each(OPERATIONS)('%s invokes its own channel with the request and returns the envelope', async (operation) => {
    const request = { marker: operation };
    const answer = await exposedFunction(operation)(request);
    expect(bridge.invoke).toHaveBeenCalledOnce();
    expect(bridge.invoke).toHaveBeenCalledWith(`subrelay:${operation}`, request);
    expect(answer).toEqual({ ok: true, value: { channel: `subrelay:${operation}`, request } });
  });
});
