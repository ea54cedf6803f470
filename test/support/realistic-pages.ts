/**
 * Pages shaped like real ENT output, with the traps injectors fall into: markers in
 * scripts, comments and attributes, inline SVG, tables, templates, trailing comments,
 * legacy markup without head or body, non-UTF-8 bytes.
 */

const ENT_PAGE = `<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Cahier de textes — 3e B</title>
  <link rel="stylesheet" href="/assets/app.css">
  <script>
    window.config = { closing: "</head>", footer: '</body></html>' };
    // a comment mentioning </body>
  </script>
  <style>.icon::after { content: "</body>"; }</style>
  <!--[if IE]><script src="/ie.js"></script><![endif]-->
</head>
<body class="ent">
  <header><svg class="logo" viewBox="0 0 10 10"><title>ENT</title><path d="M0 0h10v10H0z"/><![CDATA[ </body> ]]></svg></header>
  <nav><ul><li><a href="/notes?eleve=1&amp;periode=2">Notes</a></li><li><a href="/cdt" title="</body>">CDT</a></li></ul></nav>
  <main>
    <table class="devoirs"><thead><tr><th>Matière</th><th>Pour le</th></tr></thead>
      <tbody><tr><td>Français</td><td><textarea name="n"></body></html></textarea></td></tr></tbody>
    </table>
    <template id="row"><tr><td></td></tr></body></template>
    <noscript><p>JavaScript est désactivé.</p></body></noscript>
    <select name="periode"><option>T1<option selected>T2</select>
    <script type="application/json" id="data">{"html": "</body></html>", "n": 3}</script>
    <script>var banner = "<!-- </body> -->"; var x = "</body>";</script>
  </main>
  <footer>© Région — <b>ENT</b></footer>
</body>
</html>
<!-- rendered in 12 ms -->
`;

const LEGACY_PAGE = `<HTML>
<TITLE>Vie scolaire</TITLE>
<FONT face="Arial"><P>Absences du jour
<P>Retards : <B>2</B>
<TABLE border=1><TR><TD>Dupont<TD>08:05</TABLE>
<SCRIPT language="JavaScript">if (a < b && c > d) document.write('</BODY>')</SCRIPT>
</BODY>
</HTML>
`;

const FRAMES_OF_CONTENT = `<!DOCTYPE html><html><head><title>Messagerie</title></head><body>
${Array.from({ length: 60 }, (_, index) => `<div class="msg" data-id="${index}"><p>Message ${index} : « bonjour » </p><!-- id ${index} --></div>`).join("\n")}
</body></html>`;

const WINDOWS_1252_PAGE = Buffer.concat([
  Buffer.from(
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>',
  ),
  Buffer.from([
    0x52, 0xe9, 0x73, 0x75, 0x6c, 0x74, 0x61, 0x74, 0x73, 0x20, 0x80, 0x20, 0x93, 0x96, 0x94,
  ]),
  Buffer.from("</title></head><body><p>\xe9l\xe8ve \x85</p></body></html>", "latin1"),
]);

/** Each page as bytes, with a name. */
export const REALISTIC_PAGES: { name: string; bytes: Buffer }[] = [
  { name: "an ENT page full of traps", bytes: Buffer.from(ENT_PAGE) },
  {
    name: "the same with a UTF-8 BOM",
    bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ENT_PAGE)]),
  },
  { name: "a legacy page without head or body tags", bytes: Buffer.from(LEGACY_PAGE) },
  { name: "a long list of messages", bytes: Buffer.from(FRAMES_OF_CONTENT) },
  { name: "a windows-1252 page", bytes: WINDOWS_1252_PAGE },
];
