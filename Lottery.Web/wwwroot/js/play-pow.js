// Bot friction for guest sessions (docs/decisions/027-guest-bot-friction.md): before the page opens a guest session it
// asks the server for a proof-of-work challenge and solves it in a Web Worker (pow-worker.js), so the page stays
// responsive; the Spin button says "Getting ready…" meanwhile. Difficulty 0 (proof of work off) costs one request.

/** Solves a challenge in a Web Worker; resolves with { nonce, hashes, ms }. */
export function solveInWorker(challenge, difficulty) {
  return new Promise((resolve, reject) => {
    const worker = new Worker("/js/pow-worker.js");
    worker.onmessage = (event) => {
      worker.terminate();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "The puzzle worker failed."));
    };
    worker.postMessage({ challenge, difficulty });
  });
}

async function challengeFor(activityId) {
  const query = activityId ? `?activityId=${encodeURIComponent(activityId)}` : "";
  const response = await fetch(`/api/player/challenge${query}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
  return response.json();
}

/** The { challenge, nonce } fields for a guest session of the activity ({} when no proof is needed). */
export async function proveWork(activityId, readyLabel) {
  const challenge = await challengeFor(activityId);
  if (!challenge.difficulty) return {};
  // The button's accessible name follows its visible words while it says "Getting ready…" (WCAG 2.5.3).
  const spin = readyLabel ? document.getElementById("spin") : null;
  const before = spin && { text: spin.textContent, label: spin.getAttribute("aria-label") };
  if (spin) {
    spin.textContent = readyLabel;
    spin.setAttribute("aria-label", readyLabel);
    spin.setAttribute("aria-busy", "true");
  }
  try {
    const solved = await solveInWorker(challenge.challenge, challenge.difficulty);
    return { challenge: challenge.challenge, nonce: solved.nonce };
  } finally {
    if (spin) {
      if (spin.textContent === readyLabel) spin.textContent = before.text;
      if (before.label === null) spin.removeAttribute("aria-label");
      else spin.setAttribute("aria-label", before.label);
      spin.removeAttribute("aria-busy");
    }
  }
}

/**
 * Calls send(proof) with a solved challenge; when the server still asks for proof (the challenge expired or was used,
 * e.g. by a second tab), solves a fresh one once more.
 */
export async function withProofOfWork(activityId, readyLabel, send) {
  try {
    return await send(await proveWork(activityId, readyLabel));
  } catch (e) {
    if (e?.code !== "proof-of-work-required") throw e;
    return send(await proveWork(activityId, readyLabel));
  }
}
