/**
 * The recording stand-in of SmartTag that `dnma-tag audit` runs tag scripts against,
 * as JavaScript source evaluated inside the sandbox (so that no object of ours is
 * reachable from page code). It records every call of the DNMA tag API, and offers
 * the little of a browser that tag scripts touch (window, document, location,
 * navigator, timers and load events, run once after the page's scripts).
 */

/** Source of the stand-in; exposes `__dnmaAudit.calls()` (JSON) and `__dnmaAudit.flush()`. */
export const STAND_IN_SOURCE = `(function (global) {
  "use strict";
  var calls = [];
  var deferred = [];
  var trackers = 0;
  var state = { script: -1 };

  function copy(value, depth) {
    if (value === null || typeof value !== "object") return typeof value === "function" ? "[function]" : value;
    if (depth > 3) return "[object]";
    var out = Array.isArray(value) ? [] : {};
    for (var key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) out[key] = copy(value[key], depth + 1);
    }
    return out;
  }

  function record(tracker, method, args) {
    var copied = [];
    for (var i = 0; i < args.length; i++) copied.push(copy(args[i], 0));
    calls.push({ tracker: tracker, script: state.script, method: method, args: copied });
  }

  function Tag(config) {
    var id = ++trackers;
    record(id, "Tag", [config]);
    this.setProps = function () { record(id, "setProps", arguments); };
    this.identifiedVisitor = { set: function () { record(id, "identifiedVisitor.set", arguments); } };
    this.page = { set: function () { record(id, "page.set", arguments); } };
    this.click = { send: function (options) { record(id, "click.send", [options && { name: options.name, type: options.type, level2: options.level2 }]); return true; } };
    this.dispatch = function () { record(id, "dispatch", []); };
  }

  function later(callback) {
    if (typeof callback === "function") deferred.push({ callback: callback, script: state.script });
    return deferred.length;
  }
  function listen(type, callback) {
    if (type === "load" || type === "DOMContentLoaded" || type === "readystatechange") later(callback);
  }
  function none() { return null; }

  global.window = global;
  global.self = global;
  global.ATInternet = { Tracker: { Tag: Tag } };
  global.addEventListener = listen;
  global.setTimeout = later;
  global.setInterval = later;
  global.requestAnimationFrame = later;
  global.clearTimeout = function () {};
  global.location = { href: "", pathname: "/", hostname: "", search: "", hash: "" };
  global.navigator = { userAgent: "dnma-tag-audit", sendBeacon: function () { return true; } };
  global.document = {
    readyState: "loading", cookie: "", title: "", referrer: "",
    addEventListener: listen, getElementById: none, querySelector: none,
    querySelectorAll: function () { return []; }, getElementsByTagName: function () { return []; },
    createElement: function () { return { style: {}, setAttribute: function () {}, appendChild: function () {} }; },
  };
  global.console = { log: function () {}, warn: function () {}, error: function () {}, info: function () {} };

  global.__dnmaAudit = {
    setScript: function (index) { state.script = index; },
    flush: function () {
      if (typeof global.onload === "function") later(global.onload);
      global.document.readyState = "complete";
      for (var round = 0; round < 3 && deferred.length > 0; round++) {
        var batch = deferred.splice(0, deferred.length);
        for (var i = 0; i < batch.length; i++) {
          state.script = batch[i].script;
          try { batch[i].callback(); } catch (err) { calls.push({ tracker: 0, script: state.script, method: "error", args: [String(err && err.message || err)] }); }
        }
      }
    },
    calls: function () { return JSON.stringify(calls); },
    describe: function (err) {
      try { return String(err && err.message !== undefined ? err.message : err); } catch (e) { return "unprintable error"; }
    },
  };
})(this);`;
