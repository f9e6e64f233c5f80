/**
 * Transverse Mercator on the WGS 84 ellipsoid with Krüger's series to sixth order in n, as in
 * Karney (2011), "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85:475.
 * This is the algorithm GeographicLib's TransverseMercator (and so GeoConvert) uses, so UTM and
 * MGRS agree with GeoConvert to well under a micrometre within a zone.
 */

const A_WGS84 = 6378137;
const F_WGS84 = 1 / 298.257223563;
const E2 = F_WGS84 * (2 - F_WGS84);
const E = Math.sqrt(E2);
const N = F_WGS84 / (2 - F_WGS84);
const N2 = N * N;
const N3 = N2 * N;
const N4 = N3 * N;
const N5 = N4 * N;
const N6 = N5 * N;

/** Rectifying radius (Karney 2011 eq. 14). */
const A_RECT = (A_WGS84 / (1 + N)) * (1 + N2 / 4 + N4 / 64 + N6 / 256);

// Karney 2011 eq. 35: conformal → rectifying (forward).
const ALPHA = [
  N / 2 - (2 * N2) / 3 + (5 * N3) / 16 + (41 * N4) / 180 - (127 * N5) / 288 + (7891 * N6) / 37800,
  (13 * N2) / 48 - (3 * N3) / 5 + (557 * N4) / 1440 + (281 * N5) / 630 - (1983433 * N6) / 1935360,
  (61 * N3) / 240 - (103 * N4) / 140 + (15061 * N5) / 26880 + (167603 * N6) / 181440,
  (49561 * N4) / 161280 - (179 * N5) / 168 + (6601661 * N6) / 7257600,
  (34729 * N5) / 80640 - (3418889 * N6) / 1995840,
  (212378941 * N6) / 319334400,
] as const;

// Karney 2011 eq. 36: rectifying → conformal (reverse).
const BETA = [
  N / 2 - (2 * N2) / 3 + (37 * N3) / 96 - N4 / 360 - (81 * N5) / 512 + (96199 * N6) / 604800,
  N2 / 48 + N3 / 15 - (437 * N4) / 1440 + (46 * N5) / 105 - (1118711 * N6) / 3870720,
  (17 * N3) / 480 - (37 * N4) / 840 - (209 * N5) / 4480 + (5569 * N6) / 90720,
  (4397 * N4) / 161280 - (11 * N5) / 504 - (830251 * N6) / 7257600,
  (4583 * N5) / 161280 - (108847 * N6) / 3991680,
  (20648693 * N6) / 638668800,
] as const;

const DEG = Math.PI / 180;

/** τ' (tangent of the conformal latitude) from τ (tangent of the geodetic latitude). */
function taupf(tau: number): number {
  const tau1 = Math.hypot(1, tau);
  const sig = Math.sinh(E * Math.atanh((E * tau) / tau1));
  return Math.hypot(1, sig) * tau - sig * tau1;
}

/** Inverse of taupf by Newton's method (Karney 2011 eqs. 19–21). */
function tauf(taup: number): number {
  let tau = taup / (1 - E2);
  for (let i = 0; i < 8; i++) {
    const tau1 = Math.hypot(1, tau);
    const taupa = taupf(tau);
    const dtau = ((taup - taupa) * (1 + (1 - E2) * tau * tau)) / ((1 - E2) * tau1 * Math.hypot(1, taupa));
    tau += dtau;
    if (!(Math.abs(dtau) >= 1e-15 * Math.max(1, Math.abs(tau)))) break;
  }
  return tau;
}

/** Projected coordinates (before false easting/northing) with convergence and scale. */
export interface TmForward {
  readonly x: number;
  readonly y: number;
  /** Meridian convergence: bearing of grid north, degrees clockwise from true north. */
  readonly convergence: number;
  readonly scale: number;
}

/**
 * Forward TM: latitude and longitude difference from the central meridian (degrees) to x, y in
 * metres at scale k0. Valid for |dLon| well beyond a UTM zone (accuracy 5 nm within 3900 km).
 */
export function tmForward(lat: number, dLon: number, k0: number): TmForward {
  const phi = lat * DEG;
  const lam = dLon * DEG;
  const clam = Math.cos(lam);
  const slam = Math.sin(lam);
  const tau = Math.abs(lat) === 90 ? Math.sign(lat) * Infinity : Math.tan(phi);
  const taup = Number.isFinite(tau) ? taupf(tau) : tau;
  let xip: number;
  let etap: number;
  if (Number.isFinite(taup)) {
    xip = Math.atan2(taup, clam);
    etap = Math.asinh(slam / Math.hypot(taup, clam));
  } else {
    xip = Math.sign(taup) * (Math.PI / 2);
    etap = 0;
  }
  let xi = xip;
  let eta = etap;
  let p = 1;
  let q = 0;
  for (let j = 1; j <= 6; j++) {
    const a = ALPHA[j - 1] as number;
    const s = Math.sin(2 * j * xip);
    const c = Math.cos(2 * j * xip);
    const sh = Math.sinh(2 * j * etap);
    const ch = Math.cosh(2 * j * etap);
    xi += a * s * ch;
    eta += a * c * sh;
    p += 2 * j * a * c * ch;
    q += 2 * j * a * s * sh;
  }
  const gammap = Number.isFinite(taup) ? Math.atan2(taup * slam, Math.hypot(1, taup) * clam) : lam;
  const gamma = gammap + Math.atan2(q, p);
  // Karney 2011 eq. 28: k = k0 (A/a) sqrt(1 + (1 - e²) tan²φ) sqrt(p² + q²) / sqrt(τ'² + cos²λ).
  const scale = Number.isFinite(tau)
    ? ((k0 * A_RECT) / A_WGS84) *
      Math.sqrt(1 + (1 - E2) * tau * tau) *
      (Math.hypot(p, q) / Math.hypot(taup, clam))
    : k0;
  return { x: k0 * A_RECT * eta, y: k0 * A_RECT * xi, convergence: gamma / DEG, scale };
}

/** Reverse TM: x, y in metres (before false easting/northing) to latitude and dLon in degrees. */
export function tmReverse(x: number, y: number, k0: number): { readonly lat: number; readonly dLon: number } {
  const xi = y / (k0 * A_RECT);
  const eta = x / (k0 * A_RECT);
  let xip = xi;
  let etap = eta;
  for (let j = 1; j <= 6; j++) {
    const b = BETA[j - 1] as number;
    xip -= b * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
    etap -= b * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
  }
  const sxip = Math.sin(xip);
  const cxip = Math.cos(xip);
  const shetap = Math.sinh(etap);
  const r = Math.hypot(shetap, cxip);
  let lat: number;
  let dLon: number;
  if (r !== 0) {
    const taup = sxip / r;
    lat = Math.atan(tauf(taup)) / DEG;
    dLon = Math.atan2(shetap, cxip) / DEG;
  } else {
    lat = Math.sign(sxip) * 90;
    dLon = 0;
  }
  return { lat, dLon };
}
