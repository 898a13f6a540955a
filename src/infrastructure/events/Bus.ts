import type { DeadLetters } from "../../application/ports/DeadLetters.js";
import type { EventBus } from "../../application/ports/EventBus.js";
import type { ObservableBus } from "./BusStats.js";

/** What both bus adapters offer: the port itself, its dead letters, and counters for the worker's metrics line. */
export type Bus = EventBus & DeadLetters & ObservableBus & { close?(): Promise<void> };
