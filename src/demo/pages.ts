/**
 * Bodies of the demo ENT's pages, one per service of the demo plan.
 * Usage: `PAGES["/notes"]?.(account)`.
 */

import type { DemoAccount } from "./accounts.js";
import { escapeHtml } from "./layout.js";

export interface DemoPage {
  title: string;
  body: (account: DemoAccount, params: Record<string, string>) => string;
}

const MARKS = [
  ["Mathématiques", "15,5", "12,8"],
  ["Français", "13", "11,9"],
  ["Histoire-géographie", "16", "12,1"],
  ["Physique-chimie", "11,5", "10,7"],
];

export const PAGES: Readonly<Record<string, DemoPage>> = {
  timeline: {
    title: "Accueil",
    body: (
      account,
    ) => `      <h1>Bonjour ${escapeHtml(account.displayName.split(" (")[0] ?? "")}</h1>
      <section class="widgets">
        <article><h2>Dernières actualités</h2><p><a href="/actualites/rentree-2026">Rentrée 2026 : les horaires</a></p></article>
        <article><h2>Travail à faire</h2><p>Mardi : exercices 4 à 7 p. 112.</p></article>
        <article><h2>Messages non lus</h2><p><a href="/conversation/inbox">2 nouveaux messages</a></p></article>
      </section>`,
  },
  news: {
    title: "Actualités",
    body: () => `      <h1>Actualités de l'établissement</h1>
      <ul><li><a href="/actualites/rentree-2026">Rentrée 2026 : les horaires</a></li><li><a href="/actualites/voyage-espagne">Voyage en Espagne</a></li></ul>`,
  },
  article: {
    title: "Article",
    body: (_account, params) =>
      `      <article><h1>${escapeHtml(params.articleId ?? "")}</h1><p>Les cours reprennent le lundi à 8 h 30.</p></article>`,
  },
  homework: {
    title: "Cahier de textes",
    body: () => `      <h1>Cahier de textes — 3e B</h1>
      <table class="homework"><thead><tr><th>Date</th><th>Matière</th><th>Travail</th></tr></thead>
        <tbody><tr><td>mar. 8</td><td>Maths</td><td>Exercices 4 à 7 p. 112</td></tr>
        <tr><td>jeu. 10</td><td>Français</td><td>Lire le chapitre 3</td></tr></tbody></table>`,
  },
  marks: {
    title: "Notes",
    body: () => `      <h1>Relevé de notes</h1>
      <table class="marks"><tr><th>Matière</th><th>Élève</th><th>Classe</th></tr>
        ${MARKS.map(([subject, mark, average]) => `<tr><td>${subject}<td>${mark}<td>${average}`).join("\n        ")}
      </table>`,
  },
  absences: {
    title: "Absences",
    body: () => `      <h1>Absences et retards</h1><p>Aucune absence ce trimestre.</p>`,
  },
  inbox: {
    title: "Messagerie",
    body: () => `      <h1>Boîte de réception</h1>
      <ul class="mail"><li><a href="/conversation/message/4242">Réunion parents-professeurs</a></li></ul>
      <form method="post" action="/conversation/send">
        <label>Nouveau message <textarea name="body">Bonjour,
(le texte </body> ici n'est pas la fin de la page)</textarea></label>
        <button type="submit">Envoyer</button>
      </form>`,
  },
  message: {
    title: "Message",
    body: () => `      <h1>Réunion parents-professeurs</h1><p>Elle aura lieu jeudi à 18 h.</p>`,
  },
  timetable: {
    title: "Emploi du temps",
    body: () => `      <h1>Emploi du temps</h1>
      <table class="timetable"><tr><th></th><th>Lundi</th><th>Mardi</th></tr>
        <tr><th>8 h 30</th><td>Maths</td><td>SVT</td></tr><tr><th>9 h 30</th><td>Français</td><td>Anglais</td></tr></table>`,
  },
  documents: {
    title: "Documents",
    body: () => `      <h1>Espace documentaire</h1>
      <ul class="files">
        <li><a href="/workspace/files/reglement-interieur.pdf" download>Règlement intérieur (PDF)</a></li>
        <li><a href="/workspace/files/sortie-scolaire.pdf">Autorisation de sortie (PDF)</a></li>
      </ul>`,
  },
  blog: {
    title: "Blog",
    body: (_account, params) =>
      `      <h1>Blog ${escapeHtml(params.blogId ?? "")}</h1><article><h2>Répétition générale</h2><p>Vendredi au CDI.</p></article>`,
  },
  resources: {
    title: "Médiacentre",
    body: () => `      <h1>Médiacentre</h1>
      <p>Ressources du GAR (gestionnaire d'accès aux ressources) :</p>
      <ul class="resources">
        <li><a href="/gar/ressource?idRessource=ark-manuel-maths-3e&amp;typePresentation=MAN" target="_blank" rel="noopener">Manuel de mathématiques 3e</a></li>
        <li><a href="/gar/ressource?idRessource=ark-dico-fr&amp;typePresentation=DIC">Dictionnaire de français</a></li>
        <li><a href="/gar/ressource?idRessource=ark-orientation&amp;typePresentation=ORI">Onisep — orientation</a></li>
        <li><a href="/gar/ressource?idRessource=ark-atlas&amp;typePresentation=ATL">Atlas (type de présentation inconnu du plan)</a></li>
        <li><a class="preview" href="/gar/ressource?idRessource=ark-manuel-maths-3e&amp;typePresentation=MAN">Aperçu du manuel</a> <span id="preview"></span></li>
      </ul>
      <p>Consultées récemment : <span id="recent"></span></p>
      <p>Vie scolaire : <button type="button" data-tool="pronote">Ouvrir Pronote</button></p>
      <p>Autres services : <a href="https://www.education.gouv.fr/" rel="external">education.gouv.fr</a></p>
      <script>
        // The page's own behaviours, which click tagging must leave as they are.
        document.querySelector("a.preview").addEventListener("click", function (event) {
          event.preventDefault();
          document.getElementById("preview").textContent = "(aperçu affiché dans la page)";
        });
        document.querySelector("button[data-tool=pronote]").addEventListener("click", function () {
          window.location.href = "/vie-scolaire/agenda";
        });
        window.addEventListener("load", function () {
          var link = document.createElement("a");
          link.href = "/gar/ressource?idRessource=ark-video-svt&typePresentation=MUL";
          link.textContent = "Vidéos de SVT";
          document.getElementById("recent").appendChild(link);
        });
      </script>`,
  },
  classroom: {
    title: "Classe",
    body: () => `      <h1>Classe de 3e B</h1>
      <p class="class-nav"><a href="#/devoirs/semaine-12">Devoirs</a> · <a href="#!/notes">Notes</a> ·
        <a href="/classe/trombinoscope" data-spa>Trombinoscope</a> · <a href="/classe" data-spa>Accueil de la classe</a></p>
      <section id="class-view"></section>
      <script>
        // A small single-page application: hash routes and one history route.
        (function () {
          var view = document.getElementById("class-view");
          function render() { view.textContent = "Vue : " + location.pathname + location.hash; }
          document.querySelectorAll("a[data-spa]").forEach(function (link) {
            link.addEventListener("click", function (event) {
              event.preventDefault();
              history.pushState(null, "", link.getAttribute("href"));
              render();
            });
          });
          window.addEventListener("popstate", render);
          window.addEventListener("hashchange", render);
          render();
        })();
      </script>`,
  },
  schoolLife: {
    title: "Vie scolaire",
    body: () =>
      `      <h1>Vie scolaire (Pronote)</h1><iframe title="Pronote" srcdoc="<p>Agenda de la vie scolaire</p>"></iframe>`,
  },
  canteen: {
    title: "Cantine",
    body: () => `      <h1>Cantine</h1><p>Menu de lundi : carottes râpées, poisson, riz.</p>`,
  },
  addressBook: {
    title: "Carnet d'adresses",
    body: () => `      <h1>Carnet d'adresses</h1><ul><li>Vie scolaire — poste 204</li></ul>`,
  },
  directory: {
    title: "Annuaire",
    body: (_account, params) =>
      `      <h1>Annuaire ${escapeHtml(params.rest ?? "")}</h1><p>26 élèves.</p>`,
  },
  settings: {
    title: "Paramètres",
    body: () =>
      `      <h1>Paramètres du compte</h1><form><label><input type="checkbox" checked> Notifications par courriel</label></form>`,
  },
};
