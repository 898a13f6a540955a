/**
 * Just enough of MongoDB's query semantics ($and, $or, comparisons, case-insensitive $regex, dotted paths,
 * arrays matching any element, compound sort) to execute the filters the Mongo adapter builds without a server.
 * A check on the query-building logic only; the adapter itself is proven by the contract suite against MongoDB.
 */
type Doc = Record<string, unknown>;

const get = (doc: Doc, path: string): unknown => path.split(".").reduce<unknown>((v, k) => (v as Doc | undefined)?.[k], doc);
const norm = (v: unknown) => (v instanceof Date ? v.getTime() : v);
const cmp = (a: unknown, b: unknown) => {
  const [x, y] = [norm(a), norm(b)] as [number | string, number | string];
  return x < y ? -1 : x > y ? 1 : 0;
};

function matchValue(value: unknown, condition: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => matchValue(v, condition));
  if (condition && typeof condition === "object" && !(condition instanceof Date)) {
    return Object.entries(condition as Doc).every(([op, arg]) => {
      if (op === "$regex") return new RegExp(arg as string, (condition as Doc).$options as string).test(String(value));
      if (op === "$options") return true;
      if (value === undefined) return false;
      const c = cmp(value, arg);
      return { $gt: c > 0, $gte: c >= 0, $lt: c < 0, $lte: c <= 0 }[op] ?? false;
    });
  }
  return cmp(value, condition) === 0;
}

export function matchesFilter(doc: Doc, filter: Doc): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === "$and") return (condition as Doc[]).every((f) => matchesFilter(doc, f));
    if (key === "$or") return (condition as Doc[]).some((f) => matchesFilter(doc, f));
    return matchValue(get(doc, key), condition);
  });
}

export function sortDocs<T extends Doc>(docs: T[], sort: Record<string, 1 | -1>): T[] {
  return [...docs].sort((a, b) => {
    for (const [path, dir] of Object.entries(sort)) {
      const c = cmp(get(a, path), get(b, path));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}
