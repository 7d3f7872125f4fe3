/**
 * Plain text as paragraphs: blank lines separate paragraphs, single line breaks stay. Nothing in the text is
 * markup (React escapes it); http(s) links become links.
 */
import { Fragment } from "react";

const LINK = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;

function Linked({ text }: { text: string }) {
  const parts = text.split(LINK);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} rel="nofollow ugc noopener">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="preserve-lines">
          <Linked text={paragraph} />
        </p>
      ))}
    </>
  );
}
