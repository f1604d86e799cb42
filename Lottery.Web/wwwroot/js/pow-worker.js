// Proof of work for a guest session, off the main thread (hand-written; no third-party captcha). Message in:
// { challenge, difficulty }; message out: { nonce, hashes, ms } for the first decimal nonce (0, 1, 2, …) such that
// SHA-256(UTF-8 of challenge + ":" + nonce) starts with `difficulty` zero bits — what the server checks
// (Lottery.Web/Features/Players/ProofOfWork.cs). Digests go out in batches so the browser can pipeline them.
const BATCH = 512;

function leadingZeroBits(bytes) {
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

async function solve(challenge, difficulty) {
  const encoder = new TextEncoder();
  const prefix = challenge + ":";
  const started = performance.now();
  for (let start = 0; ; start += BATCH) {
    const digests = [];
    for (let n = start; n < start + BATCH; n++) digests.push(crypto.subtle.digest("SHA-256", encoder.encode(prefix + n)));
    const hashes = await Promise.all(digests);
    for (let i = 0; i < hashes.length; i++) {
      if (leadingZeroBits(new Uint8Array(hashes[i])) >= difficulty) {
        return { nonce: String(start + i), hashes: start + i + 1, ms: performance.now() - started };
      }
    }
  }
}

self.onmessage = async (event) => {
  const { challenge, difficulty } = event.data;
  try {
    self.postMessage(await solve(challenge, difficulty));
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
