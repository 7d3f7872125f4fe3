/** The reference's document: a header with navigation, the page, a footer — the shape of a real site's layout. */
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import type { ReactNode } from "react";

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="de">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header>
          <Link to="/">Reference</Link>
          <nav aria-label="Main">
            <Link to="/">Home</Link> <Link to="/?page=2">Page 2</Link> <Link to="/?page=3">Page 3</Link>
          </nav>
        </header>
        <main>{children}</main>
        <footer>
          <p>A minimal Remix app: the floor every Mitenand page is compared with.</p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}
