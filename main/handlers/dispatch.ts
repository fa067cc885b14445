import { contract, isOperation, type ApiEnvelope, type ApiErrorCode } from '../../src/api/contract';
import type { Problem } from '../../src/api/problems';
import { FileError } from './files';
import { ConflictError, ForbiddenError, RequestError, type CallContext, type Handlers } from './handlers';

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./u, '');
}

function failure(
  code: ApiErrorCode,
  message: string,
  extra: { readonly file?: string | undefined; readonly backup?: string | undefined; readonly problem?: Problem } = {},
): ApiEnvelope<never> {
  return {
    ok: false,
    error: {
      code,
      message,
      ...(extra.file !== undefined ? { file: extra.file } : {}),
      ...(extra.backup !== undefined ? { backup: extra.backup } : {}),
      ...(extra.problem !== undefined ? { problem: extra.problem } : {}),
    },
  };
}

/**
 * Runs one operation for an untrusted caller and always answers with an envelope.
 *
 * Every edge (Electron IPC, the web mode's HTTP routes) goes through here so
 * that no handler can be reached without its payload being validated.
 */
export async function dispatch(
  handlers: Handlers,
  operation: string,
  payload: unknown,
  context: CallContext = {},
): Promise<ApiEnvelope<unknown>> {
  if (!isOperation(operation)) return failure('not-found', `unknown operation "${operation}"`);
  const parsed = contract[operation].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = fieldPath(issue?.path ?? []);
    return failure(
      'invalid-request',
      `${operation}: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`,
    );
  }
  try {
    const handler = handlers[operation] as (request: unknown, context: CallContext) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, context) };
  } catch (error) {
    if (error instanceof FileError) {
      return failure(error.kind, error.message, { file: error.file, backup: error.backup, problem: error.problemCode });
    }
    if (error instanceof ForbiddenError) {
      return failure('forbidden', error.message, { file: error.file, problem: error.problem });
    }
    if (error instanceof ConflictError) {
      return failure('conflict', error.message, { file: error.file, problem: error.problem });
    }
    if (error instanceof RequestError) return failure('invalid-request', error.message, { problem: error.problem });
    return failure('internal', error instanceof Error ? error.message : String(error));
  }
}
