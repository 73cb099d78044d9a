/* stance report: sorting and filters for the grid, keyboard moves between statements.
   Everything it changes is also readable without it: the grid and highlights are plain HTML. */
(function () {
  "use strict";
  var doc = document;

  /* -- article view: n / p move between statements, the statement's speaker and cue light up -- */
  var marks = null;
  function allMarks() {
    if (!marks) { marks = Array.prototype.slice.call(doc.querySelectorAll("mark.st")); }
    return marks;
  }
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT");
  }
  doc.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (typing(e.target)) {
      if (e.key === "Escape") { e.target.blur(); }
      return;
    }
    if (e.key === "n" || e.key === "p") {
      var list = allMarks();
      if (!list.length) { return; }
      var here = doc.activeElement && doc.activeElement.closest ? doc.activeElement.closest("mark.st") : null;
      var i = list.indexOf(here);
      var j = e.key === "n" ? (i + 1) % list.length : (i <= 0 ? list.length - 1 : i - 1);
      list[j].focus();
      list[j].scrollIntoView({block: "center"});
      e.preventDefault();
    } else if (e.key === "/") {
      var box = doc.getElementById("f-speaker");
      if (box) { box.focus(); e.preventDefault(); }
    }
  });
  function light(e, on) {
    var mark = e.target && e.target.closest ? e.target.closest("mark.st") : null;
    if (!mark) { return; }
    var keys = (mark.getAttribute("data-q") || mark.id.replace("-q", "-")).split(" ");
    var art = mark.closest("section.article") || doc;
    keys.forEach(function (k) {
      if (!k) { return; }
      art.querySelectorAll('[data-of~="' + k + '"]').forEach(function (el) { el.classList.toggle("lit", on); });
    });
  }
  doc.addEventListener("mouseover", function (e) { light(e, true); });
  doc.addEventListener("mouseout", function (e) { light(e, false); });
  doc.addEventListener("focusin", function (e) { light(e, true); });
  doc.addEventListener("focusout", function (e) { light(e, false); });

  /* -- corpus view: filters by topic, speaker and date; sorting by column -- */
  var grid = doc.getElementById("grid");
  var dataEl = doc.getElementById("stance-data");
  if (!grid || !dataEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var body = grid.querySelector(".gb");
  var head = grid.querySelector(".gh");
  var rows = Array.prototype.slice.call(body.children);
  var bar = doc.getElementById("filters");
  bar.hidden = false;
  var fSpeaker = doc.getElementById("f-speaker");
  var fFrom = doc.getElementById("f-from");
  var fTo = doc.getElementById("f-to");
  var status = doc.getElementById("f-status");
  var topic = "";
  var topicNames = {};
  Array.prototype.forEach.call(head.querySelectorAll("[data-t]"), function (th) {
    topicNames[th.getAttribute("data-t")] = th.textContent;
  });
  var shapes = {favor: "\u25B2", against: "\u25BC", none: "\u25CF"};

  function cellState(td) {
    var a = td.querySelector("a");
    return {cls: td.className, n: td.getAttribute("data-n") || "0", net: td.getAttribute("data-net") || "",
            title: a ? a.getAttribute("title") : null,
            netText: a ? a.querySelector(".net").textContent : null,
            cntText: a ? a.querySelector(".cnt").textContent : null};
  }
  var original = null;  /* the grid as rendered, kept the first time a date filter changes it */
  function snapshot() {
    if (!original) {
      original = rows.map(function (r) {
        return {n: r.getAttribute("data-n"), cells: Array.prototype.map.call(r.querySelectorAll("[data-t]"), cellState)};
      });
    }
  }

  function restore() {
    if (!original) { return; }
    rows.forEach(function (r, i) {
      r.setAttribute("data-n", original[i].n);
      r.querySelector(".tot").textContent = original[i].n;
      Array.prototype.forEach.call(r.querySelectorAll("[data-t]"), function (td, j) {
        var s = original[i].cells[j];
        td.className = s.cls;
        td.setAttribute("data-n", s.n);
        td.setAttribute("data-net", s.net);
        var a = td.querySelector("a");
        if (a) {
          a.setAttribute("title", s.title);
          a.querySelector(".net").textContent = s.netText;
          a.querySelector(".cnt").textContent = s.cntText;
        }
      });
    });
  }

  function bin(net) {
    return net === null ? "bna" : "b" + Math.max(-5, Math.min(5, Math.round(net * 5)));
  }

  /* Counts and net positions from the statements dated within [from, to]. */
  function recount(from, to) {
    snapshot();
    var acc = {};
    data.s.forEach(function (st) {
      var when = st[2] === null ? null : data.dates[st[2]];
      if (when === null || (from && when < from) || (to && when > to)) { return; }
      var key = st[0] + ":" + st[1];
      var c = acc[key] || (acc[key] = {n: 0, favor: 0, against: 0, none: 0, sum: 0, k: 0});
      c.n += 1;
      c[data.stances[st[4]]] += 1;
      if (st[3] !== null) { c.sum += st[3]; c.k += 1; }
    });
    rows.forEach(function (r) {
      var sp = r.getAttribute("data-s");
      var total = 0;
      Array.prototype.forEach.call(r.querySelectorAll("[data-t]"), function (td) {
        var c = acc[sp + ":" + td.getAttribute("data-t")];
        var a = td.querySelector("a");
        var n = c ? c.n : 0;
        total += n;
        td.setAttribute("data-n", n);
        if (!a) { return; }
        var net = c && c.k ? c.sum / c.k : null;
        td.setAttribute("data-net", net === null ? "" : net.toFixed(3));
        td.className = n ? "cell " + bin(net) : "cell gone";
        a.querySelector(".net").textContent = n ? (net === null ? "n/a" : (net >= 0 ? "+" : "\u2212") + Math.abs(net).toFixed(2)) : "";
        a.querySelector(".cnt").textContent = n ? c.favor + shapes.favor + " " + c.against + shapes.against + " " + c.none + shapes.none : "";
        a.setAttribute("title", r.getAttribute("data-name") + ", " + topicNames[td.getAttribute("data-t")] + ": " + n +
          " statements in the dates chosen" + (net === null ? "" : ", net " + net.toFixed(2)));
      });
      r.setAttribute("data-n", total);
      r.querySelector(".tot").textContent = total;
    });
  }

  function apply() {
    var from = fFrom ? fFrom.value : "";
    var to = fTo ? fTo.value : "";
    if (from || to) { recount(from, to); } else { restore(); }
    var needle = fSpeaker.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var ok = Number(r.getAttribute("data-n")) > 0;
      if (ok && needle) { ok = r.getAttribute("data-name").toLowerCase().indexOf(needle) >= 0; }
      if (ok && topic) {
        ok = Number(r.querySelector('[data-t="' + topic + '"]').getAttribute("data-n")) > 0;
      }
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    Array.prototype.forEach.call(grid.querySelectorAll("[data-t]"), function (el) {
      el.hidden = !!topic && el.getAttribute("data-t") !== topic;
    });
    status.textContent = shown + " of " + rows.length + " speakers shown";
  }

  Array.prototype.forEach.call(bar.querySelectorAll("button[data-topic]"), function (b) {
    b.addEventListener("click", function () {
      topic = b.getAttribute("data-topic");
      Array.prototype.forEach.call(bar.querySelectorAll("button[data-topic]"), function (o) {
        o.setAttribute("aria-pressed", o === b ? "true" : "false");
      });
      apply();
    });
  });
  fSpeaker.addEventListener("input", apply);
  if (fFrom) { fFrom.addEventListener("change", apply); }
  if (fTo) { fTo.addEventListener("change", apply); }

  /* Sorting: click a column heading; again to reverse. Empty cells sort last. */
  function sortBy(th, key) {
    var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
    Array.prototype.forEach.call(head.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    function value(r) {
      if (key === "speaker") { return r.getAttribute("data-name").toLowerCase(); }
      if (key === "n") { return Number(r.getAttribute("data-n")); }
      var td = r.querySelector('[data-t="' + key + '"]');
      var v = td.getAttribute("data-net");
      if (!v) { return Number(td.getAttribute("data-n")) > 0 ? 0 : null; }
      return Number(v);
    }
    var keyed = rows.map(function (r, i) { return {r: r, v: value(r), i: i}; });
    keyed.sort(function (x, y) {
      if (x.v === null || y.v === null) { return (x.v === null) - (y.v === null) || x.i - y.i; }
      if (x.v < y.v) { return -sign; }
      if (x.v > y.v) { return sign; }
      return x.i - y.i;
    });
    var frag = doc.createDocumentFragment();
    keyed.forEach(function (k) { frag.appendChild(k.r); });
    body.appendChild(frag);
  }
  Array.prototype.forEach.call(head.children, function (th) {
    var key = th.getAttribute("data-sort");
    if (!key) { return; }
    var b = doc.createElement("button");
    b.type = "button";
    b.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(b);
    b.addEventListener("click", function () { sortBy(th, key); });
  });
  status.textContent = rows.length + " speakers";
}());
