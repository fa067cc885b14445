import type { Problem } from '../../../src/api/problems';
import type { Project } from '../../../src/model/project';
import { planAlignment, type AlignIntoColumnRequest, type AlignPlan } from '../../../src/usecases/alignIntoColumn';
import { UsecaseError } from '../../../src/usecases/usecaseError';

/** What the page sends the alignment worker: one plan to work out. */
export interface AlignWorkerRequest {
  readonly project: Project;
  readonly request: AlignIntoColumnRequest;
}

/** What the alignment worker sends back: progress now and then, then a plan, a problem or a failure. */
export type AlignWorkerReply =
  | { readonly kind: 'progress'; readonly done: number }
  | { readonly kind: 'plan'; readonly plan: AlignPlan }
  | { readonly kind: 'problem'; readonly problem: Problem }
  | { readonly kind: 'failed'; readonly message: string };

/** The few members of a dedicated worker's global scope used here (the renderer is typed with the DOM library). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<AlignWorkerRequest>) => void) | null;
  postMessage(reply: AlignWorkerReply): void;
}

const scope = self as unknown as WorkerScope;

/** Progress is sent at most this often (ms), so that a long document does not flood the page with messages. */
const PROGRESS_INTERVAL = 100;

/**
 * Works out an alignment plan off the page's thread (`planAlignment`), reporting progress.
 *
 * Cancelling is the page's `worker.terminate()`: the search is one
 * synchronous loop, so a message asking it to stop would only arrive once
 * it had finished.
 */
scope.onmessage = (event) => {
  const { project, request } = event.data;
  let last = 0;
  try {
    const plan = planAlignment(project, request, {
      onProgress: (done) => {
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL && done < 1) return;
        last = now;
        scope.postMessage({ kind: 'progress', done });
      },
    });
    scope.postMessage({ kind: 'plan', plan });
  } catch (error) {
    if (error instanceof UsecaseError) scope.postMessage({ kind: 'problem', problem: error.problem });
    else scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
