import { zhCN } from '../i18n/zh-CN';

/** What the transport (Taro.request, or a test's stand-in) answers. */
export interface TransportResponse {
  statusCode: number;
  data: unknown;
}

export interface TransportRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: unknown;
  header: Record<string, string>;
  timeout: number;
}

/** Rejects when the request never got an HTTP answer (offline, DNS, timeout). */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

/** An error the learner can read: the server's own code and message, or "network" when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
}

export interface HttpOptions {
  baseUrl: string;
  transport: Transport;
  token: () => string | null;
  /** The server no longer accepts our token. */
  onUnauthorized: () => void;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Pauses between tries for requests that are safe to repeat. */
  retryDelaysMs?: number[];
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
/** GET and PUT are safe to send twice (our PUTs are idempotent); a POST is never resent behind the learner's back. */
const REPEATABLE = new Set(['GET', 'PUT']);

export interface RequestInit {
  method?: TransportRequest['method'];
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
}

export function createHttp(options: HttpOptions) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const delays = options.retryDelaysMs ?? [600, 1800];
  const timeout = options.timeoutMs ?? 12_000;

  return async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const method = init.method ?? 'GET';
    const token = options.token();
    const header: Record<string, string> = { Accept: 'application/json' };
    if (init.body !== undefined) header['Content-Type'] = 'application/json';
    if (token) header.Authorization = `Bearer ${token}`;
    const url = `${options.baseUrl}${path}${queryString(init.query)}`;
    const tries = REPEATABLE.has(method) ? delays.length + 1 : 1;

    for (let attempt = 1; ; attempt++) {
      let res: TransportResponse | null = null;
      try {
        res = await options.transport({ url, method, data: init.body, header, timeout });
      } catch {
        res = null;
      }
      const retryable = res === null || RETRYABLE_STATUS.has(res.statusCode);
      if (retryable && attempt < tries) {
        await sleep(delays[attempt - 1]!);
        continue;
      }
      if (res === null) throw new ApiError(0, 'NETWORK', zhCN.errors.network);
      if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
      const error = errorOf(res);
      if (res.statusCode === 401 && token) options.onUnauthorized();
      throw error;
    }
  };
}

function queryString(query: RequestInit['query']): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The contract's error body, in Chinese where we know the code, else the server's own words. */
export function errorOf(res: TransportResponse): ApiError {
  const body = res.data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
  const code = typeof body?.error?.code === 'string' ? body.error.code : `HTTP_${res.statusCode}`;
  const serverMessage = typeof body?.error?.message === 'string' ? body.error.message : '';
  const known = (zhCN.errorCodes as Record<string, string | undefined>)[code];
  const message = known ?? (serverMessage || (res.statusCode >= 500 ? zhCN.errors.server : zhCN.errors.unknown));
  return new ApiError(res.statusCode, code, message, body?.error?.details);
}

/** Anything thrown, as an ApiError the UI can show. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'CLIENT_ERROR', err instanceof Error && err.message ? err.message : zhCN.errors.unknown);
}
