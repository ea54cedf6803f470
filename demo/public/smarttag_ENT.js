/*
 * DEVELOPMENT STAND-IN for smarttag_ENT.js. This is NOT AT Internet's SmartTag library
 * and sends nothing to any collector. It implements the calls the DNMA tag makes
 * (Tracker.Tag, setProps, identifiedVisitor.set, page.set, click.send, dispatch),
 * builds the hit the real library would send, records every call in
 * window.__dnmaCalls and every hit in window.__dnmaHits, shows them on the page and
 * posts them to the demo server's /__dnma/hits, which logs them.
 * In production the ENT serves the real smarttag_ENT.js at the plan's loader path.
 */
(function () {
  "use strict";
  var calls = (window.__dnmaCalls = window.__dnmaCalls || []);
  var hits = (window.__dnmaHits = window.__dnmaHits || []);
  var CLICK_CODES = { navigation: "N", download: "T", action: "A" };

  function record(method, args) {
    calls.push({ method: method, args: JSON.parse(JSON.stringify(args === undefined ? null : args)) });
  }

  function copy(target, source) {
    for (var key in source) if (Object.prototype.hasOwnProperty.call(source, key)) target[key] = source[key];
    return target;
  }

  function Tag(config) {
    var tag = this;
    record("Tag", config);
    this.site = config && config.site !== undefined ? String(config.site) : "365203";
    this.persistentProps = {};
    this.nextProps = {};
    this.visitor = null;
    this.pageValues = null;
    this.identifiedVisitor = {
      set: function (visitor) {
        record("identifiedVisitor.set", visitor);
        tag.visitor = visitor;
      },
    };
    this.page = {
      set: function (values) {
        record("page.set", values);
        tag.pageValues = values;
      },
    };
    this.click = {
      send: function (options) {
        record("click.send", { name: options.name, type: options.type, level2: options.level2, hasElem: !!options.elem });
        return tag.sendClick(options);
      },
    };
  }

  Tag.prototype.setProps = function (props, persistent) {
    record("setProps", { props: props, persistent: persistent });
    copy(persistent ? this.persistentProps : this.nextProps, props);
  };

  Tag.prototype.dispatch = function () {
    record("dispatch", null);
    if (!this.pageValues) return;
    var values = this.pageValues;
    var chapters = [values.chapter1, values.chapter2, values.chapter3].filter(Boolean);
    this.send({ kind: "page", p: chapters.concat(values.name).join("::"), s2: values.level2 });
  };

  Tag.prototype.sendClick = function (options) {
    var chapters = [options.chapter1, options.chapter2, options.chapter3].filter(Boolean);
    var params = { kind: "click", click: CLICK_CODES[options.type] || "A", p: chapters.concat(options.name).join("::"), s2: options.level2 };
    var useBeacon = typeof navigator.sendBeacon === "function";
    this.send(params, useBeacon);
    if (useBeacon || !options.elem || !options.elem.href) return true;
    var href = options.elem.href;
    setTimeout(function () { window.location.href = href; }, 100);
    return false;
  };

  Tag.prototype.send = function (params, useBeacon) {
    var props = copy(copy({}, this.persistentProps), this.nextProps);
    this.nextProps = {};
    var query = ["s=" + this.site];
    if (params.click) query.push("click=" + params.click);
    query.push("p=" + params.p, "s2=" + params.s2);
    for (var key in props) query.push(key.toLowerCase() + "=" + encodeURIComponent(props[key]));
    if (this.visitor) {
      query.push((typeof this.visitor.id === "number" ? "an=" : "at=") + this.visitor.id);
      query.push("ac=" + this.visitor.category);
    }
    var hit = { kind: params.kind, url: "https://collector.invalid/hit.xiti?" + query.join("&"), props: props, p: params.p, s2: params.s2, site: this.site, click: params.click };
    hits.push(hit);
    show(hit);
    var body = JSON.stringify(hit);
    if (useBeacon) navigator.sendBeacon("/__dnma/hits", body);
    else fetch("/__dnma/hits", { method: "POST", body: body, keepalive: true }).catch(function () {});
  };

  function show(hit) {
    var render = function () {
      var panel = document.getElementById("dnma-stand-in");
      if (!panel) {
        panel = document.createElement("aside");
        panel.id = "dnma-stand-in";
        panel.innerHTML = "<strong>smarttag_ENT.js — development stand-in</strong><p>Hits the real library would send:</p><ol></ol>";
        document.body.appendChild(panel);
      }
      var item = document.createElement("li");
      var props = hit.props;
      item.textContent = (hit.click ? "click " + hit.click : "page") + " · site " + hit.site + " · " + hit.p + " · SERVICE " + props.SERVICE + " · OUTIL " + props.OUTIL + " · TYPE " + props.TYPE + " · PROFIL " + props.PROFIL + " · UAI " + hit.s2;
      item.title = hit.url;
      panel.querySelector("ol").appendChild(item);
    };
    if (document.body) render();
    else document.addEventListener("DOMContentLoaded", render);
  }

  window.ATInternet = { Tracker: { Tag: Tag } };
})();
