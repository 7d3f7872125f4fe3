import { Readable } from "node:stream";
import { expect, test } from "vitest";
import { createHtmlStreamTransform } from "./html-stream.server";

async function through(chunks: (string | Uint8Array)[]) {
  const transform = createHtmlStreamTransform();
  const output: Buffer[] = [];
  transform.on("data", (chunk: Buffer) => output.push(chunk));
  const done = new Promise((resolve) => transform.on("end", resolve));
  Readable.from(chunks, { objectMode: false }).pipe(transform);
  await done;
  return Buffer.concat(output).toString("utf8");
}

const SHELL = '<!DOCTYPE html><html lang="de"><head><title>Über</title></head><body><main>Grüezi</main></body></html>';
const DATA = '<!--$--><script nonce="n">window.__remixContext.streamController.close();</script><!--/$-->';
const FIXED = '<!DOCTYPE html><html lang="de"><head><title>Über</title></head><body><main>Grüezi</main><!--$--><script nonce="n">window.__remixContext.streamController.close();</script><!--/$--></body></html>';

test("the data scripts streamed after the shell end up inside <body>, and </html> is the last thing", async () => {
  expect(await through([SHELL, DATA])).toBe(FIXED);
});

test("the end tags are found wherever the chunks split them, also inside multi-byte characters", async () => {
  const bytes = Buffer.from(SHELL + DATA);
  for (let cut = 1; cut < bytes.length; cut++) {
    expect(await through([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(FIXED);
  }
  const oneByteEach = [...bytes].map((byte) => Uint8Array.of(byte));
  expect(await through(oneByteEach)).toBe(FIXED);
});

test("a document without streamed data is unchanged; text without the end tags passes through whole", async () => {
  expect(await through([SHELL])).toBe(SHELL);
  expect(await through(["<p>no document", " end here</p>"])).toBe("<p>no document end here</p>");
  expect(await through([])).toBe("");
});

test("only the first end is moved: anything after it passes untouched", async () => {
  expect(await through([SHELL, "<script>1</script>", "<script>2</script>"])).toBe(SHELL.replace("</body></html>", "") + "<script>1</script><script>2</script></body></html>");
});

test("NUL padding React 18 leaves at the end of a chunk (a multi-byte character did not fit) is dropped", async () => {
  const view = Buffer.alloc(20);
  const head = Buffer.from("<title>Eins");
  head.copy(view);
  // "ä" (2 bytes) did not fit into the rest of the view: React sends the whole view, then "ätze" in the next one
  const chunks = [view.subarray(0, 11 + 1), Buffer.from("ätze</title>")];
  expect(await through(chunks)).toBe("<title>Einsätze</title>");
  expect(await through([Buffer.concat([Buffer.from("–"), Buffer.alloc(2)]), "x"])).toBe("–x");
});
