import type { AnyBulkWriteOperation, Collection, Db } from "mongodb";
import { MongoBulkWriteError } from "mongodb";
import type { Product } from "../../domain/catalog/Product.js";
import { SlugTaken } from "../../domain/catalog/ProductErrors.js";
import type { ProductListQuery } from "../../domain/catalog/ProductQuery.js";
import type { ProductRepository, UpsertResult } from "../../domain/catalog/ProductRepository.js";
import { translateMongoErrors } from "./mongoErrors.js";
import { toProduct, toProductDocument, type ProductDocument } from "./productMapper.js";
import { filterFor, sortFor } from "./productQueryFilter.js";

export class MongoProductRepository implements ProductRepository {
  readonly #products: Collection<ProductDocument>;

  constructor(db: Db, collectionName = "products") {
    this.#products = db.collection<ProductDocument>(collectionName);
  }

  /**
   * Unique sku (the upsert key) and slug (the public lookup); one index per sort order, keyed
   * (sort field, _id) exactly like the keyset condition, so any page is an index range scan.
   * Category is the common narrowing filter, so it prefixes a copy of each sort index.
   */
  async ensureIndexes(): Promise<void> {
    await this.#products.createIndexes([
      { key: { sku: 1 }, name: "sku_unique", unique: true },
      { key: { slug: 1 }, name: "slug_unique", unique: true },
      { key: { createdAt: -1, _id: -1 }, name: "newest" },
      { key: { "price.amount": 1, _id: 1 }, name: "price" },
      { key: { name: 1, _id: 1 }, name: "name" },
      { key: { category: 1, createdAt: -1, _id: -1 }, name: "category_newest" },
      { key: { category: 1, "price.amount": 1, _id: 1 }, name: "category_price" },
      { key: { category: 1, name: 1, _id: 1 }, name: "category_name" },
    ]);
  }

  async upsertMany(products: Product[]): Promise<UpsertResult> {
    if (products.length === 0) return { inserted: 0, updated: 0 };
    const ops: AnyBulkWriteOperation<ProductDocument>[] = products.map((p) => {
      const { _id, createdAt, ...fields } = toProductDocument(p);
      return { updateOne: { filter: { sku: p.sku }, update: { $set: fields, $setOnInsert: { _id, createdAt } }, upsert: true } };
    });
    return translateMongoErrors(async () => {
      try {
        const result = await this.#products.bulkWrite(ops, { ordered: true });
        return { inserted: result.upsertedCount, updated: result.matchedCount };
      } catch (error) {
        const slug = slugConflict(error, products);
        if (slug) throw new SlugTaken(slug);
        throw error;
      }
    });
  }

  async findById(id: string): Promise<Product | null> {
    const doc = await translateMongoErrors(() => this.#products.findOne({ _id: id }));
    return doc ? toProduct(doc) : null;
  }

  async findBySlug(slug: string): Promise<Product | null> {
    const doc = await translateMongoErrors(() => this.#products.findOne({ slug }));
    return doc ? toProduct(doc) : null;
  }

  async list({ filters, sort, limit, after }: ProductListQuery): Promise<Product[]> {
    const docs = await translateMongoErrors(() =>
      this.#products.find(filterFor(filters, sort, after)).sort(sortFor(sort)).limit(limit).toArray(),
    );
    return docs.map(toProduct);
  }

  async count(): Promise<number> {
    return translateMongoErrors(() => this.#products.estimatedDocumentCount());
  }
}

function slugConflict(error: unknown, products: Product[]): string | null {
  if (!(error instanceof MongoBulkWriteError)) return null;
  const failed = error.writeErrors;
  const first = Array.isArray(failed) ? failed[0] : failed;
  if (!first || (first.code !== 11000 && error.code !== 11000)) return null;
  const product = products[first.index];
  return product && /slug/u.test(first.errmsg ?? "") ? product.slug : null;
}
