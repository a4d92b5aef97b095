/** One answered request, as `listRequests` shows it. */
export interface JournalEntry {
  readonly request_id: string;
  /** Wall clock, RFC 3339 with milliseconds. */
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly operation_id: string | null;
  readonly status: number;
  readonly project_id: string | null;
}

interface Recorded {
  requestId: string;
  timeMs: number;
  method: string;
  path: string;
  operationId: string | null;
  status: number;
  projectId: string | null;
}

/** The most recent requests of one mock, at most `capacity`; formatted only when asked for. */
export class Journal {
  readonly capacity: number;
  readonly #ring: (Recorded | undefined)[];
  #next = 0;
  #size = 0;

  constructor(capacity = 1000) {
    this.capacity = capacity;
    this.#ring = new Array(capacity);
  }

  record(
    requestId: string,
    method: string,
    path: string,
    operationId: string | null,
    status: number,
    projectId: string | null,
  ): void {
    this.#ring[this.#next] = { requestId, timeMs: Date.now(), method, path, operationId, status, projectId };
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** The last `limit` entries, oldest first (newest last). */
  list(limit: number = this.capacity): JournalEntry[] {
    const count = Math.min(limit, this.#size);
    const entries: JournalEntry[] = [];
    for (let i = count; i > 0; i--) {
      const recorded = this.#ring[(this.#next - i + this.capacity) % this.capacity] as Recorded;
      entries.push({
        request_id: recorded.requestId,
        time: new Date(recorded.timeMs).toISOString(),
        method: recorded.method,
        path: recorded.path,
        operation_id: recorded.operationId,
        status: recorded.status,
        project_id: recorded.projectId,
      });
    }
    return entries;
  }
}
