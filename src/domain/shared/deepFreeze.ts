/** Freezes a plain data tree in place. Dates are left alone: freezing one would not stop `setTime`. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
