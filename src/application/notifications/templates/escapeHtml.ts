const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Every user-supplied value goes through this before it reaches HTML: a name of `<script>` arrives as text. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/gu, (c) => ENTITIES[c]!);
}

/** Plain-text parts have no markup, but a control character could still forge lines; keep printable text only. */
export function plainText(value: string): string {
  return value.replace(/\p{Cc}/gu, " ");
}
