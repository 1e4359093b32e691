// Illustrations for the demo offers, drawn in code so that nothing is downloaded: a pictogram per
// category on a coloured ground. Each category has a few variants (ground colour and decoration),
// so a grid of offers of one category does not look like one picture repeated. No text is drawn:
// fonts differ between machines, and a picture without words serves both languages.

/** Variants per category; the seed renders each used pair of category and variant once. */
export const illustrationVariantCount = 2;

/** Drawn size. Small enough that rendering stays quick at seed time, large enough for the gallery. */
export const illustrationWidth = 800;
export const illustrationHeight = 450;

/** Soft grounds the pictograms stand on, as pairs of gradient colours. */
const grounds: readonly [string, string][] = [
  ['#f4ecd8', '#e6d6b3'],
  ['#e3f0dc', '#c9e0bd'],
  ['#dcebf2', '#bcd8e6'],
  ['#f6e0d6', '#ebc3b1'],
  ['#ece3f2', '#d6c5e3'],
  ['#f7f0cf', '#ecdc9c'],
  ['#dff0ec', '#bfe0d8'],
];

const outline = '#3d3a33';

/** Pictograms drawn in a box from -100 to 100 on both axes. */
const pictograms: Record<string, string> = {
  // A carrot with its greens.
  'food.vegetables': `
    <path d="M-6,-62 C-30,-100 -52,-96 -44,-78 C-38,-66 -22,-62 -6,-62 Z" fill="#4f9a3a"/>
    <path d="M2,-62 C2,-104 20,-108 22,-90 C24,-76 12,-64 2,-62 Z" fill="#62b04a"/>
    <path d="M8,-60 C34,-92 56,-84 46,-68 C38,-58 22,-58 8,-60 Z" fill="#4f9a3a"/>
    <path d="M-34,-58 Q0,-74 34,-58 L6,90 Q0,98 -6,90 Z" fill="#f08a24" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    <path d="M-22,-20 L-4,-16 M8,10 L22,12 M-14,40 L0,42" stroke="#c0651a" stroke-width="4" stroke-linecap="round"/>`,
  // An apple with a leaf.
  'food.fruit': `
    <path d="M0,-44 C-30,-64 -82,-54 -80,2 C-78,56 -42,86 -16,80 C-6,78 6,78 16,80 C42,86 78,56 80,2 C82,-54 30,-64 0,-44 Z" fill="#d8432f" stroke="${outline}" stroke-width="3"/>
    <path d="M0,-44 C-2,-62 4,-78 12,-88" stroke="#6b4423" stroke-width="7" stroke-linecap="round" fill="none"/>
    <path d="M8,-70 C24,-96 58,-92 62,-80 C46,-64 22,-62 8,-70 Z" fill="#5ca544" stroke="${outline}" stroke-width="2"/>
    <ellipse cx="-42" cy="-12" rx="12" ry="22" fill="#ffffff" fill-opacity="0.45" transform="rotate(20 -42 -12)"/>`,
  // A loaf with scored crust.
  'food.bakery': `
    <path d="M-90,40 C-98,-32 -50,-62 0,-62 C50,-62 98,-32 90,40 C88,56 76,62 60,62 L-60,62 C-76,62 -88,56 -90,40 Z" fill="#c8873f" stroke="${outline}" stroke-width="3"/>
    <path d="M-52,-30 L-30,10 M-12,-42 L10,0 M28,-40 L50,0" stroke="#f0c98a" stroke-width="9" stroke-linecap="round"/>
    <path d="M-80,44 C-40,56 40,56 80,44" stroke="#9c6326" stroke-width="4" fill="none"/>`,
  // Three eggs in a carton.
  'food.dairy': `
    <ellipse cx="-50" cy="-8" rx="30" ry="40" fill="#f7ead0" stroke="${outline}" stroke-width="3"/>
    <ellipse cx="0" cy="-18" rx="30" ry="40" fill="#e9c99a" stroke="${outline}" stroke-width="3"/>
    <ellipse cx="50" cy="-8" rx="30" ry="40" fill="#f7ead0" stroke="${outline}" stroke-width="3"/>
    <path d="M-92,20 L92,20 L78,74 L-78,74 Z" fill="#a98b67" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    <path d="M-30,20 L-34,74 M30,20 L34,74" stroke="#8a6e4e" stroke-width="3"/>`,
  // A jar of honey with a comb cell on its label.
  'food.preserves': `
    <rect x="-52" y="-86" width="104" height="28" rx="6" fill="#8a5a2b" stroke="${outline}" stroke-width="3"/>
    <path d="M-58,-56 L58,-56 C70,-56 74,-44 74,-30 L74,70 C74,82 66,90 54,90 L-54,90 C-66,90 -74,82 -74,70 L-74,-30 C-74,-44 -70,-56 -58,-56 Z" fill="#f2b230" stroke="${outline}" stroke-width="3"/>
    <rect x="-50" y="-6" width="100" height="56" rx="6" fill="#fff8e6"/>
    <path d="M0,-2 L20,10 L20,34 L0,46 L-20,34 L-20,10 Z" fill="#f2b230" stroke="#b97d12" stroke-width="3"/>
    <path d="M-56,-40 L-56,-4" stroke="#ffffff" stroke-opacity="0.6" stroke-width="8" stroke-linecap="round"/>`,
  // A bottle of juice and a glass.
  'food.drinks': `
    <path d="M-48,-92 L-20,-92 L-20,-54 C-20,-44 -4,-36 -4,-16 L-4,82 C-4,88 -8,92 -14,92 L-54,92 C-60,92 -64,88 -64,82 L-64,-16 C-64,-36 -48,-44 -48,-54 Z" fill="#e9a53a" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    <rect x="-50" y="-100" width="32" height="14" rx="3" fill="#c0392b" stroke="${outline}" stroke-width="3"/>
    <rect x="-60" y="10" width="52" height="40" rx="4" fill="#fff8e6"/>
    <circle cx="-34" cy="30" r="11" fill="#d8432f"/>
    <path d="M22,4 L82,4 L74,92 L30,92 Z" fill="#ffffff" fill-opacity="0.55" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    <path d="M26,38 L78,38 L74,88 L30,88 Z" fill="#e9a53a"/>`,
  // A slice of a log with its rings.
  'crafts.wood': `
    <circle cx="0" cy="0" r="86" fill="#7a4b24" stroke="${outline}" stroke-width="3"/>
    <circle cx="0" cy="0" r="72" fill="#e2b77d"/>
    <circle cx="4" cy="2" r="54" fill="none" stroke="#b5834d" stroke-width="4"/>
    <circle cx="6" cy="4" r="36" fill="none" stroke="#b5834d" stroke-width="4"/>
    <circle cx="8" cy="6" r="18" fill="none" stroke="#b5834d" stroke-width="4"/>
    <path d="M20,-60 L12,-20" stroke="#7a4b24" stroke-width="4" stroke-linecap="round"/>`,
  // A spool of thread and a needle.
  'crafts.textiles': `
    <rect x="-70" y="-80" width="100" height="18" rx="5" fill="#a0703f" stroke="${outline}" stroke-width="3"/>
    <rect x="-70" y="62" width="100" height="18" rx="5" fill="#a0703f" stroke="${outline}" stroke-width="3"/>
    <rect x="-58" y="-62" width="76" height="124" fill="#c0437a" stroke="${outline}" stroke-width="3"/>
    <path d="M-58,-40 L18,-40 M-58,-18 L18,-18 M-58,4 L18,4 M-58,26 L18,26 M-58,48 L18,48" stroke="#e07aa8" stroke-width="4"/>
    <path d="M56,-86 L84,80" stroke="#8795a1" stroke-width="7" stroke-linecap="round"/>
    <ellipse cx="60" cy="-66" rx="3" ry="9" fill="#ffffff" transform="rotate(-10 60 -66)"/>
    <path d="M18,20 C50,30 40,-60 60,-66" stroke="#c0437a" stroke-width="3" fill="none"/>`,
  // A vase.
  'crafts.ceramics': `
    <path d="M-30,-90 L30,-90 L24,-60 C70,-40 80,20 50,70 C40,86 26,92 0,92 C-26,92 -40,86 -50,70 C-80,20 -70,-40 -24,-60 Z" fill="#3f7fa8" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    <path d="M-62,0 C-20,14 20,14 62,0" stroke="#f4ecd8" stroke-width="8" fill="none"/>
    <path d="M-58,30 C-20,42 20,42 58,30" stroke="#f4ecd8" stroke-width="4" fill="none"/>`,
  // Two arrows in a circle: passed on, used again.
  'household.secondhand': `
    <path d="M-70,-10 A72,72 0 0 1 50,-52" stroke="#2f8f6a" stroke-width="18" fill="none" stroke-linecap="round"/>
    <path d="M36,-84 L84,-50 L30,-24 Z" fill="#2f8f6a"/>
    <path d="M70,10 A72,72 0 0 1 -50,52" stroke="#2f8f6a" stroke-width="18" fill="none" stroke-linecap="round"/>
    <path d="M-36,84 L-84,50 L-30,24 Z" fill="#2f8f6a"/>`,
  // A drop of soap and bubbles.
  'household.cleaning': `
    <path d="M-10,-88 C-30,-50 -70,-10 -70,30 C-70,66 -42,90 -10,90 C22,90 50,66 50,30 C50,-10 10,-50 -10,-88 Z" fill="#4aa3df" stroke="${outline}" stroke-width="3"/>
    <path d="M-46,24 C-46,46 -34,60 -18,64" stroke="#ffffff" stroke-opacity="0.7" stroke-width="8" fill="none" stroke-linecap="round"/>
    <circle cx="62" cy="-44" r="22" fill="#ffffff" fill-opacity="0.6" stroke="#4aa3df" stroke-width="4"/>
    <circle cx="78" cy="4" r="12" fill="#ffffff" fill-opacity="0.6" stroke="#4aa3df" stroke-width="4"/>
    <circle cx="40" cy="-84" r="9" fill="#ffffff" fill-opacity="0.6" stroke="#4aa3df" stroke-width="3"/>`,
  // A flower in a pot.
  'household.garden': `
    <path d="M0,24 L0,-40" stroke="#4f9a3a" stroke-width="7"/>
    <path d="M0,-4 C-30,-10 -50,-36 -44,-50 C-24,-46 -6,-28 0,-4 Z" fill="#62b04a"/>
    <path d="M0,10 C30,4 50,-22 44,-36 C24,-32 6,-14 0,10 Z" fill="#4f9a3a"/>
    <g transform="translate(0 -60)">
      <circle cx="0" cy="-22" r="16" fill="#f2c94c"/><circle cx="21" cy="-7" r="16" fill="#f2c94c"/>
      <circle cx="13" cy="18" r="16" fill="#f2c94c"/><circle cx="-13" cy="18" r="16" fill="#f2c94c"/>
      <circle cx="-21" cy="-7" r="16" fill="#f2c94c"/><circle cx="0" cy="0" r="12" fill="#c0651a"/>
    </g>
    <path d="M-54,24 L54,24 L42,92 L-42,92 Z" fill="#c8643b" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    <rect x="-60" y="18" width="120" height="20" rx="4" fill="#b0552f" stroke="${outline}" stroke-width="3"/>`,
  // A spanner.
  'services.repair': `
    <g transform="rotate(-45)">
      <rect x="-13" y="-30" width="26" height="122" rx="12" fill="#6b7b8c" stroke="${outline}" stroke-width="3"/>
      <path d="M-40,-62 C-44,-96 -14,-106 -14,-106 L-14,-72 L14,-72 L14,-106 C14,-106 44,-96 40,-62 C38,-42 20,-30 0,-30 C-20,-30 -38,-42 -40,-62 Z" fill="#6b7b8c" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
      <circle cx="0" cy="70" r="6" fill="#3d3a33"/>
    </g>`,
  // A heart held in two hands.
  'services.care': `
    <path d="M0,-16 C-16,-60 -80,-58 -80,-12 C-80,20 -40,44 0,70 C40,44 80,20 80,-12 C80,-58 16,-60 0,-16 Z" fill="#e0607e" stroke="${outline}" stroke-width="3"/>
    <path d="M-96,40 C-80,90 -30,96 0,92 C30,96 80,90 96,40" stroke="#d9a066" stroke-width="16" fill="none" stroke-linecap="round"/>`,
  // An open book.
  'services.teaching': `
    <path d="M0,-50 C-30,-70 -70,-70 -94,-56 L-94,66 C-70,54 -30,54 0,72 Z" fill="#fdf7ea" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    <path d="M0,-50 C30,-70 70,-70 94,-56 L94,66 C70,54 30,54 0,72 Z" fill="#fdf7ea" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    <path d="M-78,-30 C-56,-40 -30,-40 -14,-30 M-78,-6 C-56,-16 -30,-16 -14,-6 M-78,18 C-56,8 -30,8 -14,18" stroke="#8795a1" stroke-width="4" fill="none"/>
    <path d="M14,-30 C30,-40 56,-40 78,-30 M14,-6 C30,-16 56,-16 78,-6" stroke="#8795a1" stroke-width="4" fill="none"/>
    <path d="M40,-58 L40,4 L50,-6 L60,4 L60,-62" fill="#d8432f"/>`,
  // A cargo bike with its box.
  'services.transport': `
    <circle cx="-58" cy="50" r="34" fill="none" stroke="${outline}" stroke-width="8"/>
    <circle cx="62" cy="50" r="34" fill="none" stroke="${outline}" stroke-width="8"/>
    <path d="M-58,50 L-10,50 L22,-10 L62,50 M-10,50 L-30,-6 L22,-10 M22,-10 L16,-40 L36,-40" stroke="#2f6f9f" stroke-width="7" fill="none" stroke-linejoin="round" stroke-linecap="round"/>
    <path d="M-40,-6 L-20,-6" stroke="${outline}" stroke-width="8" stroke-linecap="round"/>
    <rect x="-100" y="-44" width="62" height="52" rx="4" fill="#e9a53a" stroke="${outline}" stroke-width="3"/>
    <path d="M-100,-26 L-38,-26" stroke="#b97d12" stroke-width="3"/>`,
  // A hammer.
  'services.craft': `
    <g transform="rotate(-35)">
      <rect x="-10" y="-50" width="20" height="142" rx="8" fill="#b07a45" stroke="${outline}" stroke-width="3"/>
      <path d="M-64,-86 L50,-86 L60,-72 L60,-50 L-64,-50 C-74,-50 -80,-58 -80,-68 C-80,-78 -74,-86 -64,-86 Z" fill="#6b7b8c" stroke="${outline}" stroke-width="3" stroke-linejoin="round"/>
    </g>`,
};

/** The pictogram for codes without a drawing of their own: a simple parcel. */
const fallbackPictogram = `
  <rect x="-76" y="-56" width="152" height="120" rx="6" fill="#c8a06a" stroke="${outline}" stroke-width="3"/>
  <path d="M-76,-20 L76,-20 M-14,-56 L-14,64 M14,-56 L14,64" stroke="#9c7848" stroke-width="5"/>`;

/** A small deterministic generator, so a variant always looks the same. */
function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function hashOf(text: string): number {
  let hash = 7;
  for (const character of text) hash = (hash * 31 + character.charCodeAt(0)) % 1_000_003;
  return hash;
}

/** The SVG for a category's variant (0 to illustrationVariantCount - 1). */
export function demoIllustrationSvg(categoryCode: string, variant: number): string {
  const seed = hashOf(categoryCode) + variant * 7919;
  const random = pseudoRandom(seed);
  const [light, dark] = grounds[(hashOf(categoryCode) + variant * 3) % grounds.length]!;
  const width = illustrationWidth;
  const height = illustrationHeight;
  // Loose circles behind the pictogram, placed by the variant's seed.
  const circles = Array.from({ length: 5 }, () => {
    const x = Math.round(random() * width);
    const y = Math.round(random() * height);
    const radius = Math.round(40 + random() * 120);
    const opacity = (0.12 + random() * 0.2).toFixed(2);
    return `<circle cx="${x}" cy="${y}" r="${radius}" fill="#ffffff" fill-opacity="${opacity}"/>`;
  }).join('');
  const tilt = Math.round((random() - 0.5) * 16);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs><linearGradient id="ground" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>
  <rect width="${width}" height="${height}" fill="url(#ground)"/>
  ${circles}
  <circle cx="${width / 2}" cy="${height / 2}" r="${Math.round(height * 0.4)}" fill="#ffffff" fill-opacity="0.7"/>
  <g transform="translate(${width / 2} ${height / 2}) rotate(${tilt}) scale(${(height * 0.0041).toFixed(3)})">${pictograms[categoryCode] ?? fallbackPictogram}</g>
</svg>`;
}
