// E-mail code sign-in for the player pages (issue 14): address → "Send code" → six digits → play. An ES module, loaded
// by /play/play.js only when it is needed (an activity that asks for an e-mail, or another script calling
// window.LotteryEmailSignIn.open). Its own words in English and Chinese, chosen by the page's <html lang>.
import { h } from "../play/dom.js";

const WORDS = {
  en: {
    title: "Confirm your e-mail to play",
    intro: "We send you a six-digit code. Your spins and prizes then belong to your address, on any phone or computer.",
    dialogTitle: "Confirm your e-mail",
    emailLabel: "Your e-mail address",
    send: "Send code",
    sending: "Sending…",
    sentTo: "We sent a six-digit code to {email}. It works for {minutes} minutes.",
    codeLabel: "Six-digit code",
    confirm: "Confirm and play",
    confirming: "Checking…",
    resend: "Send a new code",
    resendIn: "Send a new code in {s} s",
    otherAddress: "Use another address",
    close: "Not now",
    badEmail: "Enter an e-mail address such as name@example.com.",
    badCode: "Enter the six digits from the e-mail.",
    wrongCode: "That code is not right. Check the e-mail and try again ({n} tries left).",
    wrongCodeOne: "That code is not right. Check the e-mail and try again (1 try left).",
    lockedCode: "That code was entered wrongly too often. Send a new code.",
    expiredCode: "That code no longer works. Send a new code.",
    tooMany: "Too many codes were asked for. Please try again in {m} minutes.",
    tooManyOne: "Too many codes were asked for. Please try again in a minute.",
    blocked: "This address cannot take part in this campaign.",
    network: "We could not reach the server. Check your connection and try again.",
    signedIn: "You are signed in as {email}.",
    leftBehind: "This address already had a player, so you now play as that player. Prizes you won before as a guest on this device stay in that guest visit.",
    ok: "OK",
  },
  "zh-CN": {
    title: "验证邮箱后即可抽奖",
    intro: "我们会给你发送一个六位数验证码。验证后，你的抽奖机会和奖品都归属于这个邮箱，在任何设备上都一样。",
    dialogTitle: "验证你的邮箱",
    emailLabel: "你的邮箱地址",
    send: "发送验证码",
    sending: "正在发送…",
    sentTo: "验证码已发送至 {email}，{minutes} 分钟内有效。",
    codeLabel: "六位数验证码",
    confirm: "验证并开始",
    confirming: "正在验证…",
    resend: "重新发送验证码",
    resendIn: "{s} 秒后可重新发送",
    otherAddress: "换一个邮箱",
    close: "暂不验证",
    badEmail: "请输入有效的邮箱地址，例如 name@example.com。",
    badCode: "请输入邮件中的六位数字。",
    wrongCode: "验证码不正确，请检查邮件后重试（还可尝试 {n} 次）。",
    wrongCodeOne: "验证码不正确，请检查邮件后重试（还可尝试 1 次）。",
    lockedCode: "验证码输错次数过多，请重新发送验证码。",
    expiredCode: "验证码已失效，请重新发送验证码。",
    tooMany: "请求验证码过于频繁，请 {m} 分钟后再试。",
    tooManyOne: "请求验证码过于频繁，请一分钟后再试。",
    blocked: "该邮箱无法参加本活动。",
    network: "无法连接服务器，请检查网络后重试。",
    signedIn: "你已使用 {email} 登录。",
    leftBehind: "该邮箱已有对应的玩家，你现在将以该玩家身份参与。你之前在本设备上以游客身份获得的奖品仍保留在游客记录中。",
    ok: "好的",
  },
};

const W = WORDS[document.documentElement.lang] ?? WORDS.en;
const RESEND_SECONDS = 30;
let ids = 0;

function w(key, values = {}) {
  if (values.n === 1 && `${key}One` in W) key = `${key}One`;
  if (values.m === 1 && `${key}One` in W) key = `${key}One`;
  return W[key].replace(/\{(\w+)\}/g, (m, name) => (name in values ? values[name] : m));
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  return { status: response.status, data: data ?? {}, retryAfter: Number(response.headers.get("Retry-After")) || 60 };
}

/** Who the page's session is: { playerId, kind, email }, or null without a session. */
export async function currentPlayer() {
  const response = await fetch("/api/player/sessions/current", { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/**
 * The sign-in steps as one element: `onDone(session)` runs once the code opened a session (the session cookie is then
 * the e-mail player's). The element manages its own focus and speaks its errors (role=alert).
 */
export function signInForm({ activityId, onDone }) {
  const n = ++ids;
  const box = h("div", { class: "email-steps", "data-testid": "email-sign-in" });
  const status = h("p", { class: "email-status", role: "status", "aria-live": "polite", "data-testid": "email-status" });
  let address = "";
  let timer = null;

  function field(id, label, input, error) {
    input.id = id;
    input.setAttribute("aria-describedby", `${id}-error`);
    error.id = `${id}-error`;
    return h("div", { class: "field" }, h("label", { for: id, text: label }), input, error);
  }

  function fail(input, error, text) {
    error.textContent = text;
    input.setAttribute("aria-invalid", "true");
    input.closest(".field")?.classList.add("invalid");
    input.focus();
  }

  function clear(input, error) {
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    input.closest(".field")?.classList.remove("invalid");
  }

  // ---- step 1: the address ----
  const emailInput = h("input", { type: "email", name: "email", autocomplete: "email", inputmode: "email", required: true, spellcheck: "false", "data-testid": "email-input" });
  const emailError = h("span", { class: "error", role: "alert", "data-testid": "email-error" });
  const sendButton = h("button", { type: "submit", class: "button", "data-testid": "send-code", text: w("send") });
  const emailForm = h("form", { class: "email-form", novalidate: true },
    field(`email-${n}`, w("emailLabel"), emailInput, emailError), sendButton);

  // ---- step 2: the code ----
  const codeInput = h("input", {
    type: "text", name: "code", autocomplete: "one-time-code", inputmode: "numeric", pattern: "[0-9]{6}", maxlength: "6",
    required: true, class: "code-input", "data-testid": "code-input",
  });
  const codeError = h("span", { class: "error", role: "alert", "data-testid": "code-error" });
  const confirmButton = h("button", { type: "submit", class: "button", "data-testid": "confirm-code", text: w("confirm") });
  const resendButton = h("button", { type: "button", class: "link-button", "data-testid": "resend-code", text: w("resend") });
  const otherButton = h("button", { type: "button", class: "link-button", "data-testid": "other-address", text: w("otherAddress") });
  const codeForm = h("form", { class: "code-form", novalidate: true, hidden: true },
    field(`code-${n}`, w("codeLabel"), codeInput, codeError), confirmButton,
    h("div", { class: "email-links" }, resendButton, otherButton));

  box.append(status, emailForm, codeForm);

  function resendCountdown(seconds) {
    clearInterval(timer);
    let s = seconds;
    const tick = () => {
      resendButton.disabled = s > 0;
      resendButton.textContent = s > 0 ? w("resendIn", { s }) : w("resend");
      if (s-- <= 0) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  async function send(input, error) {
    const result = await post("/api/player/sessions/email", { email: address, activityId });
    if (result.status === 202) {
      status.textContent = w("sentTo", { email: address, minutes: Math.round((result.data.expiresInSeconds ?? 600) / 60) });
      emailForm.hidden = true;
      codeForm.hidden = false;
      codeInput.value = "";
      clear(codeInput, codeError);
      resendCountdown(RESEND_SECONDS);
      codeInput.focus();
      return;
    }
    if (result.status === 400) fail(input, error, w("badEmail"));
    else if (result.status === 429) {
      const m = Math.max(1, Math.ceil(result.retryAfter / 60));
      fail(input, error, w("tooMany", { m }));
      if (!codeForm.hidden) resendCountdown(result.retryAfter);
    } else if (result.data.code === "player-blocked") fail(input, error, w("blocked"));
    else fail(input, error, w("network"));
  }

  emailForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(emailInput, emailError);
    address = emailInput.value.trim();
    if (!emailInput.checkValidity() || !address.includes(".")) {
      fail(emailInput, emailError, w("badEmail"));
      return;
    }
    sendButton.disabled = true;
    sendButton.textContent = w("sending");
    try {
      await send(emailInput, emailError);
    } catch {
      fail(emailInput, emailError, w("network"));
    } finally {
      sendButton.disabled = false;
      sendButton.textContent = w("send");
    }
  });

  resendButton.addEventListener("click", async () => {
    clear(codeInput, codeError);
    resendButton.disabled = true;
    try {
      await send(codeInput, codeError);
    } catch {
      fail(codeInput, codeError, w("network"));
      resendButton.disabled = false;
    }
  });

  otherButton.addEventListener("click", () => {
    clearInterval(timer);
    status.textContent = "";
    codeForm.hidden = true;
    emailForm.hidden = false;
    emailInput.focus();
  });

  codeInput.addEventListener("input", () => {
    const digits = codeInput.value.replace(/\D/g, "").slice(0, 6);
    if (digits !== codeInput.value) codeInput.value = digits;
  });

  codeForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(codeInput, codeError);
    const code = codeInput.value.replace(/\D/g, "");
    if (code.length !== 6) {
      fail(codeInput, codeError, w("badCode"));
      return;
    }
    confirmButton.disabled = true;
    confirmButton.textContent = w("confirming");
    try {
      const result = await post("/api/player/sessions/email/verify", { email: address, code, activityId });
      if (result.status === 201) {
        clearInterval(timer);
        status.textContent = w("signedIn", { email: result.data.email });
        onDone(result.data);
        return;
      }
      const reason = result.data.reason;
      if (result.status === 400) fail(codeInput, codeError, w("badCode"));
      else if (reason === "wrong") fail(codeInput, codeError, w("wrongCode", { n: result.data.attemptsLeft }));
      else if (reason === "locked" || reason === "expired") {
        fail(codeInput, codeError, w(reason === "locked" ? "lockedCode" : "expiredCode"));
        resendCountdown(0);
        resendButton.focus();
      } else if (result.data.code === "player-blocked") fail(codeInput, codeError, w("blocked"));
      else fail(codeInput, codeError, w("network"));
    } catch {
      fail(codeInput, codeError, w("network"));
    } finally {
      confirmButton.disabled = false;
      confirmButton.textContent = w("confirm");
    }
  });

  queueMicrotask(() => emailInput.isConnected && emailInput.focus());
  return box;
}

function loadStyles() {
  if (document.querySelector("link[data-email-styles]")) return;
  document.head.append(h("link", { rel: "stylesheet", href: "/js/play-email.css", "data-email-styles": true }));
}

/** A note shown once the session belongs to an address that already had its player (the guest's prizes stay behind). */
function leftBehindNote() {
  return h("p", { class: "email-note", role: "status", "data-testid": "guest-left-behind", text: w("leftBehind") });
}

/**
 * Asks the player to confirm an e-mail address in a modal dialog. Resolves with the session ({ playerId, email,
 * guestPromoted, guestLeftBehind }) once verified; rejects with an AbortError when the player closes the dialog.
 * `reason` is a sentence of the caller's shown above the form (e.g. why a prize needs a confirmed address).
 */
export function open({ activityId, reason } = {}) {
  loadStyles();
  return new Promise((resolve, reject) => {
    const n = ++ids;
    const dialog = h("dialog", { class: "email-dialog", "aria-labelledby": `email-dialog-title-${n}`, "data-testid": "email-dialog" });
    let done = false;
    const close = h("button", { type: "button", class: "link-button", "data-testid": "email-dialog-close", text: w("close") });
    const form = signInForm({
      activityId,
      onDone(session) {
        done = true;
        if (!session.guestLeftBehind) {
          dialog.close();
          resolve(session);
          return;
        }
        const ok = h("button", { type: "button", class: "button", text: w("ok") });
        ok.addEventListener("click", () => { dialog.close(); resolve(session); });
        form.replaceChildren(leftBehindNote(), ok);
        ok.focus();
      },
    });
    dialog.append(
      h("h2", { id: `email-dialog-title-${n}`, text: w("dialogTitle") }),
      reason ? h("p", { class: "email-reason", text: reason }) : h("p", { class: "email-reason", text: w("intro") }),
      form, close);
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (!done) reject(new DOMException("The player closed the sign-in.", "AbortError"));
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector("input")?.focus();
  });
}

/**
 * For a page whose activity asks for an e-mail: resolves at once for an e-mail player; otherwise shows the sign-in step
 * in place of what the page would show (the spin button, the join card, the prize list) and resolves once verified.
 */
export async function gate(activity) {
  const current = await currentPlayer().catch(() => null);
  if (current?.kind === "email") return current;
  loadStyles();
  const hidden = ["chances", "spin", "state", "wins"].map((id) => document.getElementById(id)).filter((e) => e && !e.hidden);
  const anchor = hidden[0];
  return new Promise((resolve) => {
    const section = h("section", { class: "email-step", "aria-labelledby": "email-step-title", "data-testid": "email-step" },
      h("h2", { id: "email-step-title", text: w("title") }),
      h("p", { class: "email-reason", text: w("intro") }));
    section.append(signInForm({
      activityId: activity.id,
      onDone(session) {
        section.remove();
        for (const e of hidden) e.hidden = false;
        if (session.guestLeftBehind) anchor?.before(leftBehindNote());
        resolve(session);
      },
    }));
    for (const e of hidden) e.hidden = true;
    if (anchor) anchor.before(section);
    else document.querySelector("main")?.append(section);
  });
}

window.LotteryEmailSignIn = { open, gate, currentPlayer };
