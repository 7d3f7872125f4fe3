import { expect, test } from "vitest";
import { writeBodyInBursts, type Writable } from "./write-body.server";

function recorder() {
  const calls: string[] = [];
  const text = (chunk?: Uint8Array) => (chunk ? Buffer.from(chunk).toString() : "");
  const res: Writable = {
    write: (chunk) => calls.push(`write ${text(chunk)}`),
    end: (chunk) => calls.push(`end ${text(chunk)}`),
    destroy: () => calls.push("destroy"),
    flush: () => calls.push("flush"),
  };
  return { res, calls };
}

test("chunks that arrive together are written and flushed once; a later chunk goes out on its own", async () => {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const { res, calls } = recorder();
  const done = writeBodyInBursts(body, res);
  for (const part of ["<html>", "<body>", "shell"]) controller.enqueue(Buffer.from(part));
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(calls).toEqual(["write <html><body>shell", "flush"]);
  controller.enqueue(Buffer.from("<script>data</script>"));
  controller.enqueue(Buffer.from("</body></html>"));
  controller.close();
  await done;
  expect(calls).toEqual(["write <html><body>shell", "flush", "end <script>data</script></body></html>"]);
});

test("a failing stream destroys the response", async () => {
  const body = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new Error("render failed")) });
  const { res, calls } = recorder();
  await expect(writeBodyInBursts(body, res)).rejects.toThrow("render failed");
  expect(calls).toEqual(["destroy"]);
});
