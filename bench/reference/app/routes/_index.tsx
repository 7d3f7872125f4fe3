/** One route with a loader and 20 paragraphs. */
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Reference" }];

export function loader() {
  return {
    title: "Reference page",
    paragraphs: Array.from(
      { length: 20 },
      (_, i) => `Paragraph ${i + 1}: volunteers meet in the library every Tuesday evening to talk, cook and learn together.`,
    ),
  };
}

export default function Index() {
  const { title, paragraphs } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{title}</h1>
      {paragraphs.map((text, i) => (
        <p key={i}>{text}</p>
      ))}
    </>
  );
}
