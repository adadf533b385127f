import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Where the desktop app keeps the register. Installed (NSIS, per user) or run from the portable zip, it is
// Electron's user-data folder, %APPDATA%\Sổ An Sinh\ — the same for both, so a ward that moves from the zip
// to the installer (or back) keeps its data, and installing a newer version over an older one never
// touches it. A file named portable.txt beside the executable switches the app to a folder `du-lieu`
// beside it, for a PC where even %APPDATA% is wiped (roaming profiles reset at logoff): copy the unzipped
// folder to the PC's own disk first — a register on a USB stick or a network share is refused at start.

export const PORTABLE_MARKER = 'portable.txt';
export const PORTABLE_DATA_FOLDER = 'du-lieu';

/** The data folder beside the executable when the marker is there, else undefined (use userData). */
export function portableDataFolder(
  executablePath: string,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const folder = dirname(executablePath);
  return exists(join(folder, PORTABLE_MARKER)) ? join(folder, PORTABLE_DATA_FOLDER) : undefined;
}
