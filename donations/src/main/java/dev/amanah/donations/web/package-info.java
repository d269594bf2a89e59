/**
 * The web pages the service serves: the live dashboard (campaigns, feed, chart), the process view
 * (the BEAM observer's supervision tree and top processes), the zakat calculator and the staff
 * pages. Server-rendered HTML; live updates are server-sent events fed by the runtime's PubSub;
 * the only library the browser loads is Chart.js, from its WebJar. {@link dev.amanah.donations.web.WebApp}
 * assembles it.
 */
package dev.amanah.donations.web;
