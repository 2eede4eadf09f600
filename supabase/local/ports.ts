import { createServer } from "node:net";

/** Fails with a message naming the port and the env var that moves it. */
export function assertPortFree(port: number, envVar: string, what: string, host = "127.0.0.1"): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(
        new Error(`端口 ${port} 已被占用（${what}），请设置环境变量 ${envVar} 换一个端口 / port ${port} for ${what} is taken; set ${envVar} to another port`),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A port the OS considers free right now (for tests that run their own stack). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
