// The live dashboard: applies the server's fragments as server-sent events arrive. No polling.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  var chart = null;
  var series = { firstMinute: 0, donations: [] };
  var MINUTE = 60000;

  function fillBars(root) {
    root.querySelectorAll(".bar .fill").forEach(function (fill) { fill.style.width = fill.dataset.width + "%"; });
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function setStatus(text, live) {
    status.textContent = text;
    status.classList.toggle("live", live);
  }

  function labels() {
    return series.donations.map(function (_, i) {
      var d = new Date(series.firstMinute + i * MINUTE);
      return String(d.getUTCHours()).padStart(2, "0") + ":" + String(d.getUTCMinutes()).padStart(2, "0");
    });
  }

  function drawChart() {
    var canvas = document.getElementById("chart");
    if (!window.Chart || !canvas) { return; }
    if (!chart) {
      chart = new Chart(canvas, {
        type: "bar",
        data: { labels: labels(), datasets: [{ label: "donations", data: series.donations, backgroundColor: "#2fb37f", borderRadius: 4 }] },
        options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 10 } } } }
      });
    } else {
      chart.data.labels = labels();
      chart.data.datasets[0].data = series.donations;
      chart.update();
    }
  }

  function count(atMillis) {
    var minute = Math.floor(atMillis / MINUTE) * MINUTE;
    var index = (minute - series.firstMinute) / MINUTE;
    while (index >= series.donations.length) {           // the chart slides forward by whole minutes
      series.donations.push(0);
      if (series.donations.length > 30) { series.donations.shift(); series.firstMinute += MINUTE; index--; }
    }
    if (index >= 0) { series.donations[index]++; }
  }

  function snapshot(data) {
    var cards = document.getElementById("campaigns");
    cards.innerHTML = data.campaigns.length ? data.campaigns.join("") : "<p class=\"muted\">No active campaign yet.</p>";
    fillBars(cards);
    document.getElementById("feed").innerHTML = data.feed.join("");
    document.getElementById("summary").innerHTML = data.summary;
    series = data.series;
    drawChart();
  }

  function donation(data) {
    var feed = document.getElementById("feed");
    feed.insertBefore(fragment(data.feed), feed.firstChild);
    while (feed.children.length > 30) { feed.removeChild(feed.lastChild); }
    if (data.card) {
      var card = fragment(data.card);
      var old = document.getElementById(card.id);
      if (old) { old.replaceWith(card); } else { document.getElementById("campaigns").appendChild(card); }
      fillBars(card);
      card.classList.add("flash");
    }
    document.getElementById("summary").innerHTML = data.summary;
    if (data.kind === "donation") { count(data.at); drawChart(); }
  }

  // An EventSource reconnects by itself after a dropped connection, but gives up for good when an
  // answer is not a stream: a 503 when the server has http.maxEventStreams open already, or an
  // error page of a proxy. It cannot see the status, so any such answer is told as "not live" (the
  // figures would go stale without a word) and tried again with a new EventSource, waiting longer
  // each time (5 s doubling to 60 s, with some jitter so that viewers refused together do not
  // come back together). Opening the stream sends a fresh snapshot, so nothing missed is lost.
  var FIRST_RETRY = 5000, LAST_RETRY = 60000;
  var retry = FIRST_RETRY;

  function connect() {
    var source = new EventSource("/events/dashboard");
    source.addEventListener("open", function () { retry = FIRST_RETRY; setStatus("live", true); });
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) { setStatus("reconnecting…", false); return; }
      source.close();
      var wait = Math.round(retry * (0.8 + 0.4 * Math.random()));
      setStatus("not live: the server refused the live updates or cannot be reached, so these figures may be out of date;"
        + " trying again in " + Math.round(wait / 1000) + " s", false);
      retry = Math.min(retry * 2, LAST_RETRY);
      setTimeout(function () { setStatus("reconnecting…", false); connect(); }, wait);
    });
    source.addEventListener("snapshot", function (e) { snapshot(JSON.parse(e.data)); setStatus("live", true); });
    source.addEventListener("donation", function (e) { donation(JSON.parse(e.data)); });
  }

  fillBars(document);
  connect();
})();
