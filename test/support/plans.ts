/** A small valid plan, as text, for tests that change one part of it. */
export const MINIMAL_PLAN = `version: 1
name: test-plan
platform:
  projet: PROJET_T
  exploitant: EXPLOITANT_T
  plateforme: PLATEFORME_T
loader:
  path: /js
sites:
  default: "100000"
  by_uai:
    "0220158C": "200053"
  by_prefix:
    "002": "100002"
outils:
  ENT_T: NATIF
  TOOL_T: TIERS
defaults:
  outil: ENT_T
never_tag:
  paths: [/login, /api/*]
  extensions: [css, js]
pages:
  - id: home
    path: /home
    service: ACCUEIL
    name: accueil
  - id: blog
    path: /blog/:blogId/*rest
    service: PRODUCTION_COLLABORATIVE
    name: "blog-{blogId}"
    chapters: [blogs, "{rest}"]
  - id: tool
    path: /tool
    host: "*.example.fr"
    method: [GET, POST]
    query: { view: list }
    service: SERVICES_VIE_SCOLAIRE
    outil: TOOL_T
    name: outil
fallback:
  service: PAGE_ENT
  name: autre
`;

/** Click rules and examples appended to MINIMAL_PLAN (GAR_RESSOURCE declared first). */
export const CLICKS_SECTION = `clicks:
  download_extensions: [pdf, odt]
  rules:
    - id: gar
      host: [gar.example.fr, "*.gar.example.fr"]
      path: /ressource/:ressourceId
      gar:
        code: { query: type }
        unknown_service: RESSOURCE_DOCUMENTAIRE
      name: "gar-{ressourceId}"
      chapters: ["{code}"]
    - id: gar-tile
      selector: "a.gar-tile[data-code]"
      gar:
        code: { attribute: data-code }
        unknown_service: PAGE_ENT
      name: tuile_gar
    - id: files
      path: /files/*
      service: STOCKAGE_PARTAGE
      name: fichier
    - id: tool
      selector: "button#open-tool, [role=button].tool"
      service: SERVICES_VIE_SCOLAIRE
      outil: TOOL_T
      name: outil
    - id: search
      external: false
      path: /search
      query: { q: "*" }
      service: DOCUMENTATION_CDI
      hit: action
      name: "recherche-{q}"
    - id: out
      external: true
      service: PAGE_ENT
      name: "lien-{host}"
`;

/** MINIMAL_PLAN with GAR_RESSOURCE declared and CLICKS_SECTION. */
export const CLICKS_PLAN = `${MINIMAL_PLAN.replace("  TOOL_T: TIERS\n", "  TOOL_T: TIERS\n  GAR_RESSOURCE: TIERS\n")}${CLICKS_SECTION}`;
