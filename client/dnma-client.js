// The page side of dnma-tag's click tagging and SPA tracking, inlined in the tag script
// (src/clicks/client-script.ts strips these comments and the indentation).
//   dnmaClient(C, T, U, W): C = the compact plan (client-config.ts), T = the ATTag
//   tracker, U = the UAI (level2), W = window. Returns its two matchers, for tests.
// It never calls preventDefault, never navigates and never rewrites a link: the page and
// the browser keep every click's behaviour; a failure here only loses a hit.
// Keep it ES5 and free of the sequences that would end a script element.
function dnmaClient(C, T, U, W) {
  var D = W.document;
  var L = W.location;
  var N = W.navigator;
  var CLICKABLE =
    "a[href],area[href],button,input[type=submit],input[type=image],input[type=button],[role=link],[role=button]";
  var queue = [];
  var last;
  var lastPath;

  // Same as sanitizeLabel() and renderTemplate() on the server.
  function clean(value) {
    if (value.indexOf("%") !== -1) {
      try {
        value = decodeURIComponent(value);
      } catch (err) {}
    }
    return value
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9_.~-]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 64);
  }

  function fill(template, params) {
    return template
      .replace(/\{([^{}]*)\}/g, function (all, name) {
        return clean(has(params, name) ? params[name] : "");
      })
      .slice(0, 64);
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function hostMatches(hosts, host) {
    for (var i = 0; i !== hosts.length; i++) {
      var expected = hosts[i];
      if (
        expected.charAt(0) === "." ? host.slice(-expected.length) === expected : host === expected
      )
        return true;
    }
    return false;
  }

  function queryMatches(expected, search, params) {
    var query = new W.URLSearchParams(search);
    for (var i = 0; i !== expected.length; i++) {
      var actual = query.get(expected[i][0]);
      if (actual === null || (expected[i][1] !== "*" && actual !== expected[i][1])) return false;
      if (params) params[expected[i][0]] = actual;
    }
    return true;
  }

  function capture(source, names, text, params) {
    var match = new RegExp(source).exec(text);
    if (!match) return false;
    for (var i = 0; names && i !== names.length; i++) params[names[i]] = match[i + 1] || "";
    return true;
  }

  function extension(path) {
    var file = path.slice(path.lastIndexOf("/") + 1);
    var dot = file.lastIndexOf(".");
    return dot > 0 ? file.slice(dot + 1).toLowerCase() : "";
  }

  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (err) {
      return text;
    }
  }

  // Clicks: the same decisions as describeClick() on the server.
  function targetUrl(el) {
    var href = el.getAttribute("href");
    // Note: formAction and form.action would give the page's URL for a missing attribute,
    // and a field named "action" shadows form.action; the attributes say what the form does.
    // Limitation: the fields a GET form adds to its action are not part of the target.
    if (href === null && el.form && (el.type === "submit" || el.type === "image")) {
      href = el.getAttribute("formaction") || el.form.getAttribute("action") || L.href;
    }
    if (href === null) return null;
    try {
      var url = new W.URL(href, D.baseURI);
      return /^https?:$/.test(url.protocol) ? url : null;
    } catch (err) {
      return null;
    }
  }

  function describeClick(el, pageHost) {
    var url = targetUrl(el);
    for (var i = 0; i !== C.r.length; i++) {
      var rule = C.r[i];
      var params = {};
      if (rule.c && !el.matches(rule.c)) continue;
      if (url) {
        var external = url.hostname !== pageHost;
        if (rule.x !== undefined && rule.x !== external) continue;
        if (rule.h && !hostMatches(rule.h, url.hostname)) continue;
        params.host = url.hostname;
        if (rule.q && !queryMatches(rule.q, url.search, params)) continue;
        if (rule.p && !capture(rule.p, rule.pn, url.pathname, params)) continue;
      } else if (rule.x !== undefined || rule.h || rule.q || rule.p) {
        continue;
      }
      return fillClick(rule, el, url, params, external);
    }
    return null;
  }

  function fillClick(rule, el, url, params, external) {
    var service = rule.s;
    var code;
    if (rule.g) {
      var source = rule.g[0];
      var raw =
        source === "query"
          ? url && url.searchParams.get(rule.g[1])
          : source === "attribute"
            ? el.getAttribute(rule.g[1])
            : decode(params[rule.g[1]] || "");
      code = (raw || "").trim().toUpperCase();
      params.code = code;
      service = has(C.G, code) ? C.G[code] : rule.g[2];
    }
    var hit =
      rule.k ||
      (!url
        ? "action"
        : el.hasAttribute("download") || C.x.indexOf(extension(url.pathname)) !== -1
          ? "download"
          : "navigation");
    return {
      rule: rule.i,
      service: service,
      outil: rule.o,
      type: rule.t || (url && external ? "TIERS" : rule.d),
      hit: hit,
      name: fill(rule.n, params) || rule.i,
      chapters: (rule.ch || []).map(function (chapter) {
        return fill(chapter, params);
      }),
      garCode: code,
      isUnknownGarCode: rule.g ? !has(C.G, code) : false,
      isCountedWhenPrevented: !!rule.e,
    };
  }

  function sendClick(el, event) {
    var click = describeClick(el, L.hostname);
    if (!click || (event.defaultPrevented && !click.isCountedWhenPrevented)) return;

    var options = { name: click.name, type: click.hit, level2: U };
    for (var i = 0; i !== click.chapters.length; i++)
      options["chapter" + (i + 1)] = click.chapters[i];
    // Note: with sendBeacon, SmartTag sends a beacon, returns true and leaves the link to
    // the browser. Without it, given elem, it returns false (for an onclick attribute to
    // cancel the click) and navigates itself a moment later; nobody cancels a delegated
    // click, so the page would load twice. Hence elem only with sendBeacon; never our own
    // preventDefault.
    if (typeof N.sendBeacon === "function" && !event.defaultPrevented) options.elem = el;
    try {
      T.setProps({ SERVICE: click.service, OUTIL: click.outil, TYPE: click.type }, false);
      T.click.send(options);
    } catch (err) {}
    if (click.isUnknownGarCode && C.R && typeof N.sendBeacon === "function") {
      N.sendBeacon(
        C.R +
          "?rule=" +
          encodeURIComponent(click.rule) +
          "&gar=" +
          encodeURIComponent(click.garCode),
      );
    }
  }

  // Capture on window sees every click, even one a page handler stops; the bubble pass
  // sends it once defaultPrevented is final, or for a stopped click the next task, or
  // pagehide when the navigation it started unloads the page first.
  function onClick(event) {
    if (event.type === "auxclick" ? event.button !== 1 : event.button !== 0) return;
    if (event.eventPhase === 1) {
      var start = (event.composedPath && event.composedPath()[0]) || event.target;
      var el =
        start && start.closest
          ? start.closest(CLICKABLE)
          : start && start.parentElement && start.parentElement.closest(CLICKABLE);
      if (!el) return;
      queue.push({ el: el, event: event });
      W.setTimeout(flush, 0);
      return;
    }
    flush(event);
  }

  function flush(only) {
    var pending = queue;
    queue = [];
    for (var i = 0; i !== pending.length; i++) {
      if (only && pending[i].event !== only) queue.push(pending[i]);
      else sendClick(pending[i].el, pending[i].event);
    }
  }

  // SPA: the same decisions as resolvePage() on the server, plus hash routes.
  function route(hash) {
    var path = hash.replace(/^#!?/, "");
    return path.charAt(0) === "/" ? path : "";
  }

  function resolvePage(url) {
    var S = C.S;
    var path = url.pathname;
    for (var n = 0; n !== S.n.length; n++) if (new RegExp(S.n[n]).test(path)) return null;
    if (S.e.indexOf(extension(path)) !== -1) return null;
    for (var i = 0; i !== S.r.length; i++) {
      var rule = S.r[i];
      var params = {};
      if (rule.h && !hostMatches(rule.h, url.hostname.toLowerCase())) continue;
      if (rule.q && !queryMatches(rule.q, url.search)) continue;
      if (!capture(rule.p, rule.pn, path, params)) continue;
      if (rule.a && !capture(rule.a, rule.an, route(url.hash), params)) continue;
      return fillPage(rule, params);
    }
    return S.f ? fillPage(S.f, {}) : null;
  }

  function fillPage(rule, params) {
    var chapters = (rule.ch || []).map(function (chapter) {
      return fill(chapter, params);
    });
    var S = C.S;
    return {
      service: rule.s,
      outil: rule.o || S.o,
      type: rule.t || S.t,
      name: fill(rule.n, params) || rule.i,
      chapters: chapters,
    };
  }

  function routeKey() {
    return L.pathname + L.search + "#" + route(L.hash);
  }

  function setPage(page) {
    var values = { name: page.name, level2: U };
    for (var i = 0; i !== page.chapters.length; i++) values["chapter" + (i + 1)] = page.chapters[i];
    T.setProps({ SERVICE: page.service, TYPE: page.type, OUTIL: page.outil }, true);
    T.page.set(values);
  }

  function onRoute() {
    var key = routeKey();
    // An anchor (#top) on the same page is a scroll within the view, not a new one.
    var isAnchor = L.hash.length > 1 && !route(L.hash);
    if (key === last || (isAnchor && L.pathname + L.search === lastPath)) return;
    last = key;
    lastPath = L.pathname + L.search;
    var page = resolvePage(L);
    if (!page) return;
    try {
      setPage(page);
      T.dispatch();
    } catch (err) {}
  }

  // Limitation: an SPA that kept a reference to pushState from before the tag ran
  // calls the original, and its navigations are not followed.
  function wrapHistory(method, after) {
    var original = W.history[method];
    if (typeof original !== "function") return;
    W.history[method] = function () {
      var result = original.apply(this, arguments);
      after();
      return result;
    };
  }

  function startSpa() {
    last = routeKey();
    lastPath = L.pathname + L.search;
    // The server never sees the fragment: on a hash route, the page hit about to be
    // dispatched takes the values the browser resolves.
    if (route(L.hash)) {
      var page = resolvePage(L);
      if (page) setPage(page);
    }
    W.addEventListener("popstate", onRoute);
    W.addEventListener("hashchange", onRoute);
    wrapHistory("pushState", onRoute);
    // replaceState edits the current entry (redirects, state): not a new view.
    wrapHistory("replaceState", function () {
      last = routeKey();
      lastPath = L.pathname + L.search;
    });
  }

  if (
    !W.URL ||
    !W.URLSearchParams ||
    !D.addEventListener ||
    !W.Element ||
    !W.Element.prototype.closest
  )
    return {};
  if (C.r) {
    W.addEventListener("click", onClick, true);
    W.addEventListener("click", onClick, false);
    W.addEventListener("auxclick", onClick, true);
    W.addEventListener("auxclick", onClick, false);
    W.addEventListener("pagehide", function () {
      flush();
    });
  }
  if (C.S) startSpa();
  return { describeClick: describeClick, resolvePage: resolvePage };
}
