import type http from "node:http";

type Hookable = http.Agent & { addRequest(request: http.ClientRequest, options: unknown): void };

/**
 * The Cloudinary SDK rejects with `{message, http_code}` and drops the response, so a rate limit's Retry-After and
 * X-FeatureRateLimit-Reset never reach its caller. The SDK does take our agent, and Node hands every request to its
 * agent's `addRequest` synchronously, inside `http.request()` (the hook agent-base and the proxy agents build on;
 * the `http.client.request.start` diagnostics channel would be public but fires a tick later, too late to tell
 * uploads apart). The SDK starts its request synchronously inside `uploader.upload()`, so the request our agent
 * receives while `during()` runs is that upload's, and its response headers are kept for it.
 */
export class ResponseHeaderTap {
  #current: { headers?: http.IncomingHttpHeaders } | undefined;

  constructor(agent: http.Agent) {
    const hookable = agent as Hookable;
    const addRequest = hookable.addRequest.bind(agent);
    hookable.addRequest = (request, options) => {
      const slot = this.#current;
      this.#current = undefined;
      if (slot) request.once("response", (res: http.IncomingMessage) => void (slot.headers = res.headers));
      addRequest(request, options);
    };
  }

  /** Calls `start` (which must start its request synchronously) and returns its promise with the headers it saw. */
  during<T>(start: () => Promise<T>): { result: Promise<T>; headers: () => http.IncomingHttpHeaders | undefined } {
    const slot: { headers?: http.IncomingHttpHeaders } = {};
    this.#current = slot;
    try {
      return { result: start(), headers: () => slot.headers };
    } finally {
      this.#current = undefined;
    }
  }
}
