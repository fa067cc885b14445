import type { Project } from '../../../src/model/project';
import {
  AlignCancelled,
  planAlignment,
  type AlignIntoColumnRequest,
  type AlignPlan,
} from '../../../src/usecases/alignIntoColumn';
import { UsecaseError } from '../../../src/usecases/usecaseError';
import type { AlignWorkerReply, AlignWorkerRequest } from './alignWorker';

/** An alignment being worked out: its plan when done, and a way to stop it. */
export interface AlignmentRun {
  /** The plan; rejects with the use case's `UsecaseError`, or `AlignCancelled` after `cancel`. */
  readonly plan: Promise<AlignPlan>;
  /** Stops the work at once; the promise rejects with `AlignCancelled`. */
  cancel(): void;
}

/**
 * Works out an alignment plan in a Web Worker, so that a long document never freezes the window.
 *
 * `onProgress` receives the share done (0 to 1). Where workers are not
 * available (a test's DOM), the plan is worked out on this thread after the
 * current task, with the same progress reports and cancellation.
 */
export function planAlignmentInWorker(
  project: Project,
  request: AlignIntoColumnRequest,
  onProgress: (done: number) => void,
): AlignmentRun {
  if (typeof Worker === 'undefined') return planOnThisThread(project, request, onProgress);
  const worker = new Worker(new URL('./alignWorker.ts', import.meta.url), { type: 'module', name: 'align' });
  let settle: { resolve: (plan: AlignPlan) => void; reject: (error: unknown) => void } | undefined;
  const plan = new Promise<AlignPlan>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = (): void => {
    worker.terminate();
    settle = undefined;
  };
  worker.onmessage = (event: MessageEvent<AlignWorkerReply>) => {
    const reply = event.data;
    const done = settle;
    if (reply.kind === 'progress') return onProgress(reply.done);
    finish();
    if (reply.kind === 'plan') done?.resolve(reply.plan);
    else if (reply.kind === 'problem') done?.reject(new UsecaseError(reply.problem));
    else done?.reject(new Error(reply.message));
  };
  worker.onerror = (event) => {
    const done = settle;
    finish();
    done?.reject(new Error(event.message));
  };
  const message: AlignWorkerRequest = { project, request };
  worker.postMessage(message);
  return {
    plan,
    cancel: () => {
      const done = settle;
      finish();
      done?.reject(new AlignCancelled());
    },
  };
}

function planOnThisThread(
  project: Project,
  request: AlignIntoColumnRequest,
  onProgress: (done: number) => void,
): AlignmentRun {
  const signal = { aborted: false };
  const plan = new Promise<AlignPlan>((resolve, reject) => {
    setTimeout(() => {
      try {
        resolve(planAlignment(project, request, { signal, onProgress }));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, 0);
  });
  return {
    plan,
    cancel: () => {
      signal.aborted = true;
    },
  };
}
