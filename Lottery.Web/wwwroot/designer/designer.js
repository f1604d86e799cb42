// The designer's browser side: the live wheel preview (drawn by the player page's own wheel.js), undo/redo keys,
// keeping focus on a moved block, file download and the clipboard. Drag and drop is MudBlazor's MudDropContainer;
// everything else runs on the server.
import { Wheel } from "../play/wheel.js";

/** Draws the wheel into `host` exactly as the player page does; `segments` come from the server's WheelLayout. */
export function renderWheel(host, segments) {
  if (!host) return;
  new Wheel(host, segments, (s) => s.label);
  host.dataset.segments = String(segments.length);
}

/** Puts the keyboard focus back on a block after it moved (its title button), so Alt+Arrow can go on moving it. */
export function focusBlock(root, key) {
  const block = root?.querySelector(`[data-block="${CSS.escape(key)}"] .block-select`);
  if (block) {
    block.focus();
    block.scrollIntoView({ block: "nearest" });
  }
}

/** Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z, Cmd on a Mac) call Undo/Redo, except while typing in a field. */
export function listenForUndo(dotnet) {
  const handler = (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const key = e.key.toLowerCase();
    if (key === "z" && !e.shiftKey) { e.preventDefault(); dotnet.invokeMethodAsync("UndoFromKeyboard"); }
    else if (key === "y" || (key === "z" && e.shiftKey)) { e.preventDefault(); dotnet.invokeMethodAsync("RedoFromKeyboard"); }
  };
  document.addEventListener("keydown", handler);
  return { dispose: () => document.removeEventListener("keydown", handler) };
}

/**
 * Shows `url` in the address bar without navigating: Blazor's own navigation would scroll the page to the top, under
 * the marketer's hands. Blazor's history state is kept, so Back and Forward still work.
 */
export function showAddress(url) {
  history.replaceState(history.state, "", url);
}

export function download(fileName, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
