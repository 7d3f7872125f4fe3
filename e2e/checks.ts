/**
 * The checks every journey makes on the pages it visits: axe (WCAG 2.1 A/AA, no serious or critical violation),
 * the 390 px phone (nothing scrolls sideways) and the Nu Html Checker (vnu-jar, needs Java: no HTML errors).
 * One copy here, so a stricter rule reaches every spec at once.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
export const PHONE = { width: 390, height: 844 } as const;

/** The serious and critical axe violations on the page as it is now, one line per rule with its elements. */
export async function seriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n/g, " ")}`).join("\n")}`);
}

export async function expectAxeClean(page: Page, label: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `axe violations on ${label}:\n${violations.join("\n")}`).toEqual([]);
}

/** Looks at the page 390 px wide (then restores the viewport): it must not be wider than the screen. */
export async function expectNoHorizontalScroll(page: Page, label: string) {
  const before = page.viewportSize();
  await page.setViewportSize(PHONE);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `horizontal scroll on ${label} at 390 px: page width ${scrollWidth}px in ${clientWidth}px`).toBeLessThanOrEqual(clientWidth);
  if (before) await page.setViewportSize(before);
}

const VNU_JAR = "node_modules/vnu-jar/build/dist/vnu.jar";

interface NuMessage {
  type: string;
  subType?: string;
  url: string;
  message: string;
  extract?: string;
  lastLine?: number;
  lastColumn?: number;
}

/** Every error of the Nu checker on these documents (one run of the checker), as "name (line:col): message «extract»". */
export function nuErrors(documents: { name: string; html: string }[]) {
  const java = spawnSync("java", ["-version"]);
  if (java.error || java.status !== 0) throw new Error("the HTML check needs Java (apt-get install default-jre-headless)");
  const dir = mkdtempSync(join(tmpdir(), "mitenand-html-"));
  try {
    const files = documents.map((doc, i) => {
      const file = join(dir, `${String(i).padStart(2, "0")}.html`);
      writeFileSync(file, doc.html);
      return { file, name: doc.name };
    });
    const result = spawnSync("java", ["-Xss1m", "-jar", VNU_JAR, "--errors-only", "--format", "json", ...files.map((f) => f.file)], {
      encoding: "utf8",
      maxBuffer: 32 * 1024 * 1024,
    });
    // vnu writes its JSON report to stderr and exits 1 when it found errors
    const report = JSON.parse(result.stderr || '{"messages":[]}') as { messages: NuMessage[] };
    const nameOf = new Map(files.map((f) => [`file:${f.file}`, f.name]));
    return report.messages
      .filter((m) => m.type === "error" || m.subType === "fatal")
      .map((m) => `${nameOf.get(m.url) ?? m.url} (${m.lastLine}:${m.lastColumn}): ${m.message} «${(m.extract ?? "").trim()}»`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
