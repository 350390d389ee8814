// How often the client restarts a server that stopped unexpectedly: at most `max` restarts within `windowMs`
// (a server that keeps dying is broken, not unlucky). Pure: no vscode import, so it is unit-tested directly.

export class RestartBudget {
  private stops: number[] = [];

  constructor(
    readonly max = 5,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one unexpected stop; true when the server may be restarted, false when the budget is spent. */
  stopped(): boolean {
    const t = this.now();
    this.stops.push(t);
    while (this.stops.length && t - this.stops[0] > this.windowMs) this.stops.shift();
    return this.stops.length <= this.max;
  }

  /** Forgets past stops (the user restarted the server by hand). */
  reset(): void {
    this.stops = [];
  }
}
