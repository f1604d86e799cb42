// My prizes: a win that cannot be claimed yet. A high-value prize won by a guest asks the player to confirm an e-mail
// address first (through the e-mail sign-in's window.LotteryEmailSignIn.open, which promotes the guest in place, so the
// same win is claimable afterwards); a win held for review says we are checking it. No framework; play.js calls this.

const TEXT = {
  en: {
    verifyTitle: "Confirm your e-mail to claim this prize",
    verifyText: "This is a high-value prize: we hand it over only to players who confirmed their e-mail address. Your win is kept for you.",
    verifyButton: "Confirm my e-mail",
    verifyFailed: "That did not work. Please try again.",
    heldTitle: "We're checking this win",
    heldText: "You'll hear from us. There is nothing you need to do for now.",
    rejectedTitle: "This win could not be confirmed",
    rejectedText: "After a check this win was cancelled. If you think this is a mistake, please contact the organiser.",
  },
  zh: {
    verifyTitle: "验证邮箱后即可领取此奖品",
    verifyText: "这是一份高价值奖品，仅发放给已验证邮箱的玩家。您的中奖记录会为您保留。",
    verifyButton: "验证我的邮箱",
    verifyFailed: "验证未完成，请重试。",
    heldTitle: "我们正在核实这次中奖",
    heldText: "我们会与您联系，目前您无需任何操作。",
    rejectedTitle: "此次中奖未通过核实",
    rejectedText: "经核实，此次中奖已取消。如有疑问，请联系主办方。",
  },
};

/**
 * What stands between this win and its claim, as a node for the win's card, or null when nothing does.
 * `replaces`: the card shows nothing else below (no claim form, no "we'll deliver it" line).
 * @param {object} win a row of GET /api/me/wins
 * @param {{ h: Function, lang: string, activityId: string, reload: Function }} ctx
 */
export function claimNotice(win, ctx) {
  const text = TEXT[String(ctx.lang || "en").startsWith("zh") ? "zh" : "en"];
  const { h } = ctx;
  if (win.verificationRequired) {
    const box = h("div", { class: "claim claim-verify", "data-testid": "claim-verify", role: "group", "aria-labelledby": `verify-${win.id}` },
      h("h3", { id: `verify-${win.id}`, text: text.verifyTitle }),
      h("p", { text: text.verifyText }));
    const signIn = window.LotteryEmailSignIn;
    if (signIn && typeof signIn.open === "function") {
      const note = h("p", { class: "error", role: "alert" });
      const button = h("button", { type: "button", class: "button", "data-testid": "claim-verify-open", text: text.verifyButton });
      button.addEventListener("click", async () => {
        button.disabled = true;
        note.textContent = "";
        try {
          await signIn.open({ activityId: ctx.activityId, reason: "high-value-prize" });
          await ctx.reload();
        } catch {
          note.textContent = text.verifyFailed;
          button.disabled = false;
        }
      });
      box.append(button, note);
    }
    return { node: box, replaces: true };
  }
  if (win.review === "pending" || win.review === "rejected") {
    const pending = win.review === "pending";
    const box = h("div", { class: "notice claim-held", role: "status", "data-testid": "claim-held", "data-review": win.review },
      h("strong", { text: pending ? text.heldTitle : text.rejectedTitle }),
      h("p", { text: pending ? text.heldText : text.rejectedText }));
    return { node: box, replaces: win.kind !== "physical" || !win.claim };
  }
  return null;
}
