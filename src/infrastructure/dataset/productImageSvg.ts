import type { DatasetImage, DatasetProduct } from "./datasetFormat.js";

const escapeXml = (s: string) => s.replace(/[<>&"']/gu, (c) => `&#${c.charCodeAt(0)};`);

const SHAPES = [
  (c: number) => `<circle cx="${c}" cy="${c * 0.8}" r="${c * 0.42}"/>`,
  (c: number) => `<rect x="${c * 0.6}" y="${c * 0.4}" width="${c * 0.8}" height="${c * 0.8}" rx="${c * 0.08}"/>`,
  (c: number) => `<polygon points="${c},${c * 0.35} ${c * 1.45},${c * 1.25} ${c * 0.55},${c * 1.25}"/>`,
  (c: number) => `<circle cx="${c}" cy="${c * 0.8}" r="${c * 0.4}" fill="none" stroke="rgba(255,255,255,.35)" stroke-width="${c * 0.14}"/>`,
  (c: number) => `<polygon points="${c},${c * 0.35} ${c * 1.45},${c * 0.8} ${c},${c * 1.25} ${c * 0.55},${c * 0.8}"/>`,
];

/** A square card in the product's colour with its name, sku and view number: each image is visibly its product's. */
export function productImageSvg(product: DatasetProduct, image: DatasetImage, size: number): string {
  const c = size / 2;
  const font = Math.max(8, Math.round(size / 16));
  const shape = SHAPES[(image.position - 1) % SHAPES.length]!(c);
  const words = product.name.split(" ");
  const half = Math.ceil(words.length / 2);
  const lines = words.length > 2 ? [words.slice(0, half).join(" "), words.slice(half).join(" ")] : [product.name];
  const text = lines
    .map((line, i) => `<text x="${c}" y="${size * 0.72 + i * font * 1.25}" font-size="${font}">${escapeXml(line)}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
<rect width="${size}" height="${size}" fill="hsl(${image.hue},55%,42%)"/>
<g fill="rgba(255,255,255,.28)">${shape}</g>
<g font-family="sans-serif" fill="#fff" text-anchor="middle" font-weight="bold">${text}</g>
<text x="${c}" y="${size * 0.94}" font-family="sans-serif" font-size="${Math.round(font * 0.7)}" fill="#fff" text-anchor="middle">${product.sku} · ${image.position}/${product.images.length}</text>
</svg>`;
}
