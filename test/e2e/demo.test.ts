import request from "supertest";
import { describe, expect, it } from "vitest";
import { createDemoApp, DEMO_PLAN } from "../../src/demo/app.js";
import { hmac, TEST_SECRET } from "../support/app.js";

const app = createDemoApp({ dnma: { plan: DEMO_PLAN, secret: TEST_SECRET } });

async function signIn(login: string) {
  const agent = request.agent(app);
  const response = await agent.post("/login").type("form").send({ user: login });
  expect(response.status).toBe(303);
  return agent;
}

function propsOf(html: string): Record<string, string> {
  const match = /ATTag\.setProps\((\{.*?\}), true\)/.exec(html);
  if (!match) throw new Error("no tag in the page");
  return JSON.parse(match[1] as string);
}

describe("demo ENT", () => {
  it.each([
    ["eleve", "ELEVE", "0021593W", "100002"],
    ["enseignant", "ENSEIGNANT", "0010024W", "100001"],
    ["parent", "PARENT", "0021593W", "100002"],
    ["direction", "ADMIN_VIE_SCOL_TECH", "0220158C", "200053"],
    ["agent", "PERSONNEL_COLLECTIVITE", "0220158C", "200053"],
    ["invite", "AUTRE", "6200001G", "100620"],
  ])(
    "tags the home page of %s with PROFIL %s, UAI %s, site %s",
    async (login, profile, uai, site) => {
      const agent = await signIn(login);
      const html = (await agent.get("/timeline")).text;

      expect(propsOf(html)).toEqual({
        SERVICE: "ACCUEIL",
        TYPE: "NATIF",
        OUTIL: "ENT_DEMO",
        UAI: uai,
        PROJET: "DEMO_ENT_REGION",
        EXPLOITANT: "DEMO_EXPLOITANT",
        PLATEFORME: "DEMO_PLATEFORME",
        PROFIL: profile,
      });
      expect(html).toContain(`new ATInternet.Tracker.Tag({site: "${site}"})`);
      expect(html).toContain(
        `ATTag.identifiedVisitor.set({id: "${hmac(`f3a9c2e1-${login === "eleve" ? "eleve-0001" : { enseignant: "ens-0002", parent: "tut-0003", direction: "dir-0004", agent: "col-0005", invite: "ext-0006" }[login]}`)}", category: "${profile}"});`,
      );
    },
  );

  it.each([
    ["/timeline", "ACCUEIL"],
    ["/actualites", "ACTUALITES"],
    ["/actualites/rentree-2026", "ACTUALITES"],
    ["/cahier-de-textes/3e-B", "CAHIER_TEXTES"],
    ["/notes", "NOTES"],
    ["/absences", "ABSENCES"],
    ["/conversation/inbox", "COURRIER_ELECTRONIQUE"],
    ["/conversation/message/4242", "COURRIER_ELECTRONIQUE"],
    ["/emploi-du-temps", "GESTION_TEMPS"],
    ["/workspace/", "STOCKAGE_PARTAGE"],
    ["/blog/club-theatre/", "PRODUCTION_COLLABORATIVE"],
    ["/mediacentre", "DOCUMENTATION_CDI"],
    ["/classe", "PAGE_ENT"],
    ["/classe/trombinoscope", "PRODUCTION_COLLABORATIVE"],
    ["/vie-scolaire/agenda", "SERVICES_VIE_SCOLAIRE"],
    ["/cantine", "SERVICE_COLLECTIVITE"],
    ["/userbook/carnet", "PRODUCTION_COLLABORATIVE"],
    ["/userbook/classe/3e-B", "COURRIER_ELECTRONIQUE"],
    ["/parametres", "PAGE_ENT"],
  ])("tags %s as %s, once, with the loader in head", async (path, service) => {
    const agent = await signIn("eleve");
    const html = (await agent.get(path)).text;

    expect(propsOf(html).SERVICE).toBe(service);
    expect(html.split("smarttag_ENT.js").length).toBe(2);
    expect(html.indexOf('src="/dnma/smarttag_ENT.js"')).toBeLessThan(html.indexOf("</head>"));
    expect(html.indexOf("ATTag.dispatch()")).toBeGreaterThan(html.lastIndexOf("<footer>"));
  });

  it("uses the establishment a teacher chose among several", async () => {
    const agent = await signIn("enseignant");
    await agent.get("/etablissement?uai=0021593W");
    expect(propsOf((await agent.get("/notes")).text).UAI).toBe("0021593W");
  });

  it.each(["/login", "/public/actualites"])(
    "never tags the public page %s, even signed in",
    async (path) => {
      const agent = await signIn("eleve");
      const html = (await agent.get(path)).text;
      expect(html).not.toContain("smarttag_ENT.js");
    },
  );

  it("serves the development stand-in of smarttag_ENT.js", async () => {
    const response = await request(app).get("/dnma/smarttag_ENT.js");
    expect(response.status).toBe(200);
    expect(response.text).toContain("DEVELOPMENT STAND-IN for smarttag_ENT.js");
  });

  it("sends people who are not signed in to the login page", async () => {
    const response = await request(app).get("/notes");
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/login");
  });
});
