/**
 * The pieces of a generated ENT page: a head as portals send them, the portal chrome,
 * and body blocks of the kinds such pages are made of (marks tables, news, mail forms,
 * timetables, inline SVG icons, comments), in French, from a seeded random source.
 * Usage: `const random = createRandom(7); renderBlock(random)`.
 */

export type Random = () => number;

const SUBJECTS = [
  "Mathématiques",
  "Français",
  "Histoire-Géographie",
  "Sciences de la vie et de la Terre",
  "Physique-Chimie",
  "Anglais LV1",
  "Espagnol LV2",
  "Éducation physique et sportive",
  "Technologie",
  "Arts plastiques",
  "Éducation musicale",
  "Enseignement moral et civique",
];
const PEOPLE = [
  "M. Lefèvre",
  "Mme Garnier",
  "Mme N'Diaye",
  "M. Rousseau",
  "Mme Bénard",
  "M. Oliveira",
  "Mme Caron",
  "M. Haddad",
  "Mme Perrin",
  "M. Le Gall",
];
const WORDS = (
  "le conseil de classe du deuxième trimestre se tiendra après les vacances et les parents " +
  "délégués recevront le compte rendu par la messagerie de l'établissement ; la sortie au " +
  "musée est maintenue malgré la grève des transports, rendez-vous devant le portail à huit " +
  "heures avec une autorisation signée, un pique-nique et des chaussures de marche. Les " +
  "exercices de la page quarante-deux sont à rendre sur l'espace de travail avant vendredi, " +
  "l'évaluation portera sur les fractions, la proportionnalité et la lecture de graphiques ; " +
  "le foyer socio-éducatif organise une vente de gâteaux au profit du voyage en Espagne"
).split(" ");
const ICON_PATHS = [
  "M3 12l9-9 9 9M5 10v10h5v-6h4v6h5V10",
  "M4 4h16v12H5.17L4 17.17V4zm2 4h12M6 11h8",
  "M12 2a10 10 0 100 20 10 10 0 000-20zm1 5h-2v6l5 3 1-1.7-4-2.3z",
  "M6 2h9l5 5v15H6V2zm8 1.5V8h4.5",
];

/** A small, fast, seeded random source (mulberry32): the same seed gives the same page. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return function nextRandom() {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function sentence(random: Random, words = 12 + Math.floor(random() * 18)): string {
  const start = Math.floor(random() * (WORDS.length - words));
  const text = WORDS.slice(start, start + words).join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function mark(random: Random): string {
  return (Math.round(random() * 40) / 2).toFixed(1).replace(".", ",");
}

/** `<head>` with meta, links, a JSON configuration and inline scripts, as portals send it. */
export function renderHead(title: string): string {
  return `<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Espace numérique de travail du collège Jean-Moulin">
<meta name="csrf-token" content="b7f0c2e9a1d84f6e9c3b5a7d2e1f0a9c">
<title>${title} — ENT Démo</title>
<link rel="icon" href="/assets/favicon.ico">
<link rel="stylesheet" href="/assets/portail.css?v=4.12.3">
<link rel="stylesheet" href="/assets/theme-college.css?v=4.12.3" media="screen">
<link rel="preload" href="/assets/fonts/marianne.woff2" as="font" crossorigin>
<style>.bandeau{display:flex;gap:1rem}.notes td.moyenne{font-weight:600}</style>
<script>window.__ENT__ = {"utilisateur":{"prenom":"Camille","classe":"4e B"},"modele":"<div class=\\"carte\\"></div>","version":"4.12.3"};</script>
<script>if (document.cookie.indexOf("theme=sombre") !== -1) { document.documentElement.className += " sombre"; }</script>
<script src="/assets/portail.js?v=4.12.3" defer></script>
</head>
`;
}

/** The portal chrome: banner, user menu and application navigation. */
export function renderChrome(): string {
  const links = [
    ["/timeline", "Accueil"],
    ["/conversation/inbox", "Messagerie"],
    ["/notes", "Notes"],
    ["/cahier-de-textes/4B", "Cahier de textes"],
    ["/emploi-du-temps", "Emploi du temps"],
    ["/workspace/", "Mes documents"],
    ["/mediacentre", "Médiacentre"],
  ];
  const items = links.map(([href, label]) => `<li><a href="${href}">${label}</a></li>`).join("\n");
  return `<header class="bandeau" role="banner">
<a class="logo" href="/timeline"><img src="/assets/logo-region.svg" alt="Région" width="120" height="40"></a>
<!-- menu utilisateur -->
<div class="utilisateur"><span>Camille Martin &middot; 4e&nbsp;B</span> <a href="/logout">Se déconnecter</a></div>
</header>
<nav class="applications" aria-label="Applications">
<ul>
${items}
</ul>
</nav>
<main id="contenu">
`;
}

function renderMarks(random: Random): string {
  const rows = Array.from({ length: 6 + Math.floor(random() * 6) }, () => {
    const cells = [mark(random), mark(random), mark(random)].map((value) => `<td>${value}</td>`);
    return `<tr><th scope="row">${pick(random, SUBJECTS)}</th>${cells.join("")}<td class="moyenne">${mark(random)}</td><td>${pick(random, PEOPLE)}</td></tr>`;
  });
  return `<section class="carte"><h2>Relevé de notes — trimestre ${1 + Math.floor(random() * 3)}</h2>
<table class="notes"><thead><tr><th>Matière</th><th>Éval. 1</th><th>Éval. 2</th><th>Éval. 3</th><th>Moyenne</th><th>Professeur</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></section>
`;
}

function renderNews(random: Random): string {
  const paragraphs = Array.from(
    { length: 2 + Math.floor(random() * 3) },
    () => `<p>${sentence(random)} ${sentence(random)}</p>`,
  );
  return `<article class="actualite"><h2>${sentence(random, 6)}</h2>
<p class="auteur">Publié par ${pick(random, PEOPLE)} le ${1 + Math.floor(random() * 28)}/03 &ndash; <a href="/actualites/${Math.floor(random() * 9000)}">lire la suite</a></p>
${paragraphs.join("\n")}
</article>
`;
}

function renderMailForm(random: Random): string {
  const options = PEOPLE.slice(0, 5)
    .map((person, index) => `<option value="u${index}">${person}</option>`)
    .join("");
  return `<form class="nouveau-message" method="post" action="/conversation/send">
<input type="hidden" name="_csrf" value="b7f0c2e9a1d84f6e9c3b5a7d2e1f0a9c">
<label for="destinataire">À&nbsp;:</label> <select id="destinataire" name="to">${options}</select>
<label for="objet">Objet</label> <input id="objet" type="text" name="subject" value="${sentence(random, 4).slice(0, -1)}" maxlength="120">
<textarea name="body" rows="6" cols="60">${sentence(random)}</textarea>
<button type="submit" class="bouton">Envoyer</button>
</form>
`;
}

function renderTimetable(random: Random): string {
  const hours = ["8h00", "9h00", "10h15", "11h15", "13h30", "14h30", "15h45"];
  const slots = hours.map(
    (hour) =>
      `<li><time>${hour}</time> <span class="cours">${pick(random, SUBJECTS)}</span> <span class="salle">salle ${100 + Math.floor(random() * 120)}</span></li>`,
  );
  return `<section class="carte"><h2>Emploi du temps</h2>
<ol class="journee">
${slots.join("\n")}
</ol></section>
`;
}

function renderIcons(random: Random): string {
  const icons = Array.from(
    { length: 3 },
    () =>
      `<svg class="icone" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" d="${pick(random, ICON_PATHS)}"/></svg>`,
  );
  return `<!-- raccourcis -->
<div class="raccourcis">${icons.join("\n")}</div>
`;
}

const BLOCKS = [renderMarks, renderNews, renderMailForm, renderTimetable, renderIcons, renderNews];

/** One body block of a random kind. */
export function renderBlock(random: Random): string {
  return pick(random, BLOCKS)(random);
}

/** The end of `<main>`, the footer and the scripts pages load last. */
export const PAGE_END = `</main>
<footer><p>Région Académique &copy; 2025 &ndash; <a href="/mentions-legales">Mentions légales</a></p></footer>
<script>document.querySelectorAll(".carte").forEach(function (carte) { carte.dataset.pret = "1"; });</script>
</body>
</html>
`;
