import { createRequestHandler } from "@remix-run/node";
const build = await import("./build/index.js");
const handler = createRequestHandler(build, "production");
const urls = process.argv.slice(2);
for (const path of urls) {
  for (let i = 0; i < 3; i++) await (await handler(new Request("http://localhost" + path, { headers: { "Accept-Language": "de-CH" } }))).text();
  const n = Number(process.env.N ?? 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += (await (await handler(new Request("http://localhost" + path, { headers: { "Accept-Language": "de-CH" } }))).text()).length;
  const cpu = process.cpuUsage(cpu0);
  console.log(path.padEnd(50), "cpu/req", ((cpu.user + cpu.system) / 1000 / n).toFixed(1), "ms  wall/req", ((performance.now() - t0) / n).toFixed(1), "ms  bytes", bytes / n);
}
process.exit(0);
