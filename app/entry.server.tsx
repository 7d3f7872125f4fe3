/**
 * Server rendering: streams the document with the request's language and the CSP nonce. Also exports the
 * HTTP server pieces that server.js picks up from the build (build.entry.module).
 */
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getLocale } from "~/i18n/i18n.server";
import { I18nProvider } from "~/i18n/react";
import { serverTextsStore } from "~/i18n/texts.server";
import { createHtmlStreamTransform } from "~/utils/html-stream.server";
import { NonceProvider } from "~/utils/nonce";
import { getEnv } from "~/utils/env.server";
import { loggablePath, logger } from "~/utils/logger.server";
import { OUTAGE_RETRY_AFTER_SECONDS } from "~/components/outage";

export { bootServer, createApp, shutdownServer } from "~/server/app.server";
export { getEnv };

// Fail at boot, not at the first request, when the configuration is wrong.
getEnv();

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const locale = await getLocale(request);
  const texts = serverTextsStore(locale);
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nProvider store={texts}>
          {/* the nonce also goes on the inline scripts that stream loader data (single fetch); without it the CSP
              blocks them and the page never hydrates */}
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          // valid HTML: </body></html> after Remix's streamed data scripts, no NUL bytes (React 18 bugs)
          const body = createHtmlStreamTransform();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // the database is away (app/server/outage.server.ts): tell browsers and proxies when to come back
          if (responseStatusCode === 503) withRetryAfter(responseHeaders);
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          loadContext.markRenderFailed?.();
          if (shellRendered) logger.error({ err: error }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

function withRetryAfter(headers: Headers) {
  headers.set("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS));
  headers.set("Cache-Control", "no-store");
}

/** single-fetch data requests (`.data`) of an outage: the same Retry-After as the document */
export function handleDataRequest(response: Response) {
  if (response.status === 503) withRetryAfter(response.headers);
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, path: loggablePath(new URL(request.url).pathname) }, "unhandled error");
}
