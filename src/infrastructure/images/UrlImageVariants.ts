import type { ProductImage } from "../../domain/catalog/Product.js";
import type { ImageVariants, VariantUrls } from "../../application/ports/ImageVariants.js";

const TRANSFORMS = {
  thumbnail: "c_fill,g_auto,w_160,h_160,q_auto,f_auto",
  medium: "c_limit,w_480,q_auto,f_auto",
  large: "c_limit,w_1200,q_auto,f_auto",
};

/**
 * Variants follow where each image actually lives, not the current config: a catalog imported to
 * Cloudinary keeps CDN transformations even when served by an instance without Cloudinary settings.
 */
export class UrlImageVariants implements ImageVariants {
  of(image: ProductImage): VariantUrls {
    const marker = "/image/upload/";
    const at = image.url.indexOf(marker);
    if (at >= 0) {
      const [head, tail] = [image.url.slice(0, at + marker.length), image.url.slice(at + marker.length)];
      return {
        thumbnail: `${head}${TRANSFORMS.thumbnail}/${tail}`,
        medium: `${head}${TRANSFORMS.medium}/${tail}`,
        large: `${head}${TRANSFORMS.large}/${tail}`,
      };
    }
    return { thumbnail: `${image.url}?w=160`, medium: `${image.url}?w=320`, large: image.url };
  }
}
