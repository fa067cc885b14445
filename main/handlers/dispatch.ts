import { contract, isOperation, type ApiEnvelope, type ApiErrorCode } from '../../src/api/contract';
import { FileError } from './files';
import { ForbiddenError, RequestError, type CallContext, type Handlers } from './handlers';

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./u, '');
}

function failure(code: ApiErrorCode, message: string, file?: string, backup?: string): ApiEnvelope<never> {
  return {
    ok: false,
    error: { code, message, ...(file !== undefined ? { file } : {}), ...(backup !== undefined ? { backup } : {}) },
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
      return failure(error.kind, error.message, error.file, error.backup);
    }
    if (error instanceof ForbiddenError) return failure('forbidden', error.message);
    if (error instanceof RequestError) return failure('invalid-request', error.message);
    return failure('internal', error instanceof Error ? error.message : String(error));
  }
}
