// Poster art for titles, which have no artwork: an SVG from the title's name, year and genres. The
// palette comes from the first genre, the motif and its placement from a hash of the name, so each title
// keeps its poster and titles of a genre look related. Local fonts only: no external fonts or images.

export type PosterInput = { id?: string; name: string; year?: number | null; genres: readonly string[] };

export type Palette = { dark: string; mid: string; accent: string; ink: string };

const palettes: Record<string, Palette> = {
  Action: { dark: "#2b0a0a", mid: "#b3261e", accent: "#ffb703", ink: "#fff8e7" },
  Adventure: { dark: "#0b2a1f", mid: "#2a9d8f", accent: "#e9c46a", ink: "#fbf6e9" },
  Animation: { dark: "#1d1a4f", mid: "#7b2ff7", accent: "#ffd166", ink: "#fffaf0" },
  Children: { dark: "#0f3d5e", mid: "#2f9be0", accent: "#ffde59", ink: "#ffffff" },
  Comedy: { dark: "#4a2c00", mid: "#e07a1f", accent: "#fff3b0", ink: "#fffdf5" },
  Crime: { dark: "#0d0d0d", mid: "#3a3a3a", accent: "#e63946", ink: "#f5f5f5" },
  Documentary: { dark: "#1f2a2e", mid: "#56767b", accent: "#f1faee", ink: "#ffffff" },
  Drama: { dark: "#1b1032", mid: "#6a4c93", accent: "#f4d35e", ink: "#fdfbff" },
  Fantasy: { dark: "#15093d", mid: "#5f0f99", accent: "#9ef0ff", ink: "#f7f3ff" },
  "Film-Noir": { dark: "#050505", mid: "#2b2b2b", accent: "#d9d9d9", ink: "#ffffff" },
  Horror: { dark: "#0a0000", mid: "#5c0000", accent: "#ff3b3b", ink: "#fff0f0" },
  IMAX: { dark: "#001219", mid: "#005f73", accent: "#94d2bd", ink: "#f0fffb" },
  Musical: { dark: "#240046", mid: "#c9184a", accent: "#ffd6ff", ink: "#fff5fb" },
  Mystery: { dark: "#0b1320", mid: "#1c3d5a", accent: "#9ad1d4", ink: "#f2fbfc" },
  Romance: { dark: "#3c0919", mid: "#c9184a", accent: "#ffc8dd", ink: "#fff5f8" },
  "Sci-Fi": { dark: "#020024", mid: "#0e4d92", accent: "#00f5d4", ink: "#effffc" },
  Thriller: { dark: "#111111", mid: "#22333b", accent: "#f77f00", ink: "#fff8f0" },
  War: { dark: "#1e1e12", mid: "#5b5b3a", accent: "#d4a373", ink: "#fbf7ef" },
  Western: { dark: "#2b1600", mid: "#a0522d", accent: "#ffcb69", ink: "#fff9ee" },
};
const neutral: Palette = { dark: "#141414", mid: "#404040", accent: "#e5e5e5", ink: "#ffffff" };

export function paletteFor(genres: readonly string[]): Palette {
  for (const genre of genres) if (palettes[genre]) return palettes[genre];
  return neutral;
}

/** FNV-1a: a stable number per name, to vary the motif. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const width = 200;
const height = 300;
/** Room for the name: the poster's width less its margins. */
const textWidth = 168;

/** Poster headline and subtitle: "Star Wars: Episode IV" -> "Star Wars" / "Episode IV"; no "(a.k.a. ...)". */
export function posterText(name: string): { headline: string; subtitle: string } {
  const cleaned = name.replace(/\s*\((a\.k\.a\.|aka)[^)]*\)/gi, "").replace(/\s+/g, " ").trim() || name;
  const colon = cleaned.indexOf(": ");
  if (colon > 0 && colon < cleaned.length - 2) return { headline: cleaned.slice(0, colon), subtitle: cleaned.slice(colon + 2) };
  const dash = cleaned.indexOf(" - ");
  if (dash > 0) return { headline: cleaned.slice(0, dash), subtitle: cleaned.slice(dash + 3) };
  return { headline: cleaned, subtitle: "" };
}

/** Greedy word wrap to at most `maxLines` lines of about `perLine` characters (the last one ellipsized). */
export function wrapWords(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= perLine || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[\s,.:;-]+$/, "")}…`;
  return kept;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[char]!);

function motif(kind: number, palette: Palette, seed: number): string {
  const pick = (n: number, shift: number) => ((seed >>> shift) % n) / n;
  switch (kind) {
    case 0: {
      // A low sun behind layered hills.
      const cx = 50 + pick(100, 3) * 100;
      return `<circle cx="${cx.toFixed(0)}" cy="150" r="${(55 + pick(30, 7) * 30).toFixed(0)}" fill="${palette.accent}" opacity=".85"/>
<path d="M0 190 L60 140 L120 185 L160 150 L200 180 L200 300 L0 300Z" fill="${palette.mid}" opacity=".9"/>
<path d="M0 215 L50 190 L110 220 L170 185 L200 205 L200 300 L0 300Z" fill="${palette.dark}"/>`;
    }
    case 1: {
      // Diagonal bands.
      const bands = [0, 1, 2, 3, 4].map((i) => {
        const x = -120 + i * 70 + pick(40, i + 2) * 30;
        return `<path d="M${x.toFixed(0)} 300 L${(x + 200).toFixed(0)} 0 L${(x + 230).toFixed(0)} 0 L${(x + 30).toFixed(0)} 300Z" fill="${i % 2 ? palette.accent : palette.mid}" opacity="${i % 2 ? ".55" : ".8"}"/>`;
      });
      return bands.join("\n");
    }
    case 2: {
      // Concentric rings.
      const cx = 40 + pick(120, 5) * 120;
      const cy = 70 + pick(80, 9) * 80;
      return [110, 85, 60, 38, 18]
        .map((r, i) => `<circle cx="${cx.toFixed(0)}" cy="${cy.toFixed(0)}" r="${r}" fill="none" stroke="${i % 2 ? palette.accent : palette.mid}" stroke-width="${i === 4 ? 18 : 9}" opacity=".75"/>`)
        .join("\n");
    }
    case 3: {
      // A spotlight cone with a floor glow.
      const x = 40 + pick(120, 4) * 120;
      return `<path d="M${x.toFixed(0)} -10 L${(x - 90).toFixed(0)} 260 L${(x + 90).toFixed(0)} 260Z" fill="${palette.accent}" opacity=".28"/>
<ellipse cx="${x.toFixed(0)}" cy="258" rx="95" ry="16" fill="${palette.accent}" opacity=".45"/>
<circle cx="${x.toFixed(0)}" cy="-6" r="16" fill="${palette.accent}"/>`;
    }
    default: {
      // A field of dots growing towards one corner.
      const dots: string[] = [];
      for (let row = 0; row < 9; row++) {
        for (let col = 0; col < 7; col++) {
          const r = 2 + ((row + col) / 14) * 9 * (0.6 + pick(10, (row * 7 + col) % 24) * 0.4);
          dots.push(`<circle cx="${15 + col * 28}" cy="${15 + row * 30}" r="${r.toFixed(1)}" fill="${(row + col) % 3 ? palette.mid : palette.accent}" opacity=".8"/>`);
        }
      }
      return dots.join("");
    }
  }
}

export function posterSvg(title: PosterInput): string {
  const palette = paletteFor(title.genres);
  const seed = hashOf(title.id ?? title.name);
  const { headline, subtitle } = posterText(title.name);
  const longestWord = Math.max(...headline.split(" ").map((word) => word.length));
  const perLine = Math.max(8, Math.min(14, longestWord));
  const lines = wrapWords(headline.toUpperCase(), perLine, 4);
  const widest = Math.max(...lines.map((line) => line.length));
  // Bold capitals are about 0.72 em wide in the usual sans fonts; lines that might still overflow are
  // squeezed to the width (textLength), so no font can push the name off the poster.
  const fontSize = Math.max(15, Math.min(34, Math.floor(textWidth / (0.72 * widest))));
  const lineHeight = Math.round(fontSize * 1.05);
  const subtitleLines = subtitle ? wrapWords(subtitle, 24, 2) : [];
  const textBottom = 270 - subtitleLines.length * 15;
  const firstBaseline = textBottom - (lines.length - 1) * lineHeight;
  const genre = title.genres[0] && title.genres[0] !== "(no genres listed)" ? title.genres[0] : "";

  const text = [
    genre ? `<text x="16" y="28" font-size="11" letter-spacing="2.5" fill="${palette.ink}" opacity=".85">${escapeXml(genre.toUpperCase())}</text>` : "",
    ...lines.map(
      (line, index) =>
        `<text x="16" y="${firstBaseline + index * lineHeight}" font-size="${fontSize}" font-weight="800" fill="${palette.ink}"${line.length * 0.72 * fontSize > textWidth - 12 ? ` textLength="${textWidth}" lengthAdjust="spacingAndGlyphs"` : ""}>${escapeXml(line)}</text>`,
    ),
    ...subtitleLines.map((line, index) => `<text x="16" y="${textBottom + 17 + index * 15}" font-size="12" font-weight="600" fill="${palette.ink}" opacity=".9">${escapeXml(line)}</text>`),
    title.year ? `<text x="184" y="28" font-size="11" text-anchor="end" letter-spacing="1.5" fill="${palette.ink}" opacity=".85">${title.year}</text>` : "",
  ].join("\n");

  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${palette.mid}"/><stop offset="1" stop-color="${palette.dark}"/></linearGradient>
<linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset=".35" stop-color="${palette.dark}" stop-opacity="0"/><stop offset="1" stop-color="${palette.dark}" stop-opacity=".92"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>
${motif(seed % 5, palette, seed)}
<rect width="${width}" height="${height}" fill="url(#s)"/>
${text}
</svg>`;
}

const cache = new Map<string, string>();

/** The poster as a data: URL for an <img> (cached: rows re-render often). */
export function posterUrl(title: PosterInput): string {
  const key = `${title.id ?? ""}|${title.name}|${title.year ?? ""}|${title.genres.join(",")}`;
  let url = cache.get(key);
  if (!url) {
    url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(posterSvg(title))}`;
    if (cache.size > 2000) cache.clear();
    cache.set(key, url);
  }
  return url;
}
