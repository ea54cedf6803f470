/**
 * Markup of the demo ENT: a portal layout with the things real ENT pages carry
 * (inline scripts and JSON, comments, forms, an SVG icon, a template), some of which
 * contain the text `</body>` where it is not the end of the body.
 */

import type { DemoAccount } from "./accounts.js";

export interface PageOptions {
  title: string;
  account: DemoAccount | undefined;
  uai?: string | undefined;
  body: string;
}

const NAV = [
  ["/timeline", "Accueil"],
  ["/actualites", "Actualités"],
  ["/cahier-de-textes/3e-B", "Cahier de textes"],
  ["/notes", "Notes"],
  ["/absences", "Absences"],
  ["/conversation/inbox", "Messagerie"],
  ["/emploi-du-temps", "Emploi du temps"],
  ["/workspace/", "Documents"],
  ["/blog/club-theatre/", "Blogs"],
  ["/mediacentre", "Médiacentre"],
  ["/classe", "Classe"],
  ["/vie-scolaire/agenda", "Vie scolaire"],
  ["/cantine", "Cantine"],
  ["/userbook/carnet", "Carnet d'adresses"],
  ["/parametres", "Paramètres"],
] as const;

const ICON =
  '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1l7 6h-2v8H3V7H1z"/></svg>';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A full page of the portal. */
export function renderPage(options: PageOptions): string {
  const { account } = options;
  const user = account
    ? `<span class="user">${escapeHtml(account.displayName)}${options.uai ? ` — UAI ${options.uai}` : ""}</span> <a href="/logout">Se déconnecter</a>`
    : '<a href="/login">Se connecter</a>';
  const nav = account
    ? NAV.map(([href, label]) => `<li><a href="${href}">${escapeHtml(label)}</a></li>`).join(
        "\n        ",
      )
    : "";

  return `<!DOCTYPE html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(options.title)} — ENT Démo</title>
    <link rel="stylesheet" href="/assets/ent.css">
    <script>
      // Portal settings; the string below is not the end of the body.
      window.ENT = { theme: "clair", closingTag: "</body>", lang: "fr" };
    </script>
  </head>
  <body class="ent">
    <!-- header: keep </body> out of templates, said nobody -->
    <header class="banner">${ICON} <strong>ENT Démo</strong> ${user}</header>
    <nav>
      <ul>
        ${nav}
      </ul>
    </nav>
    <main id="content">
${options.body}
    </main>
    <template id="toast"><div class="toast">Enregistré</div></body></template>
    <footer>ENT Démo — environnement numérique de travail de démonstration</footer>
    <script>
      document.querySelectorAll("nav a").forEach(function (link) {
        if (link.getAttribute("href") === location.pathname) link.className = "active";
      });
    </script>
  </body>
</html>
`;
}
