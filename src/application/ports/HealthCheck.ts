export interface HealthCheck {
  readonly name: string;
  /** Resolves when the dependency answers; rejects otherwise. */
  ping(): Promise<void>;
}
