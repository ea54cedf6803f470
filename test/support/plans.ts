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
