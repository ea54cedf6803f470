import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../../src/cli/main.js";
import { loadProxyConfig } from "../../../src/proxy/config.js";

const ROOT = resolve(import.meta.dirname, "../../..");

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  profiles?: string[];
}

const compose = yaml.load(readFileSync(join(ROOT, "docker-compose.yml"), "utf8")) as {
  services: Record<string, Service>;
};
const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};

/** The file a command's script path names in the package: dist/x.js is built from src/x.ts. */
function sourceOf(path: string): string {
  return path.startsWith("dist/")
    ? join(ROOT, path.replace(/^dist\//, "src/").replace(/\.js$/, ".ts"))
    : join(ROOT, path);
}

/** A container path (/plans/demo-ent.yaml) as the host file its service mounts there. */
function hostFileOf(service: Service, containerPath: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [host = "", container = ""] = volume.split(":");
    if (containerPath === container || containerPath.startsWith(`${container}/`))
      return join(ROOT, host, containerPath.slice(container.length));
  }
  return undefined;
}

function optionNames(commandName: string): string[] {
  const command = buildProgram().commands.find((candidate) => candidate.name() === commandName);
  return command ? command.options.map((option) => option.long ?? "") : [];
}

describe("docker-compose.yml", () => {
  const services = Object.entries(compose.services);

  it("runs the legacy ENT and the proxy by default, the middleware demo under a profile", () => {
    expect(services.filter(([, service]) => !service.profiles).map(([name]) => name)).toEqual([
      "legacy-ent",
      "proxy",
    ]);
  });

  it.each(services)("service %s runs a script of the package", (_name, service) => {
    const [node, script] = service.command ?? [];
    expect(node).toBe("node");
    expect(existsSync(sourceOf(script ?? ""))).toBe(true);
  });

  it("runs the proxy with options the proxy command has, and files its volumes provide", () => {
    const proxy = compose.services.proxy as Service;
    const [, script, subcommand, ...args] = proxy.command ?? [];
    const flags = args.filter((arg) => arg.startsWith("--"));
    const value = (flag: string) => args[args.indexOf(flag) + 1] as string;

    expect([script, subcommand]).toEqual(["bin/dnma-tag.js", "proxy"]);
    expect(flags.filter((flag) => !optionNames("proxy").includes(flag))).toEqual([]);
    expect(existsSync(hostFileOf(proxy, value("--plan")) ?? "")).toBe(true);
    expect(existsSync(hostFileOf(proxy, value("--config")) ?? "")).toBe(true);
    expect(value("--target")).toBe(
      `http://legacy-ent:${compose.services["legacy-ent"]?.environment?.PORT}`,
    );
  });

  it("mounts host paths that exist", () => {
    const hostPaths = services.flatMap(([, service]) =>
      (service.volumes ?? []).map((volume) => volume.split(":")[0] as string),
    );
    expect(hostPaths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it("gives the proxy a configuration that loads", () => {
    const proxy = compose.services.proxy as Service;
    const args = proxy.command ?? [];
    const config = loadProxyConfig({
      flags: {
        config: hostFileOf(proxy, args[args.indexOf("--config") + 1] as string),
        target: "http://legacy-ent:3001",
        plan: "demo-ent.yaml",
      },
      env: {},
    });
    expect([config.identity.source, config.identity.userinfo?.session_cookie]).toEqual([
      "userinfo",
      "ent_session",
    ]);
  });
});

describe("Dockerfile and npm scripts", () => {
  const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");

  it("copies paths that exist", () => {
    const sources = [...dockerfile.matchAll(/^COPY (.+) \S+$/gm)].flatMap((match) =>
      (match[1] as string).split(" "),
    );
    expect(sources.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it("runs the proxy command by default", () => {
    const command = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)?.[1] ?? "[]") as string[];
    expect(command).toEqual(["node", "bin/dnma-tag.js", "proxy"]);
    expect(existsSync(join(ROOT, "bin/dnma-tag.js"))).toBe(true);
  });

  it.each(["start", "demo:proxy"])("npm run %s starts a script of the package", (name) => {
    const [node, script] = (packageJson.scripts[name] ?? "").split(" ");
    expect(node).toBe("node");
    expect(existsSync(sourceOf(script ?? ""))).toBe(true);
  });
});
