// The player pages' main script: a session cookie, the wheel, tasks, scheduled draws and My prizes. No framework; sign-in
// steps, proof of work and claim checks live in /js/play-*.js.
import { Wheel } from "./wheel.js";
import { withProofOfWork } from "/js/play-pow.js";
import { partnerFromUrl, partnerHandOff, partnerHeaders } from "../js/play-partner.js";
import { claimNotice } from "../js/play-claim-verify.js";
import { h } from "./dom.js";

const state = JSON.parse(document.getElementById("play-state").textContent);
const A = state.activity;
const T = state.text;
const $ = (id) => document.getElementById(id);
const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
// The e-mail sign-in (/js/play-email.js) loads only when needed: an activity for confirmed addresses shows its step
// until the player is one (the page waits for it before loading the player's view), and other scripts may open it.
const signedIn = A?.identity === "email" ? import("/js/play-email.js").then((m) => m.gate(A)).catch(() => null) : Promise.resolve();
window.LotteryEmailSignIn ??= { open: (options) => import("/js/play-email.js").then((m) => m.open(options)) };

// A count goes in {n}; "key" + "One" is the singular form where one exists (PlayText says the same).
function t(key, values = {}) {
  if (values.n === 1 && `${key}One` in T) key = `${key}One`;
  return (T[key] ?? key).replace(/\{(\w+)\}/g, (m, name) => (name in values ? values[name] : m));
}

class HttpError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code;
    this.retryAfter = retryAfter;
  }
}

async function api(method, url, body, headers = {}) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json", ...partnerHeaders(), ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(url, init);
  const data = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new HttpError(response.status, data, Number(response.headers.get("Retry-After")) || 1);
  return data;
}

/**
 * The public view with this player's fields; creates the guest session (HttpOnly cookie) on the first visit. An instant
 * activity's view tells remaining chances only to a known player, which doubles as the session check; a scheduled
 * one never does, so that page asks for the player's wins instead (401: no session yet).
 */
async function loadView() {
  await signedIn;
  if (A.kind !== "instant") {
    await ensureSession();
    return api("GET", `/api/activities/${A.id}`);
  }
  let view = await api("GET", `/api/activities/${A.id}`);
  if (typeof view.remainingChances !== "number") {
    await createSession();
    view = await api("GET", `/api/activities/${A.id}`);
  }
  return view;
}

function createSession() {
  if (A.identity === "partner") return Promise.resolve(); // partner players come from the host (play-partner.js)
  const source = new URLSearchParams(location.search).get("utm_source");
  const body = { activityId: A.id, ...(source ? { source } : {}) };
  return withProofOfWork(A.id, t("gettingReady"), (proof) => api("POST", "/api/player/sessions", { ...body, ...proof }));
}

let session = null;

function ensureSession() {
  session ??= checkSession().catch((e) => {
    session = null;
    throw e;
  });
  return session;
}

async function checkSession() {
  try {
    await api("GET", "/api/me/wins");
  } catch (e) {
    if (e.status !== 401) throw e;
    await createSession();
  }
}

function countdown(until, onDone) {
  const box = h("div", { class: "countdown", role: "timer" });
  const units = ["days", "hours", "minutes", "seconds"];
  const cells = units.map((u) => {
    const value = h("b", { text: "0" });
    box.append(h("span", {}, value, h("small", { text: t(u) })));
    return value;
  });
  const tick = () => {
    let s = Math.max(0, Math.floor((new Date(until) - Date.now()) / 1000));
    const parts = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60];
    parts.forEach((p, i) => (cells[i].textContent = String(p).padStart(i ? 2 : 1, "0")));
    if (s <= 0) {
      clearInterval(timer);
      onDone?.();
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
  return box;
}

function showState(kind, title, text, ...extra) {
  const box = $("state");
  box.hidden = false;
  box.dataset.state = kind;
  box.replaceChildren(...[title ? h("h2", { text: title }) : null, text ? h("p", { text }) : null, ...extra].filter(Boolean));
  document.querySelector(".stage")?.setAttribute("data-screen", kind);
}

function clearState() {
  const box = $("state");
  box.hidden = true;
  box.dataset.state = "";
  box.replaceChildren();
  const stage = document.querySelector(".stage");
  stage?.removeAttribute("data-screen");
  stage?.removeAttribute("data-final");
}

function announce(text) {
  const live = $("announce");
  if (!live) return;
  live.textContent = "";
  setTimeout(() => (live.textContent = text), 50);
}

// ---------- the instant wheel ----------

// Refusals that no retry fixes now: the organiser's block list, or too many new guest sessions from this network.
function refusalOf(e) {
  if (e.code === "player-blocked") return ["blocked", t("blockedTitle"), t("blockedText")];
  if (e.code === "too-many-attempts") {
    return ["rate-limited", t("rateLimitedTitle"), t("tooManySessionsText", { m: Math.max(1, Math.ceil((e.retryAfter || 60) / 60)) })];
  }
  return null;
}

function instantPage() {
  const spin = $("spin");
  const chances = $("chances");
  const wheel = new Wheel($("wheel"), A.segments, (s) => (s.prizeId ? s.label : t("tryAgainSegment")));
  const dialog = $("result");
  let remaining = null;
  let busy = false;
  let blocked = false;
  let pendingKey = null;

  function setRemaining(n) {
    remaining = n;
    chances.textContent = t("chancesLeft", { n });
    chances.dataset.remaining = String(n);
  }

  function updateSpin() {
    spin.disabled = busy || blocked || remaining === null || remaining <= 0;
  }

  // Won as many prizes as the activity allows: chances may be left, but every draw would be refused. Say so instead of
  // a spin count, keep Spin disabled with the reason beside it, and offer no tasks (more spins could not be used).
  function winLimit() {
    blocked = true;
    chances.textContent = t("winLimitChances");
    chances.dataset.winLimit = "";
    spin.setAttribute("aria-describedby", "state");
    show("win-limit", t("winLimitTitle"), t("winLimitText"));
    updateSpin();
  }

  function noChances() {
    blocked = true;
    const hasTasks = A.tasks.length > 0;
    show("no-chances", t("noChancesTitle"), t(hasTasks ? "noChancesText" : "noChancesNoTasks"));
    updateSpin();
  }

  // The states where nothing is left to win: no spin count or Spin button (play.css), no invitation to earn spins.
  const FINAL_STATES = ["sold-out", "cancelled", "ended"];

  function show(kind, ...rest) {
    showState(kind, ...rest);
    const final = FINAL_STATES.includes(kind);
    document.querySelector(".stage")?.toggleAttribute("data-final", final);
    if (final || kind === "win-limit") document.getElementById("tasks-title")?.closest("section")?.setAttribute("hidden", "");
  }

  function byStatus(view) {
    blocked = true;
    if (view.drawsStopped && view.status === "Running") {
      show("paused", t("pausedTitle"), t("pausedText")); // the brand's or the platform's stop-loss
    } else if (view.status === "Running" && view.soldOut) {
      show("sold-out", t("soldOutTitle"), t("soldOutText"));
    } else if (view.status === "Running" && view.nextPrizesAt) {
      // This time slot's prizes are gone; the next slot releases more (spinning now could only miss).
      const when = new Date(view.nextPrizesAt).toLocaleTimeString(state.lang, { hour: "2-digit", minute: "2-digit" });
      show("next-prizes", t("nextPrizesTitle"), t("nextPrizesText", { when }),
        countdown(view.nextPrizesAt, () => setTimeout(refresh, 1500)));
    } else if (view.status === "Running") {
      blocked = false;
      clearState();
      if (view.winLimitReached) winLimit();
      else if (view.remainingChances <= 0) noChances();
    } else if (view.status === "Published") {
      show("not-started", t("countdownTitle"), t("countdownText"), countdown(view.startsAt, () => setTimeout(refresh, 1500)));
    } else if (view.status === "Paused") {
      show("paused", t("pausedTitle"), t("pausedText"));
    } else if (view.status === "Cancelled") {
      show("cancelled", t("campaignCancelledTitle"), t("cancelledText"));
    } else {
      show("ended", t("endedTitle"), t("endedText"));
    }
    updateSpin();
  }

  function networkError(retry) {
    show("network", t("networkTitle"), t("networkText"),
      h("button", { type: "button", class: "button", "data-testid": "retry", onclick: retry, text: t("retry") }));
  }

  function refused(e) {
    const refusal = refusalOf(e);
    if (!refusal) return false;
    show(...refusal);
    blocked = true;
    updateSpin();
    return true;
  }

  async function refresh() {
    try {
      const view = await loadView();
      if (partnerHandOff(A, view, refresh)) return;
      setRemaining(view.remainingChances);
      markTasks(view.tasks);
      byStatus(view);
    } catch (e) {
      if (refused(e)) return;
      blocked = true;
      updateSpin();
      if (e.status === 404) show("ended", t("endedTitle"), t("endedText"));
      else networkError(refresh);
    }
  }

  function showResult(result) {
    const won = result.won && result.prize;
    const segment = A.segments[result.segmentIndex];
    dialog.classList.toggle("lost", !won);
    $("result-title").textContent = won ? t("wonTitle") : t("lostTitle");
    $("result-prize").textContent = won ? result.prize.name : "";
    $("result-prize").hidden = !won;
    const next = { physical: "nextPhysical", code: "nextCode", points: "nextPoints" }[segment?.kind] ?? "nextVirtual";
    $("result-text").textContent = won ? t(next) : t("lostText");
    $("result-me").hidden = !won;
    dialog.dataset.won = String(!!won);
    announce(won ? `${t("wonTitle")} ${result.prize.name}. ${t(next)}` : `${t("lostTitle")}. ${t("lostText")}`);
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
  }

  async function draw() {
    if (busy) return;
    busy = true;
    updateSpin();
    spin.textContent = t("spinning");
    // One key per press; a retry after a network error reuses it, so the server counts the press once.
    pendingKey ??= crypto.randomUUID();
    try {
      const result = await api("POST", `/api/activities/${A.id}/draws`, undefined, { "Idempotency-Key": pendingKey });
      pendingKey = null;
      clearState();
      await wheel.spinTo(result.segmentIndex, reducedMotion);
      setRemaining(result.remainingChances);
      showResult(result);
      if (result.remainingChances <= 0) noChances();
      // A miss may mean the last prize just went, a win may reach the win limit: look again, so the page says "sold out"
      // or "win limit reached" instead of inviting more spins.
      if (!result.won || A.maxWinsPerPlayer != null) refresh();
    } catch (e) {
      if (!(e instanceof HttpError)) {
        networkError(() => { clearState(); draw(); });
      } else {
        pendingKey = null;
        if (refused(e)) {
          // said on the page
        } else if (e.code === "no-chances-left") {
          setRemaining(0);
          noChances();
        } else if (e.code === "win-limit-reached") {
          winLimit();
        } else if (e.status === 429) {
          blocked = true;
          let s = e.retryAfter;
          const p = h("p", { text: t("rateLimitedText", { s }) });
          show("rate-limited", t("rateLimitedTitle"), null, p);
          const timer = setInterval(() => {
            s -= 1;
            p.textContent = t("rateLimitedText", { s: Math.max(s, 0) });
            if (s <= 0) {
              clearInterval(timer);
              blocked = false;
              clearState();
              updateSpin();
            }
          }, 1000);
        } else if (e.code === "activity-not-running" || e.code === "draws-stopped" || e.status === 404) {
          await refresh();
        } else {
          networkError(() => { clearState(); draw(); });
        }
      }
    } finally {
      busy = false;
      spin.textContent = t("spin");
      updateSpin();
    }
  }

  spin.addEventListener("click", draw);
  $("result-ok").addEventListener("click", () => {
    dialog.close?.();
    dialog.removeAttribute("open");
    spin.focus();
  });

  for (const button of document.querySelectorAll("[data-task]")) {
    button.addEventListener("click", () => task(button, setRemaining, () => {
      if (remaining > 0 && $("state").dataset.state === "no-chances") {
        blocked = false;
        clearState();
      }
      updateSpin();
    }));
  }

  refresh();
}

// A task whose allowance for today is used up: a check and "Done today", and no longer a button to press.
function markDone(button) {
  button.disabled = true;
  button.dataset.done = "";
  button.querySelector(".task-reward")?.replaceChildren(svgIcon("check"), t("taskDoneToday"));
}

function markTasks(tasks) {
  for (const task of tasks ?? []) {
    const button = document.querySelector(`[data-task="${task.kind}"]`);
    if (button && task.doneToday) markDone(button);
  }
}

async function task(button, setRemaining, after) {
  const kind = button.dataset.task;
  const note = $("task-note");
  let copied = false;
  let done = false;
  button.disabled = true;
  try {
    if (kind === "share") {
      const url = `${location.origin}/p/${A.id}?utm_source=share`;
      const text = t("shareText", { name: A.name });
      let shared = false;
      if (navigator.share) {
        try {
          await navigator.share({ title: A.name, text, url });
          shared = true;
        } catch (e) {
          if (e?.name === "AbortError") return;
        }
      }
      if (!shared) {
        try {
          await navigator.clipboard.writeText(url);
          copied = true;
          note.textContent = t("linkCopied");
        } catch {
          // No clipboard (insecure origin): the share still counts.
        }
      }
    }
    const result = await api("POST", `/api/activities/${A.id}/tasks/${kind}`, {});
    setRemaining(result.remainingChances);
    // Keep "link copied" in view: without a share sheet the player still has to paste the link somewhere.
    const granted = `${t("taskGranted", { n: result.granted })} ${t("nowHave", { n: result.remainingChances })}`;
    note.textContent = copied ? `${t("linkCopied")} ${granted}` : granted;
    const info = A.tasks.find((x) => x.kind === kind);
    if (info) {
      info.timesToday = (info.timesToday ?? 0) + 1;
      if (info.timesToday >= info.maxPerDay) done = true;
    }
    after();
  } catch (e) {
    done = e.code === "task-already-done";
    note.textContent = done ? t("taskDone") : t("taskFailed");
  } finally {
    if (done) markDone(button);
    else button.disabled = false;
    note.dataset.result = note.textContent;
  }
}

// ---------- scheduled draws ----------

function scheduledPage() {
  async function refresh() {
    try {
      const view = await loadView();
      if (!partnerHandOff(A, view, refresh)) render(view);
    } catch (e) {
      const refusal = refusalOf(e);
      if (refusal) showState(...refusal);
      else showState("network", t("networkTitle"), t("networkText"),
        h("button", { type: "button", class: "button", onclick: refresh, text: t("retry") }));
    }
  }

  function render(view) {
    const entrants = typeof view.entrants === "number" ? h("p", { class: "muted", text: t("entrants", { n: view.entrants }) }) : null;
    if (view.status === "Drawn") {
      const winners = view.winners ?? [];
      const list = winners.length
        ? h("ul", { class: "winners", "data-testid": "winners" }, ...winners.map((w) => h("li", {}, h("span", { text: w.player }), h("strong", { text: w.prize }))))
        : h("p", { text: t("noWinners") });
      // Every visitor has a session, so youWon is false for one who never joined too: "joined" tells them apart.
      const entered = view.youWon === true || view.joined === true;
      const mine = view.youWon === true ? t("youWon") : entered ? t("youLost") : t("notJoined");
      const title = view.youWon ? t("wonTitle") : entered ? t("lostTitle") : t("noticeNotPickedTitle");
      document.querySelector("#scheduled h2").textContent = t("winnersTitle");
      showState(view.youWon ? "you-won" : "drawn", title, mine, list);
    } else if (view.status === "Drawing") {
      showState("drawing", t("drawingTitle"), null, entrants);
    } else if (view.status === "Cancelled") {
      // The card says it once, under its own heading; an entrant already reads the server's sorry notice above it.
      const card = $("scheduled");
      card.querySelector("h2").textContent = t("cancelledTitle");
      card.querySelector(".draw-at")?.remove();
      card.hidden = document.querySelector("[data-notice=cancelled]") !== null;
      showState("cancelled", null, t("cancelledText"));
    } else if (view.status === "Open") {
      const drawAt = view.drawAt ?? view.endsAt;
      const clock = countdown(drawAt, () => setTimeout(refresh, 3000));
      if (view.joined) {
        showState("joined", t("joined"), t("drawIn"), clock, entrants);
      } else {
        const join = h("button", { type: "button", class: "spin", "data-testid": "join", text: t("join") });
        join.addEventListener("click", async () => {
          join.disabled = true;
          try {
            await api("POST", `/api/activities/${A.id}/entries`, {});
            await refresh();
            announce(t("joined"));
          } catch {
            join.disabled = false;
            showState("network", t("networkTitle"), t("networkText"),
              h("button", { type: "button", class: "button", onclick: refresh, text: t("retry") }));
          }
        });
        showState("open", t("drawIn"), null, clock, entrants, join);
      }
    } else {
      showState("not-started", t("countdownTitle"), t("countdownText"), countdown(view.startsAt, () => setTimeout(refresh, 1500)));
    }
  }

  refresh();
}

// ---------- My prizes ----------

const FIELDS = ["recipientName", "phone", "line1", "line2", "city", "region", "postalCode", "country"];

function mePage() {
  const host = $("wins");

  async function load() {
    try {
      await signedIn;
      await ensureSession();
      const wins = (await api("GET", `/api/me/wins?activityId=${A.id}`)).filter((w) => w.activityId === A.id);
      host.replaceChildren(...(wins.length ? wins.map(card) : [h("p", { class: "notice", text: t("noPrizesYet") })]));
    } catch {
      host.replaceChildren(h("div", { class: "notice" }, h("p", { text: t("networkText") }),
        h("button", { type: "button", class: "button", onclick: load, text: t("retry") })));
    }
  }

  function card(win) {
    const todo = win.status === "AwaitingClaim";
    const body = h("article", { class: "win", "data-testid": "win", "data-kind": win.kind, "data-status": win.status },
      h("div", { class: "win-head" },
        h("span", { class: "prize-icon", style: "background:#5a1a8a;color:#fff" }, svgIcon(win.kind)),
        h("div", {}, h("h2", { text: win.prize }), h("small", { text: t("wonOn", { when: new Date(win.wonAt).toLocaleString(state.lang, { dateStyle: "medium", timeStyle: "short" }) }) }),
          win.kind === "physical" ? h("span", { class: `badge${todo ? " todo" : ""}`, text: t(`status${win.status}`) }) : null)));
    // High-value prize won by a guest, or a win held for review: play-claim-verify.js says what happens instead.
    const held = claimNotice(win, { h, lang: state.lang, activityId: A.id, reload: load });
    if (held) {
      body.append(held.node);
      if (held.replaces) return body;
    }
    if (win.code) {
      const copy = h("button", { type: "button", class: "button", text: t("copy") });
      copy.addEventListener("click", async () => {
        try { await navigator.clipboard.writeText(win.code); } catch { /* selection stays possible */ }
        copy.textContent = t("copied");
        announce(t("copied"));
      });
      body.append(h("p", { class: "sr-only", text: t("yourCode") }), h("div", { class: "code-box" }, h("code", { "data-testid": "code", text: win.code }), copy));
    }
    if (win.kind === "physical") body.append(todo ? claimForm(win, body) : address(win));
    else if (!win.code) body.append(h("p", { class: "address", text: t(win.kind === "points" ? "nextPoints" : "nextVirtual") }));
    return body;
  }

  function address(win) {
    const c = win.claim;
    if (!c) return h("p", { class: "address", text: t(`status${win.status}`) });
    return h("address", { class: "address", "data-testid": "address" },
      h("strong", { text: t("shipTo") }), h("br"),
      `${c.recipientName} · ${c.phone}`, h("br"),
      [c.line1, c.line2].filter(Boolean).join(", "), h("br"),
      [c.postalCode, c.city, c.region, c.country].filter(Boolean).join(" "),
      c.trackingNumber ? h("p", { text: t("tracking", { n: c.trackingNumber }) }) : "");
  }

  function claimForm(win, cardEl) {
    const form = h("form", { class: "claim", novalidate: true, "data-testid": "claim-form" }, h("h3", { text: t("claimTitle") }));
    const inputs = {};
    const errors = {};
    const field = (name, opts = {}) => {
      const id = `${name}-${win.id}`;
      inputs[name] = h("input", { id, name, autocomplete: opts.auto, inputmode: opts.mode, "aria-describedby": `${id}-error`, required: name !== "line2" && name !== "region" });
      errors[name] = h("span", { id: `${id}-error`, class: "error", "data-error-for": name });
      return h("div", { class: "field" }, h("label", { for: id, text: t(name) }), inputs[name], errors[name]);
    };
    form.append(
      field("recipientName", { auto: "name" }), field("phone", { auto: "tel", mode: "tel" }),
      field("line1", { auto: "address-line1" }), field("line2", { auto: "address-line2" }),
      h("div", { class: "row-2" }, field("city", { auto: "address-level2" }), field("region", { auto: "address-level1" })),
      h("div", { class: "row-2" }, field("postalCode", { auto: "postal-code" }), field("country", { auto: "country-name" })));
    const submit = h("button", { type: "submit", class: "button", text: t("submitClaim") });
    const note = h("p", { class: "error", role: "alert" });
    form.append(submit, note);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      note.textContent = "";
      for (const name of FIELDS) {
        errors[name].textContent = "";
        errors[name].parentElement.classList.remove("invalid");
        inputs[name].removeAttribute("aria-invalid");
      }
      const body = Object.fromEntries(FIELDS.map((n) => [n, inputs[n].value.trim() || null]));
      try {
        const updated = await api("POST", `/api/me/wins/${win.id}/claim`, body);
        const fresh = card(updated);
        cardEl.replaceWith(fresh);
        announce(t("claimSaved"));
        fresh.append(h("p", { class: "notice", role: "status", text: t("claimSaved") }));
      } catch (e) {
        if (e.status === 400 && e.problem.errors) {
          let first = null;
          for (const [key, messages] of Object.entries(e.problem.errors)) {
            const name = FIELDS.find((f) => f.toLowerCase() === key.split(".").pop().toLowerCase());
            if (!name) continue;
            errors[name].textContent = [].concat(messages).join(" ");
            errors[name].parentElement.classList.add("invalid");
            inputs[name].setAttribute("aria-invalid", "true");
            first ??= inputs[name];
          }
          note.textContent = t("claimFailed");
          first?.focus();
        } else if (e.code === "verification-required") {
          load();
        } else if (e.code === "already-claimed") {
          note.textContent = t("alreadyClaimed");
          load();
        } else {
          note.textContent = t("networkText");
        }
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  load();
}

function svgIcon(kind) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("aria-hidden", "true");
  const use = document.createElementNS("http://www.w3.org/2000/svg", "use");
  use.setAttribute("href", `#i-${kind}`);
  svg.append(use);
  return svg;
}

// Local times for the server's UTC dates.
for (const time of document.querySelectorAll("time[datetime]")) {
  const style = time.dataset.format === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" };
  time.textContent = new Date(time.getAttribute("datetime")).toLocaleString(state.lang, style);
}

await partnerFromUrl();

const page = document.body.dataset.page;
if (page === "me") mePage();
else if (A.kind === "scheduled") scheduledPage();
else instantPage();
