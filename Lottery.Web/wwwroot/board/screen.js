// The kiosk screen: joins the activity's group on /hubs/board with the token from the link's #fragment (or the
// signed-in staff session) and redraws on every coalesced snapshot, each one the screen's reveal delay after it came
// (data-reveal-ms: the player's wheel is still spinning meanwhile). Reconnects by itself; shows why when it cannot.
// Snapshots arrive in order from whichever node feeds the activity's screens (through the SignalR backplane when the
// app runs on several nodes, docs/decisions/016); the Join answer comes from the node this screen is connected to, so
// their sequence numbers are not comparable: the Join answer is shown only if no snapshot overtook it.
"use strict";
(function () {
  const activityId = document.body.dataset.activity;
  // Updates are held this long before they are shown (in order): the player's wheel is still spinning meanwhile.
  const revealMs = Number(document.body.dataset.revealMs) || 0;
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  const $ = (id) => document.getElementById(id);
  const fmt = new Intl.NumberFormat("en-US");
  // Times in the screen's own time zone, like the staff board (the viewer's zone).
  const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  const minute = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false });
  // Below this share of its stock a prize is running low (BoardView.LowShare).
  const lowShare = 0.2;
  const statusWords = { running: "Running", open: "Open", paused: "Paused", ended: "Ended", cancelled: "Cancelled", drawn: "Drawn", drawing: "Drawing", published: "Published" };
  let received = 0; // snapshot messages so far

  function text(el, value) { if (el.textContent !== value) el.textContent = value; }

  function say(message) {
    const el = $("message");
    el.hidden = !message;
    text(el, message || "");
  }

  function render(s) {
    if (!s) return;
    document.body.dataset.state = "live";
    say("");
    text($("name"), s.name);
    document.title = s.name + " · Live board";
    const status = $("status");
    text(status, statusWords[s.status.toLowerCase()] || s.status);
    status.className = "status status-" + s.status.toLowerCase();
    text($("draws"), fmt.format(s.draws));
    text($("wins"), fmt.format(s.wins));
    text($("players"), fmt.format(s.players));
    text($("conversion"), (s.conversion * 100).toFixed(1) + "%");

    const chart = $("chart");
    const max = Math.max(1, ...s.perMinute.map((m) => m.draws));
    chart.replaceChildren(...s.perMinute.map((m) => {
      const bar = document.createElement("span");
      bar.className = "bar";
      bar.style.height = (100 * m.draws / max) + "%";
      bar.title = minute.format(new Date(m.minute)) + ": " + m.draws + " draws, " + m.wins + " wins";
      const won = document.createElement("span");
      won.className = "won";
      won.style.height = m.draws ? (100 * m.wins / m.draws) + "%" : "0";
      bar.append(won);
      return bar;
    }));

    const feed = $("feed");
    if (s.latestWinners.length === 0) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "Winners appear here the moment they win.";
      feed.replaceChildren(li);
    } else {
      const known = new Set([...feed.children].map((li) => li.dataset.id));
      feed.replaceChildren(...s.latestWinners.map((w) => {
        const li = document.createElement("li");
        li.dataset.id = w.id;
        if (!known.has(w.id) && known.size > 0) li.className = "new";
        const who = document.createElement("span"); who.className = "who"; who.textContent = w.player;
        const what = document.createElement("span"); what.className = "what"; what.textContent = w.prize;
        const when = document.createElement("time"); when.dateTime = w.at; when.textContent = clock.format(new Date(w.at));
        li.append(who, what, when);
        return li;
      }));
    }

    $("prizes").replaceChildren(...s.prizes.map((p) => {
      const li = document.createElement("li");
      if (p.soldOut) li.className = "sold-out";
      else if (p.remaining < p.stock * lowShare) li.className = "low";
      const name = document.createElement("span"); name.className = "prize"; name.textContent = p.name;
      const left = document.createElement("span"); left.className = "left";
      left.textContent = p.soldOut ? "Sold out" : fmt.format(p.remaining) + " of " + fmt.format(p.stock) + " left";
      const track = document.createElement("span"); track.className = "track";
      const fill = document.createElement("span"); fill.className = "fill";
      fill.style.width = (p.stock ? 100 * p.remaining / p.stock : 0) + "%";
      track.append(fill);
      li.append(name, left, track);
      return li;
    }));
  }

  if (typeof signalR === "undefined") {
    say("The live connection library is missing from this server.");
    return;
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/board")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(30000, 1000 * (ctx.previousRetryCount + 1)) })
    .build();
  connection.on("snapshot", (s) => {
    received++;
    if (revealMs > 0) setTimeout(() => render(s), revealMs); else render(s);
  });
  connection.onreconnecting(() => { document.body.dataset.state = "reconnecting"; say("Reconnecting…"); });
  connection.onreconnected(() => join());
  connection.onclose(() => { document.body.dataset.state = "offline"; say("Disconnected. Reload the page to try again."); setTimeout(start, 5000); });

  async function join() {
    try {
      const before = received;
      const current = await connection.invoke("Join", activityId, token);
      if (received === before) render(current);
    } catch (e) {
      document.body.dataset.state = "denied";
      text($("name"), "Live board");
      say("This screen link is not valid (it may have expired). Ask a manager for a new one.");
    }
  }

  async function start() {
    try {
      await connection.start();
      await join();
    } catch (e) {
      say("Cannot reach the server; retrying…");
      setTimeout(start, 3000);
    }
  }

  start();
})();
