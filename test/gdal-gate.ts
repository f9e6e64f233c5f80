/** Whether Debian's gdal-bin is here, for the suites that check Cairn's files against GDAL. */
import { execFileSync } from 'node:child_process';

/** `ogrinfo --version`, or undefined without gdal-bin. */
export function gdalVersion(): string | undefined {
  try {
    return execFileSync('ogrinfo', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export const GDAL_SKIP_REASON = 'ogrinfo/ogr2ogr not found: install Debian gdal-bin (.ci/run does)';
