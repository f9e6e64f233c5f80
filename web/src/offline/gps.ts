/**
 * The device position for a report point (issue #12 §2): one high-accuracy fix from the
 * Geolocation API, with its horizontal accuracy in metres kept with the report, and each way it
 * can fail named so the form can say what to do.
 */

export type FixFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export type Fix =
  | {
      readonly ok: true;
      readonly lat: number;
      readonly lon: number;
      readonly accuracyM: number;
      readonly capturedAt: string;
    }
  | { readonly ok: false; readonly reason: FixFailure };

/** Give up on a fix after this long (a cold GPS in the open needs up to ~30 s). */
export const FIX_TIMEOUT_MS = 30_000;

/** The Geolocation API's error codes (GeolocationPositionError: 1 denied, 2 unavailable, 3 timeout). */
export function failureOf(code: number): FixFailure {
  return code === 1 ? 'denied' : code === 3 ? 'timeout' : 'unavailable';
}

/** The browser's Geolocation API, where there is one (old or locked-down browsers lack it). */
function deviceGeolocation(): Geolocation | undefined {
  return typeof navigator !== 'undefined' && 'geolocation' in navigator ? navigator.geolocation : undefined;
}

/** Ask for one fresh fix; never rejects. */
export function currentFix(geolocation: Geolocation | undefined = deviceGeolocation()): Promise<Fix> {
  if (geolocation === undefined) return Promise.resolve({ ok: false, reason: 'unsupported' });
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      (p) => {
        const { latitude, longitude, accuracy } = p.coords;
        if (!Number.isFinite(latitude) || !Number.isFinite(longitude))
          resolve({ ok: false, reason: 'unavailable' });
        else
          resolve({
            ok: true,
            lat: latitude,
            lon: longitude,
            accuracyM: Math.round(accuracy * 10) / 10,
            capturedAt: new Date(p.timestamp).toISOString(),
          });
      },
      (e) => resolve({ ok: false, reason: failureOf(e.code) }),
      // No cached fix: a turning point is where the device is now, not where it was a minute ago.
      { enableHighAccuracy: true, timeout: FIX_TIMEOUT_MS, maximumAge: 0 },
    );
  });
}
