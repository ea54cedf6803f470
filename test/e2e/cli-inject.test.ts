import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { hmac, TEST_SECRET } from "../support/app.js";

const PAGE = "<!DOCTYPE html><html><head><title>N</title></head><body>caf\xe9</body></html>";

function inject(
  args: string[],
  input: Buffer | string,
  env: Record<string, string> = { DNMA_TAG_SECRET: TEST_SECRET },
) {
  const result = spawnSync(process.execPath, ["bin/dnma-tag.js", "inject", ...args], {
    input,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

describe("dnma-tag inject", () => {
  const args = [
    "--plan",
    "marking-plans/demo-ent.yaml",
    "--url",
    "/notes",
    "--user",
    "jdupont",
    "--aaf-profile",
    "National_ELV",
    "--uai",
    "0021593W",
  ];

  it("writes the page with exactly our two snippets added", () => {
    const input = Buffer.from(PAGE, "latin1");
    const { status, stdout, stderr } = inject(args, input);
    const text = stdout.toString("latin1");
    const loader = '<script type="text/javascript" src="/dnma/smarttag_ENT.js"></script>';
    const tagStart = text.indexOf('<script type="text/javascript">');
    const tag = text.slice(tagStart, text.indexOf("</script>", tagStart) + 9);

    expect(status).toBe(0);
    expect(stderr).toBe("dnma-tag: tagged (rule marks, SERVICE NOTES)\n");
    expect(
      stdout.equals(
        Buffer.from(
          PAGE.replace("</head>", `${loader}</head>`).replace("</body>", `${tag}</body>`),
          "latin1",
        ),
      ),
    ).toBe(true);
    expect(tag).toContain(`id: "${hmac("jdupont")}"`);
  });

  it("writes the page unchanged without --user, and says why", () => {
    const { status, stdout, stderr } = inject(
      ["--plan", "marking-plans/demo-ent.yaml", "--url", "/notes"],
      PAGE,
      {},
    );
    expect(status).toBe(0);
    expect(stdout.toString()).toBe(PAGE);
    expect(stderr).toBe("dnma-tag: page left unchanged: no-user\n");
  });

  it("writes a public page unchanged", () => {
    const { status, stdout, stderr } = inject(
      [...args.slice(0, 2), "--url", "/login", ...args.slice(4)],
      PAGE,
    );
    expect(status).toBe(0);
    expect(stdout.toString()).toBe(PAGE);
    expect(stderr).toBe("dnma-tag: page left unchanged: never-tag\n");
  });

  it("fails with a clear message on a bad plan, a bad profile or a missing secret", () => {
    expect(inject(["--plan", "nope.yaml", "--url", "/x"], "")).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("cannot read tagging plan nope.yaml"),
    });
    expect(inject([...args, "--profile", "PROF"], "")).toMatchObject({
      status: 2,
      stderr:
        'dnma-tag: --profile "PROF" is not one of ELEVE, ENSEIGNANT, PARENT, ADMIN_VIE_SCOL_TECH, PERSONNEL_COLLECTIVITE, AUTRE\n',
    });
    expect(inject(args, "", {})).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("no secret for ID_PERSO: set DNMA_TAG_SECRET"),
    });
  });
});
