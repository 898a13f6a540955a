import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from "mongodb";
import { DependencyUnavailable } from "../../application/shared/DependencyUnavailable.js";

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** Driver errors that mean "the database is not reachable" become a domain-level 503; the rest stay bugs. */
export async function translateMongoErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) throw new DependencyUnavailable("mongodb");
    throw error;
  }
}
