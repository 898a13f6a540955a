/** Counters a person reads in the worker's periodic log line. */
export interface BusStats {
  delivered: number;
  retried: number;
  deadLettered: number;
  /** Per channel and group: messages handed out but not acknowledged, and messages not handed out yet. */
  groups: { channel: string; group: string; pending: number; lag: number | null; deadLetters: number }[];
}

export interface ObservableBus {
  stats(): Promise<BusStats>;
}

export class Counters {
  delivered = 0;
  retried = 0;
  deadLettered = 0;
}
