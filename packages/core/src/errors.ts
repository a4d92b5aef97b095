type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Reads `code`, `message` and `request_id` from the three error body shapes:
 * AS `{"error":{"code","message"}}`, API gateway / ServiceStage `{"error_code","error_msg","request_id"}`,
 * and `{"errorCode","errorMessage"}`.
 */
export function parseErrorBody(body: unknown): { code?: string; message?: string; requestId?: string } {
  if (!isObject(body)) return {};
  const nested = isObject(body.error) ? body.error : undefined;
  const code = str(nested?.code) ?? str(body.error_code) ?? str(body.errorCode) ?? str(body.code);
  const message = str(nested?.message) ?? str(body.error_msg) ?? str(body.errorMessage) ?? str(body.message);
  const requestId = str(body.request_id) ?? str(body.requestId);
  return {
    ...(code !== undefined && { code }),
    ...(message !== undefined && { message }),
    ...(requestId !== undefined && { requestId }),
  };
}

const REDACTED = '[REDACTED]';
/** Secrets shorter than this are not searched for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** `value` with every occurrence of each secret replaced, in strings, arrays and object keys and values. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const words = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return words.reduce((text, secret) => text.split(secret).join(REDACTED), v);
    if (Array.isArray(v)) return v.map(walk);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k), walk(x)]));
    return v;
  };
  return words.length ? (walk(value) as T) : value;
}

/**
 * The service answered, but not with usable data: a non-2xx status (returned as `error` by the path-based calls,
 * thrown by the operation methods), or a 2xx body that could not be read as declared (thrown; see `cause`).
 */
export class HwcApiError<Body = unknown> extends Error {
  override readonly name = 'HwcApiError';
  /** HTTP status. */
  readonly status: number;
  /** Service error code, e.g. `AS.7031`, `APIGW.0301`, `SVCSTG.00100400`; undefined if the body has none. */
  readonly code: string | undefined;
  /** `X-Request-Id` response header, else the body's `request_id`. Quote it to Huawei support. */
  readonly requestId: string | undefined;
  /** The body as received (parsed JSON, else text, else undefined), with the request's credentials redacted. */
  readonly body: Body | string | undefined;

  constructor(init: {
    status: number;
    body?: Body | string | undefined;
    requestId?: string | null | undefined;
    /** The client's own account of the failure; else the body's message, else `HTTP <status>`. */
    message?: string;
    cause?: unknown;
    /** Credential values (token, signature...) to redact from the body and message. */
    secrets?: readonly string[];
  }) {
    const secrets = init.secrets ?? [];
    const body = redact(init.body, secrets);
    const parsed = parseErrorBody(body);
    super(
      redact(init.message, secrets) ?? parsed.message ?? `HTTP ${init.status}`,
      init.cause === undefined ? {} : { cause: init.cause },
    );
    this.status = init.status;
    this.code = parsed.code;
    this.requestId = init.requestId ?? parsed.requestId;
    this.body = body;
  }

  override toString(): string {
    const id = this.requestId ? ` (request id ${this.requestId})` : '';
    return `${this.name}: HTTP ${this.status}${this.code ? ` ${this.code}` : ''}: ${this.message}${id}`;
  }

  toJSON(): Json {
    const { name, status, code, message, requestId, body } = this;
    return { name, status, code, message, requestId, body };
  }
}

/** No response was received (connection refused, reset, DNS, TLS...). Thrown by client calls. */
export class HwcNetworkError extends Error {
  override readonly name = 'HwcNetworkError';
  /** Attempts made, retries included. */
  attempts = 1;
}

/** An attempt exceeded `timeoutMs`. Thrown by client calls (after retries, if any). */
export class HwcTimeoutError extends Error {
  override readonly name = 'HwcTimeoutError';
  /** Attempts made, retries included. */
  attempts = 1;
  constructor(
    message: string,
    /** The per-attempt limit that was exceeded. */
    readonly timeoutMs: number,
  ) {
    super(message);
  }
}
