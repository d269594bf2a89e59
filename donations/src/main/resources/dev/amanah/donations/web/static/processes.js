// The process view: redraws the supervision tree and the top lists from each sampled snapshot.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  var previous = {};   // pid -> messages handled at the last sample, for the per-second rates
  var current = {};

  function rate(p) {
    if (p.handled === undefined || previous[p.pid] === undefined) { return 0; }
    return Math.max(0, p.handled - previous[p.pid]);
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function chip(label, value, cls) {
    var c = el("span", "chip " + (cls || ""), label + " " + value);
    return c;
  }

  function nodeLine(n) {
    var line = el("div", "node " + (n.status || "").replace(" ", "-"));
    line.dataset.pid = n.pid || "";
    line.dataset.id = n.id;
    if (n.handled !== undefined) { line.dataset.handled = n.handled; }
    line.appendChild(el("span", "dot " + (n.status === "running" ? "running" : "")));
    line.appendChild(el("span", "id", n.id));
    if (n.pid) { line.appendChild(el("span", "pid", n.pid)); }
    if (n.kind && n.kind !== "supervisor") { line.appendChild(el("span", "kind", n.kind)); }
    else if (n.type === "supervisor") { line.appendChild(el("span", "kind", "supervisor")); }
    if (n.name && n.name !== n.id) { line.appendChild(el("span", "pid", "as " + n.name)); }
    if (n.queue !== undefined) {
      current[n.pid] = n.handled;
      line.appendChild(chip("q", n.queue, "q"));
      line.appendChild(chip("h", n.handled));
      var perSecond = rate(n);
      if (perSecond > 0) { line.appendChild(el("span", "chip rate", "+" + perSecond + "/s")); }
      if (n.queue > 0) { line.classList.add("busy"); }
      line.title = "links " + n.links + " · monitors " + n.monitors + (n.trapExit ? " · traps exits" : "");
    } else {
      line.appendChild(el("span", "chip", n.status));
    }
    if (n.doing) { line.appendChild(el("span", "doing", n.doing)); }
    return line;
  }

  function tree(n) {
    var li = el("li");
    li.appendChild(nodeLine(n));
    if (n.children && n.children.length) {
      var ul = el("ul");
      n.children.forEach(function (c) { ul.appendChild(tree(c)); });
      if (n.childCount > n.children.length) {
        ul.appendChild(el("li", "more", "… and " + (n.childCount - n.children.length) + " more"));
      }
      li.appendChild(ul);
    }
    return li;
  }

  function rows(id, list, first, second, withRate) {
    var body = document.querySelector("#" + id + " tbody");
    body.innerHTML = "";
    list.forEach(function (p) {
      var tr = el("tr");
      var who = el("td");
      who.appendChild(el("span", "dot " + (p.status === "running" ? "running" : "")));
      who.appendChild(document.createTextNode(" " + (p.name || p.pid) + " "));
      if (p.name) { who.appendChild(el("span", "pid", p.pid)); }
      if (p.doing) { who.appendChild(el("div", "doing muted", p.doing)); }
      tr.appendChild(who);
      tr.appendChild(el("td", "num", String(p[first])));
      tr.appendChild(el("td", "num", String(p[second])));
      if (withRate) { tr.appendChild(el("td", "num", rate(p) > 0 ? "+" + rate(p) : "")); }
      body.appendChild(tr);
    });
  }

  function totals(t) {
    var box = document.getElementById("totals");
    box.innerHTML = "";
    [["processes", t.processes], ["in the tree", t.inTree], ["running now", t.running], ["messages queued", t.queued]]
      .forEach(function (pair) {
        var tile = el("div", "tile");
        tile.appendChild(el("span", "big", String(pair[1])));
        tile.appendChild(el("span", "", pair[0]));
        box.appendChild(tile);
      });
  }

  function notLive(text) {
    status.textContent = text;
    status.classList.remove("live");
  }

  // As on the dashboard (dashboard.js): an answer that is not a stream (a 503 when the server has
  // http.maxEventStreams open already) makes the EventSource give up for good, so the page says the
  // view is not live and tries again itself, 5 s doubling to 60 s, with jitter.
  var FIRST_RETRY = 5000, LAST_RETRY = 60000;
  var retry = FIRST_RETRY;

  function connect() {
    var source = new EventSource("/events/processes");
    source.addEventListener("open", function () { retry = FIRST_RETRY; });
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) { notLive("reconnecting…"); return; }
      source.close();
      var wait = Math.round(retry * (0.8 + 0.4 * Math.random()));
      notLive("not live: the server refused the live updates or cannot be reached, so this view may be out of date;"
        + " trying again in " + Math.round(wait / 1000) + " s");
      retry = Math.min(retry * 2, LAST_RETRY);
      setTimeout(function () { notLive("reconnecting…"); connect(); }, wait);
    });
    source.addEventListener("processes", update);
  }

  function update(e) {
    var data = JSON.parse(e.data);
    var root = document.getElementById("tree");
    root.innerHTML = "";
    current = {};
    root.appendChild(tree(data.tree));
    data.topHandled.forEach(function (p) { if (current[p.pid] === undefined) { current[p.pid] = p.handled; } });
    rows("top-queue", data.topQueue, "queue", "handled", false);
    rows("top-handled", data.topHandled, "handled", "queue", true);
    previous = current;
    totals(data.totals);
    status.textContent = "live";
    status.classList.add("live");
  }

  connect();
})();
