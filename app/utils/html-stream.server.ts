/**
 * Two repairs to React 18's streamed HTML, both fixed upstream only in React 19:
 * - React ends the shell with `</body></html>`, but Remix streams its single-fetch data as inline scripts after
 *   the shell, so they land after `</html>` (stray start tags for an HTML validator). The first
 *   `</body></html>` is held back and written after the last chunk. At most 13 bytes wait until the end tags
 *   have been seen (they may be split across chunks); after that chunks pass on untouched.
 * - React encodes text into 2048-byte views and, when a multi-byte character (ä, –, ’) does not fit at the end
 *   of a view, sends the whole view anyway: the unused bytes reach the page as NUL characters ("Eins\0ätze",
 *   facebook/react#24985, fixed by #26228 after 18.3). They are only ever at the end of a chunk React writes, and
 *   HTML never carries NUL, so trailing NULs of each chunk are dropped.
 */
import { Transform } from "node:stream";

const DOCUMENT_END = Buffer.from("</body></html>");

/** a chunk without the NUL padding React 18 may leave at its end (at most 3 bytes: one UTF-8 character) */
function withoutTrailingNul(bytes: Buffer) {
  let end = bytes.length;
  while (end > 0 && bytes.length - end < 3 && bytes[end - 1] === 0) end--;
  return end === bytes.length ? bytes : bytes.subarray(0, end);
}

export function createHtmlStreamTransform() {
  let carry: Buffer = Buffer.alloc(0);
  let held = false;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const bytes = withoutTrailingNul(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (held) return callback(null, bytes);
      const data = carry.length ? Buffer.concat([carry, bytes]) : bytes;
      const at = data.indexOf(DOCUMENT_END);
      if (at !== -1) {
        held = true;
        carry = Buffer.alloc(0);
        return callback(null, Buffer.concat([data.subarray(0, at), data.subarray(at + DOCUMENT_END.length)]));
      }
      const keep = Math.min(DOCUMENT_END.length - 1, data.length);
      carry = Buffer.from(data.subarray(data.length - keep));
      callback(null, data.subarray(0, data.length - keep));
    },
    flush(callback) {
      callback(null, held ? Buffer.concat([carry, DOCUMENT_END]) : carry);
    },
  });
}
