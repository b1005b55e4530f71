import { getSession, sessionState, type SessionState } from '../../shared/contracts/auth-contracts';
import { uploadFile } from '../../shared/contracts/platform-contracts';
import type { Contract, ContractBody, ContractParams, ContractQuery, ContractResponse } from '../../shared/contracts/contract';
import type { ErrorCode, FieldIssue } from '../../shared/errors';
import { sessionStore } from './session-store';

/** Server codes plus the two failures that never reach the server's error handler. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly issues: FieldIssue[];
  readonly requestId: string | null;

  constructor(status: number, code: ApiErrorCode, message: string, issues: FieldIssue[] = [], requestId: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.requestId = requestId;
  }
}

// A slot is optional when the contract has no schema for it or every field in it is optional.
type Slot<K extends string, T> = [T] extends [undefined] ? { [P in K]?: undefined } : {} extends T ? { [P in K]?: T } : { [P in K]: T };
// Upload contracts have no body schema: their body is the FormData the route reads itself.
type BodySlot<C> = [ContractBody<C>] extends [undefined] ? { body?: FormData } : Slot<'body', ContractBody<C>>;
// headers: the few a contract asks the caller for (Idempotency-Key on money requests)
export type CallInput<C> = Slot<'params', ContractParams<C>> &
  Slot<'query', ContractQuery<C>> &
  BodySlot<C> & { headers?: Record<string, string> };
type CallArgs<C> = {} extends CallInput<C> ? [input?: CallInput<C>] : [input: CallInput<C>];

interface LooseInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
}

function buildUrl(contract: Contract, { params, query }: LooseInput): string {
  const path = contract.path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${contract.path}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const queryString = search.toString();
  return queryString ? `${path}?${queryString}` : path;
}

let pendingSession: Promise<SessionState> | null = null;

/** GET /api/auth/session, shared by concurrent callers that all need a CSRF token. */
export function loadSession(): Promise<SessionState> {
  pendingSession ??= apiCall(getSession).finally(() => {
    pendingSession = null;
  });
  return pendingSession;
}

async function send(contract: Contract, input: LooseInput): Promise<Response> {
  const headers: Record<string, string> = { ...input.headers, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (contract.method !== 'GET') {
    headers['x-csrf-token'] = sessionStore.csrfToken() ?? (await loadSession()).csrfToken;
    if (input.body instanceof FormData) {
      if (!contract.multipart) throw new Error(`${contract.path} does not take an upload`);
      body = input.body; // the browser writes the multipart boundary header itself
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(input.body ?? {});
    }
  }
  try {
    return await fetch(buildUrl(contract, input), {
      method: contract.method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
}

async function readError(response: Response): Promise<ApiError> {
  const fallback = response.status >= 500 ? '系统内部错误，请稍后再试' : '请求未能完成，请稍后再试';
  const body: unknown = await response.json().catch(() => null);
  if (typeof body !== 'object' || body === null || typeof (body as { code?: unknown }).code !== 'string') {
    return new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', fallback);
  }
  const { code, message, details, requestId } = body as {
    code: ErrorCode;
    message?: string;
    details?: { issues?: FieldIssue[] };
    requestId?: string;
  };
  return new ApiError(response.status, code, message || fallback, details?.issues ?? [], requestId ?? null);
}

/** Sends the request and hands back a successful response; every failure becomes an ApiError. */
async function fetchOk(contract: Contract, input: LooseInput, mayRetryCsrf: boolean): Promise<Response> {
  const response = await send(contract, input);
  if (!response.ok) {
    const error = await readError(response);
    // A token can go stale (server restart, another tab logged in again): fetch a fresh one once.
    if (error.code === 'CSRF_REJECTED' && mayRetryCsrf) {
      await loadSession();
      return fetchOk(contract, input, false);
    }
    if (error.status === 401 && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) {
      sessionStore.end({ text: error.message, reason: 'expired' });
    }
    throw error;
  }
  if (contract !== getSession) sessionStore.touch();
  return response;
}

async function execute(contract: Contract, input: LooseInput): Promise<unknown> {
  const response = await fetchOk(contract, input, true);
  if (contract.download) return response.blob();
  const parsed = contract.response.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiError(response.status, 'BAD_RESPONSE', '服务器返回的数据格式不正确，请稍后再试', [], response.headers.get('x-request-id'));
  }
  if (contract.response === sessionState) sessionStore.accept(parsed.data as SessionState);
  return parsed.data;
}

/**
 * The one way the web app talks to the server: typed by the shared contract, same-origin cookies,
 * CSRF header on every state change, errors thrown as ApiError, session state kept current.
 */
export function apiCall<C extends Contract>(contract: C, ...[input]: CallArgs<C>): Promise<ContractResponse<C>> {
  return execute(contract, (input ?? {}) as LooseInput) as Promise<ContractResponse<C>>;
}

/** The file name a Content-Disposition header carries: RFC 5987 `filename*` first, then `filename`. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)?'[^']*'([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // a malformed escape: fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1]!.trim() : null;
}

/**
 * Fetches a download contract (same session, CSRF and error handling as apiCall) and hands the
 * file to the browser under the name the server gave it. Nothing is kept: the object URL is revoked
 * once the browser has taken the file. Resolves with the file name, for the caller to announce.
 */
export async function downloadFile<C extends Contract>(contract: C, ...[input]: CallArgs<C>): Promise<string> {
  if (!contract.download) throw new Error(`${contract.path} is not a download`);
  const response = await fetchOk(contract, (input ?? {}) as LooseInput, true);
  const blob = await response.blob();
  const name = filenameFromDisposition(response.headers.get('content-disposition')) ?? 'download';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** Uploads the chosen files one by one (POST /api/files) and answers their ids. */
export async function uploadFiles(files: readonly File[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const body = new FormData();
    body.append('file', file);
    ids.push((await apiCall(uploadFile, { body })).id);
  }
  return ids;
}
