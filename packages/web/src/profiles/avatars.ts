// The pictures of the avatars the API offers (Query.choices lists the names; the API stores the name).
// Simple SVG pictures, drawn here so nothing is fetched from elsewhere. An API test checks that every
// name the API offers has its drawing here.

const eye = (x: number, y: number, r = 5) => `<circle cx="${x}" cy="${y}" r="${r}" fill="#1b1b1b"/><circle cx="${x + r / 3}" cy="${y - r / 3}" r="${r / 3}" fill="#fff"/>`;

const drawings: Record<string, { background: string; body: string }> = {
  popcorn: {
    background: "#ffe8a3",
    body: `<circle cx="38" cy="36" r="12" fill="#fffaf0"/><circle cx="52" cy="30" r="13" fill="#fff5d6"/><circle cx="64" cy="38" r="12" fill="#fffaf0"/>
<path d="M28 42 L72 42 L66 86 L34 86Z" fill="#fff"/><path d="M33 42 L41 42 L42 86 L36 86Z M50 42 L58 42 L55 86 L49 86Z M66 42 L72 42 L68 70Z" fill="#d62828"/>`,
  },
  clapperboard: {
    background: "#c7d2fe",
    body: `<rect x="24" y="44" width="52" height="38" rx="3" fill="#1f2937"/><path d="M24 32 L74 24 L76 36 L26 44Z" fill="#f9fafb"/>
<path d="M32 31 L40 30 L36 42 L28 43Z M48 28 L56 27 L52 39 L44 40Z M64 26 L72 25 L68 37 L60 38Z" fill="#1f2937"/><rect x="31" y="55" width="38" height="4" fill="#9ca3af"/><rect x="31" y="65" width="26" height="4" fill="#9ca3af"/>`,
  },
  rocket: {
    background: "#bde0fe",
    body: `<path d="M50 14 C64 28 66 52 60 72 L40 72 C34 52 36 28 50 14Z" fill="#f8f9fa"/><circle cx="50" cy="42" r="8" fill="#3a86ff" stroke="#1d3557" stroke-width="3"/>
<path d="M40 58 L28 76 L40 72Z M60 58 L72 76 L60 72Z" fill="#e63946"/><path d="M43 74 L50 90 L57 74Z" fill="#ff9f1c"/>`,
  },
  robot: {
    background: "#caf0f8",
    body: `<line x1="50" y1="16" x2="50" y2="28" stroke="#495057" stroke-width="3"/><circle cx="50" cy="15" r="4" fill="#ef476f"/>
<rect x="26" y="28" width="48" height="40" rx="8" fill="#adb5bd"/><rect x="33" y="38" width="13" height="11" rx="2" fill="#073b4c"/><rect x="54" y="38" width="13" height="11" rx="2" fill="#073b4c"/>
<rect x="38" y="56" width="24" height="5" rx="2" fill="#495057"/><rect x="34" y="70" width="32" height="14" rx="3" fill="#6c757d"/>`,
  },
  fox: {
    background: "#ffe5d9",
    body: `<path d="M22 24 L40 40 L30 52Z M78 24 L60 40 L70 52Z" fill="#e85d04"/><path d="M24 40 Q50 22 76 40 L50 84Z" fill="#f48c06"/>
<path d="M30 50 Q42 62 50 84 Q58 62 70 50 Q50 60 30 50Z" fill="#fff"/>${eye(40, 50, 4)}${eye(60, 50, 4)}<circle cx="50" cy="80" r="4" fill="#1b1b1b"/>`,
  },
  owl: {
    background: "#e9edc9",
    body: `<path d="M26 30 L36 22 L42 30 L58 30 L64 22 L74 30 L74 76 Q50 92 26 76Z" fill="#8d6e63"/><ellipse cx="50" cy="66" rx="16" ry="14" fill="#d7ccc8"/>
<circle cx="39" cy="44" r="11" fill="#fff"/><circle cx="61" cy="44" r="11" fill="#fff"/>${eye(39, 44, 5)}${eye(61, 44, 5)}<path d="M46 54 L54 54 L50 61Z" fill="#ffb703"/>`,
  },
  cat: {
    background: "#f1e3f3",
    body: `<path d="M26 26 L40 38 L28 50Z M74 26 L60 38 L72 50Z" fill="#6c757d"/><circle cx="50" cy="54" r="27" fill="#868e96"/>
${eye(40, 50, 5)}${eye(60, 50, 5)}<path d="M47 60 L53 60 L50 64Z" fill="#f783ac"/><path d="M22 60 L40 62 M22 68 L40 65 M78 60 L60 62 M78 68 L60 65" stroke="#343a40" stroke-width="1.5"/>`,
  },
  dog: {
    background: "#fde2e4",
    body: `<circle cx="50" cy="52" r="26" fill="#d4a373"/><ellipse cx="26" cy="50" rx="9" ry="18" fill="#7f5539"/><ellipse cx="74" cy="50" rx="9" ry="18" fill="#7f5539"/>
${eye(41, 47, 4)}${eye(59, 47, 4)}<ellipse cx="50" cy="62" rx="11" ry="8" fill="#faedcd"/><ellipse cx="50" cy="59" rx="5" ry="3.5" fill="#1b1b1b"/>`,
  },
  panda: {
    background: "#d8f3dc",
    body: `<circle cx="30" cy="30" r="10" fill="#212529"/><circle cx="70" cy="30" r="10" fill="#212529"/><circle cx="50" cy="52" r="28" fill="#f8f9fa"/>
<ellipse cx="39" cy="50" rx="8" ry="10" fill="#212529" transform="rotate(-20 39 50)"/><ellipse cx="61" cy="50" rx="8" ry="10" fill="#212529" transform="rotate(20 61 50)"/>
<circle cx="40" cy="49" r="3" fill="#fff"/><circle cx="60" cy="49" r="3" fill="#fff"/><ellipse cx="50" cy="63" rx="5" ry="3.5" fill="#212529"/>`,
  },
  penguin: {
    background: "#cde7f0",
    body: `<ellipse cx="50" cy="54" rx="26" ry="32" fill="#212529"/><ellipse cx="50" cy="60" rx="17" ry="24" fill="#f8f9fa"/>
${eye(42, 42, 4)}${eye(58, 42, 4)}<path d="M44 50 L56 50 L50 58Z" fill="#fb8500"/><ellipse cx="40" cy="86" rx="7" ry="3" fill="#fb8500"/><ellipse cx="60" cy="86" rx="7" ry="3" fill="#fb8500"/>`,
  },
  tiger: {
    background: "#fff3b0",
    body: `<circle cx="30" cy="32" r="9" fill="#f77f00"/><circle cx="70" cy="32" r="9" fill="#f77f00"/><circle cx="50" cy="54" r="28" fill="#f77f00"/>
<path d="M50 26 L46 38 L54 38Z M24 50 L36 52 L24 56Z M76 50 L64 52 L76 56Z M30 36 L38 44 L34 46Z M70 36 L62 44 L66 46Z" fill="#212529"/>
<ellipse cx="50" cy="66" rx="13" ry="9" fill="#fff"/>${eye(41, 50, 4)}${eye(59, 50, 4)}<path d="M46 61 L54 61 L50 66Z" fill="#212529"/>`,
  },
  dragon: {
    background: "#e0f2e9",
    body: `<path d="M34 26 L40 16 L46 26 L52 14 L58 26 L64 18 L66 30Z" fill="#2d6a4f"/><path d="M28 30 L72 30 Q80 54 70 76 Q50 90 30 76 Q20 54 28 30Z" fill="#40916c"/>
<ellipse cx="50" cy="68" rx="16" ry="11" fill="#95d5b2"/>${eye(39, 46, 5)}${eye(61, 46, 5)}<circle cx="45" cy="66" r="2" fill="#1b4332"/><circle cx="55" cy="66" r="2" fill="#1b4332"/>`,
  },
};

/** The avatar names this client can draw. */
export const drawnAvatars: readonly string[] = Object.keys(drawings);

export function isDrawn(name: string): boolean {
  return Object.hasOwn(drawings, name);
}

export function avatarSvg(name: string): string {
  // A name the client cannot draw yet (the API added one) shows the first picture rather than nothing.
  const drawing = drawings[isDrawn(name) ? name : "popcorn"]!;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="16" fill="${drawing.background}"/>${drawing.body}</svg>`;
}

const urls = new Map<string, string>();

export function avatarUrl(name: string): string {
  let url = urls.get(name);
  if (!url) {
    url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(avatarSvg(name))}`;
    urls.set(name, url);
  }
  return url;
}

/** Avatar names read aloud / shown as alt text. */
export function avatarLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
