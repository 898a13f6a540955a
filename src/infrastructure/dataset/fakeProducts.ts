import { Faker, en } from "@faker-js/faker";
import type { DatasetProduct } from "./datasetFormat.js";

export const IMAGES_PER_PRODUCT = 5;
// A fixed reference date: generation must not depend on when it runs.
const REFERENCE_DATE = new Date("2026-01-01T00:00:00Z");
const VIEWS = ["front", "side", "back", "detail", "in use"];

const slugify = (s: string) =>
  s
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-|-$/gu, "");

/** Same seed, same products: a private Faker instance, seeded once, called in a fixed order. */
export function fakeProducts(seed: number, count: number): DatasetProduct[] {
  const faker = new Faker({ locale: [en], seed });
  return Array.from({ length: count }, (_, i) => {
    const sku = `BZR-${String(i + 1).padStart(5, "0")}`;
    const name = faker.commerce.productName();
    const soldOut = faker.number.int({ min: 1, max: 10 }) === 1;
    const hue = faker.number.int({ min: 0, max: 359 });
    return {
      sku,
      slug: `${slugify(name)}-${sku.toLowerCase()}`,
      name,
      description: faker.commerce.productDescription(),
      category: faker.commerce.department(),
      brand: faker.company.name(),
      price: { amount: Math.round(Number(faker.commerce.price({ min: 3, max: 1500, dec: 2 })) * 100), currency: "USD" },
      stock: soldOut ? 0 : faker.number.int({ min: 1, max: 500 }),
      rating: faker.number.float({ min: 1, max: 5, fractionDigits: 1 }),
      tags: [...new Set([faker.commerce.productMaterial(), faker.commerce.productAdjective(), faker.color.human()].map((t) => t.toLowerCase()))],
      createdAt: faker.date.past({ years: 2, refDate: REFERENCE_DATE }).toISOString(),
      images: Array.from({ length: IMAGES_PER_PRODUCT }, (_, k) => ({
        file: `images/${sku.toLowerCase()}-${k + 1}.jpg`,
        alt: `${name}, ${VIEWS[k]} view`,
        position: k + 1,
        hue: (hue + k * 24) % 360,
      })),
    };
  });
}
