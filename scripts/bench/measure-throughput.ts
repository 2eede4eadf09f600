// Throughput at N connections: N request loops at once, each sending its next request as soon as
// the last answered, for a fixed time. Engine and typed baseline take turns in two halves each
// (engine, typed, typed, engine), so both meet the machine's load alike. Requests/s and the
// latency percentiles under that load.
import { summarize, type Summary } from "./percentiles.ts";
import { send, type BenchRequest } from "./time-requests.ts";

export type Throughput = { requests: number; seconds: number; perSecond: number; latency: Summary; connections: number; ms: number[] };

async function loops(baseUrl: string, token: string, request: BenchRequest, connections: number, seconds: number): Promise<number[]> {
  const until = performance.now() + seconds * 1000;
  const ms: number[] = [];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) ms.push((await send(baseUrl, token, request)).ms);
    }),
  );
  return ms;
}

export async function measureThroughput(
  baseUrl: string,
  token: string,
  requests: { engine: BenchRequest; typed: BenchRequest },
  o: { connections: number; seconds: number },
): Promise<{ engine: Throughput; typed: Throughput }> {
  const half = o.seconds / 2;
  const ms = { engine: [] as number[], typed: [] as number[] };
  const spent = { engine: 0, typed: 0 };
  await loops(baseUrl, token, requests.engine, o.connections, 1); // warm every pooled connection
  await loops(baseUrl, token, requests.typed, o.connections, 1);
  for (const side of ["engine", "typed", "typed", "engine"] as const) {
    const began = performance.now();
    ms[side].push(...(await loops(baseUrl, token, requests[side], o.connections, half)));
    spent[side] += (performance.now() - began) / 1000;
  }
  const result = (side: "engine" | "typed"): Throughput => ({
    requests: ms[side].length,
    seconds: spent[side],
    perSecond: ms[side].length / spent[side],
    latency: summarize(ms[side]),
    connections: o.connections,
    ms: ms[side].map((v) => Math.round(v * 1000) / 1000),
  });
  return { engine: result("engine"), typed: result("typed") };
}
