// The prize wheel as SVG: segments in index order, clockwise from the top; the pointer sits at the top.
const NS = "http://www.w3.org/2000/svg";
const R = 150;

function el(name, attrs, parent) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function luminance(hex) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex || "");
  if (!m) return 1;
  const ch = (i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(0) + 0.7152 * ch(2) + 0.0722 * ch(4);
}

export function readableOn(hex) {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#1A1A1A" : "#FFFFFF";
}

function point(angleDeg, radius) {
  const a = ((angleDeg - 90) * Math.PI) / 180;
  return [R + radius * Math.cos(a), R + radius * Math.sin(a)];
}

function truncate(label, max) {
  const chars = [...label];
  return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : label;
}

export class Wheel {
  constructor(host, segments, labelFor) {
    this.host = host;
    this.count = Math.max(segments.length, 1);
    this.step = 360 / this.count;
    this.turn = 0;
    const svg = el("svg", { viewBox: `0 0 ${R * 2} ${R * 2}`, "aria-hidden": "true", focusable: "false" });
    el("circle", { cx: R, cy: R, r: R, fill: "#fff" }, svg);
    // Long labels on narrow segments get fewer characters; CJK glyphs are wider.
    const maxChars = Math.max(6, Math.min(16, Math.round(this.step / 3.2)));
    segments.forEach((s, i) => {
      const a0 = i * this.step, a1 = (i + 1) * this.step;
      const [x0, y0] = point(a0, R - 6), [x1, y1] = point(a1, R - 6);
      const large = this.step > 180 ? 1 : 0;
      const d = this.count === 1
        ? `M ${R} 6 A ${R - 6} ${R - 6} 0 1 1 ${R - 0.01} 6 Z`
        : `M ${R} ${R} L ${x0} ${y0} A ${R - 6} ${R - 6} 0 ${large} 1 ${x1} ${y1} Z`;
      el("path", { d, fill: s.color, stroke: "rgba(255,255,255,.85)", "stroke-width": 2 }, svg);
      const mid = a0 + this.step / 2;
      const label = truncate(labelFor(s), maxChars);
      const size = label.length > 11 ? 11 : 13;
      // Radial text, reading outwards-in, centred on the segment's bisector.
      const t = el("text", {
        x: R, y: R - (R - 6) * 0.58, fill: readableOn(s.color), "font-size": size, "text-anchor": "middle",
        "dominant-baseline": "middle", // On the left half, text reads rim-to-centre so it is never upside down.
        transform: `rotate(${mid} ${R} ${R}) rotate(${mid > 180 ? 90 : -90} ${R} ${R - (R - 6) * 0.58})`,
      }, svg);
      t.textContent = label;
    });
    // Rim with light bulbs.
    el("circle", { cx: R, cy: R, r: R - 3, fill: "none", stroke: "var(--primary)", "stroke-width": 6 }, svg);
    for (let i = 0; i < 24; i++) {
      const [x, y] = point(i * 15, R - 3);
      el("circle", { cx: x, cy: y, r: 2.6, fill: i % 2 ? "#fff" : "var(--accent)" }, svg);
    }
    host.replaceChildren(svg);
    this.svg = svg;
  }

  /** The segment under the pointer for the wheel's current rotation. */
  landed() {
    const atTop = (((-this.turn) % 360) + 360) % 360;
    return Math.floor(atTop / this.step) % this.count;
  }

  /** Spins (or fades, with reduced motion) so the pointer lands on segment `index`; resolves once it has stopped. */
  spinTo(index, reducedMotion) {
    const jitter = (Math.random() - 0.5) * this.step * 0.6;
    const target = -((index + 0.5) * this.step) + jitter;
    const current = ((this.turn % 360) + 360) % 360;
    const delta = ((((target - current) % 360) + 360) % 360);
    this.turn += delta + (reducedMotion ? 0 : 360 * 6);
    this.host.dataset.landedSegment = "";
    return new Promise((resolve) => {
      const done = () => {
        this.host.classList.remove("spinning", "fade");
        this.host.dataset.landedSegment = String(this.landed());
        this.host.dataset.rotation = String(this.turn);
        resolve(this.landed());
      };
      if (reducedMotion) {
        this.host.classList.add("fade");
        this.svg.style.setProperty("--turn", `${this.turn}deg`);
        setTimeout(done, 600);
        return;
      }
      this.host.classList.add("spinning");
      // Reflow so the transition starts from the current angle.
      void this.svg.getBoundingClientRect();
      this.svg.style.setProperty("--turn", `${this.turn}deg`);
      let finished = false;
      const finish = () => { if (!finished) { finished = true; done(); } };
      this.svg.addEventListener("transitionend", finish, { once: true });
      setTimeout(finish, 4600);
    });
  }
}
