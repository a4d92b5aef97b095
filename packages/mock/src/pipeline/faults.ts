import { randomUUID } from 'node:crypto';

/** A createFault request (control plane), as validated against the control document. */
export interface FaultRequest {
  readonly operation_id: string;
  readonly status: number;
  readonly error_code?: string;
  readonly error_msg?: string;
  readonly count?: number;
  readonly latency_ms?: number;
  readonly probability?: number;
  readonly project_id?: string;
}

/** A fault rule: the next `remaining` calls of `operation_id` (in `project_id`, if set) answer `status`. */
export interface Fault extends FaultRequest {
  readonly fault_id: string;
  readonly count: number;
  readonly latency_ms: number;
  readonly probability: number;
  remaining: number;
}

/** The fault rules of one mock, shared by both engines. */
export class Faults {
  readonly #rules: Fault[] = [];
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  create(request: FaultRequest): Fault {
    const count = request.count ?? 1;
    const fault: Fault = {
      fault_id: randomUUID(),
      ...request,
      count,
      latency_ms: request.latency_ms ?? 0,
      probability: request.probability ?? 1,
      remaining: count,
    };
    this.#rules.push(fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.#rules;
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The rule that fires for this call, if any (it is used up by one); the first matching rule decides. */
  take(operationId: string, projectId: string | undefined): Fault | undefined {
    if (this.#rules.length === 0) return undefined;
    const index = this.#rules.findIndex(
      (rule) =>
        rule.operation_id === operationId && (rule.project_id === undefined || rule.project_id === projectId),
    );
    const rule = this.#rules[index];
    if (!rule || (rule.probability < 1 && this.#random() >= rule.probability)) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.#rules.splice(index, 1);
    return rule;
  }
}
