// Partner sign-in on the player page (docs/partner-sign-in.md). A host app hands over a signed partner token either in
// the link (?pt=<jwt>, exchanged before anything else and removed from the address bar) or, when it embeds the page in
// an iframe, by postMessage({ type: "lottery:partner-token", token }) from the embedding window only. The session's
// token is then also sent as a bearer: in an iframe on the host's site the session cookie is a third-party cookie that
// browsers may not send.

const TEXT = {
  en: {
    title: "Sign in with the brand's app to play",
    text: "This campaign is for signed-in users of the brand's app or website. Open it from there to play.",
    waiting: "Waiting for the app to sign you in…",
    failed: "That sign-in link has expired or is not valid. Open the campaign again from the app or website.",
    otherBrand: "You are signed in through another brand. Open this campaign from its own app or website to play.",
  },
  zh: {
    title: "请通过品牌应用登录参与",
    text: "本活动仅限品牌应用或网站的登录用户参与。请从那里打开本活动。",
    waiting: "正在等待应用为你登录…",
    failed: "登录链接已过期或无效。请从应用或网站重新打开本活动。",
    otherBrand: "你是通过其他品牌登录的。请从本活动所属品牌的应用或网站打开。",
  },
};

const lang = document.documentElement.lang?.startsWith("zh") ? "zh" : "en";
const embedded = window.parent !== window;
let bearer = null;
let failed = false;
let onSignedIn = null;

/** Headers for the page's API calls: the partner session's bearer once a token was exchanged on this page. */
export function partnerHeaders() {
  return bearer ? { Authorization: `Bearer ${bearer}` } : {};
}

async function exchange(token) {
  const source = new URLSearchParams(location.search).get("utm_source");
  const response = await fetch("/api/player/sessions", {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(source ? { partnerToken: token, source } : { partnerToken: token }),
  });
  if (!response.ok) {
    failed = true;
    return false;
  }
  bearer = (await response.json()).token;
  failed = false;
  return true;
}

/** Runs before the page loads anything: exchanges ?pt= and takes it out of the address bar (not shared, not bookmarked). */
export async function partnerFromUrl() {
  const url = new URL(location.href);
  const token = url.searchParams.get("pt");
  if (!token) return false;
  url.searchParams.delete("pt");
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  return exchange(token);
}

// Only the window that embeds this page may hand over a token; the host should send it to this page's origin.
window.addEventListener("message", async (event) => {
  if (event.source !== window.parent || window.parent === window) return;
  const data = event.data;
  if (data?.type !== "lottery:partner-token" || typeof data.token !== "string") return;
  if (await exchange(data.token)) onSignedIn?.();
  else if (onSignedIn) render();
});

let shown = null;

/**
 * On a partner activity whose visitor is not a partner player of its brand: the hand-off step instead of the spin
 * button (or the join button). Returns true when it is shown; <refresh> runs once a token arrives from the host.
 */
export function partnerHandOff(activity, view, refresh) {
  if (activity.identity !== "partner" || view.identityMet === true) {
    if (shown) restore();
    return false;
  }
  onSignedIn = refresh;
  shown = { otherBrand: view.identityMet === false && bearer !== null };
  render();
  if (embedded) window.parent.postMessage({ type: "lottery:partner-token-needed", activityId: activity.id }, "*");
  return true;
}

function render() {
  const T = TEXT[lang];
  const box = document.getElementById("state");
  const stage = box.closest(".stage");
  for (const id of ["spin", "chances"]) {
    const node = document.getElementById(id);
    if (node) node.style.display = "none";
  }
  document.getElementById("join")?.remove();
  tasks()?.setAttribute("hidden", ""); // nothing to earn before signing in
  stage?.setAttribute("data-screen", "partner-hand-off");
  box.hidden = false;
  box.dataset.state = "partner-hand-off";
  const title = document.createElement("h2");
  title.textContent = T.title;
  const text = document.createElement("p");
  text.textContent = failed ? T.failed : shown?.otherBrand ? T.otherBrand : T.text;
  box.replaceChildren(title, text);
  if (embedded && !failed) {
    const waiting = document.createElement("p");
    waiting.className = "muted";
    waiting.dataset.testid = "partner-waiting";
    waiting.textContent = T.waiting;
    box.append(waiting);
  }
}

function tasks() {
  return document.getElementById("tasks-title")?.closest("section");
}

function restore() {
  shown = null;
  tasks()?.removeAttribute("hidden");
  for (const id of ["spin", "chances"]) {
    const node = document.getElementById(id);
    if (node) node.style.display = "";
  }
}
