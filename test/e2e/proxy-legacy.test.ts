import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PLAN, PACKAGE_ROOT } from "../../src/demo/app.js";
import { createLegacyServer } from "../../src/demo/legacy.js";
import { createLogger } from "../../src/log/logger.js";
import { loadProxyConfig } from "../../src/proxy/config.js";
import { createProxyServer, type ProxyServer } from "../../src/proxy/server.js";
import { hmac, TEST_SECRET } from "../support/app.js";
import { closeAll } from "../support/proxy.js";
import { getRaw } from "../support/raw-http.js";

let legacy: Server;
let proxy: ProxyServer;
let url: string;

beforeAll(async () => {
  legacy = createLegacyServer();
  await new Promise<void>((resolve) => legacy.listen(0, "127.0.0.1", resolve));
  const target = `http://127.0.0.1:${(legacy.address() as AddressInfo).port}`;
  const config = loadProxyConfig({
    flags: { config: join(PACKAGE_ROOT, "demo", "proxy.yaml"), target, plan: DEMO_PLAN },
    env: { DNMA_TAG_SECRET: TEST_SECRET },
  });
  proxy = createProxyServer({ config, logger: createLogger({ level: "silent" }) });
  url = `http://127.0.0.1:${(await proxy.listen(0, "127.0.0.1")).port}`;
});
afterAll(() => closeAll(proxy, legacy));

async function signIn(login: string): Promise<string> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/login`,
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
      (res) => {
        res.resume();
        const cookie = String(res.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
        if (res.statusCode === 303 && cookie) resolve(cookie);
        else reject(new Error(`login answered ${res.statusCode}`));
      },
    );
    req.end(`user=${login}`);
  });
}

function propsOf(html: string): Record<string, string> {
  const match = /ATTag\.setProps\((\{.*?\}), true\)/.exec(html);
  if (!match) throw new Error("no tag in the page");
  return JSON.parse(match[1] as string);
}

describe("legacy demo ENT behind the proxy", () => {
  it("tags a pupil's marks page, identity from the userinfo endpoint, gzip kept", async () => {
    const cookie = await signIn("eleve");
    const response = await getRaw(`${url}/notes`, { Cookie: cookie, "Accept-Encoding": "gzip" });
    const html = gunzipSync(response.body).toString();

    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(propsOf(html)).toEqual({
      SERVICE: "NOTES",
      TYPE: "NATIF",
      OUTIL: "ENT_DEMO",
      UAI: "0021593W",
      PROJET: "DEMO_ENT_REGION",
      EXPLOITANT: "DEMO_EXPLOITANT",
      PLATEFORME: "DEMO_PLATEFORME",
      PROFIL: "ELEVE",
    });
    expect(html).toContain(
      `ATTag.identifiedVisitor.set({id: "${hmac("f3a9c2e1-eleve-0001")}", category: "ELEVE"});`,
    );
    expect(html).not.toContain("f3a9c2e1-eleve-0001");
  });

  it("follows the establishment a teacher chose", async () => {
    const cookie = await signIn("enseignant");
    await getRaw(`${url}/etablissement?uai=0021593W`, { Cookie: cookie });
    const html = (await getRaw(`${url}/timeline`, { Cookie: cookie })).body.toString();

    expect(propsOf(html).UAI).toBe("0021593W");
  });

  it("leaves the public login page and the userinfo answer untagged", async () => {
    const login = await getRaw(`${url}/login`);
    const userinfo = await getRaw(`${url}/api/userinfo`);

    expect(login.body.toString()).not.toContain("smarttag_ENT.js");
    expect(userinfo.status).toBe(401);
  });

  it("serves the smarttag_ENT.js stand-in through the proxy", async () => {
    const response = await getRaw(`${url}/dnma/smarttag_ENT.js`);
    expect(response.body.toString()).toContain("DEVELOPMENT STAND-IN for smarttag_ENT.js");
  });
});
