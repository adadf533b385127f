import { execFileSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// The live register must be on the PC's own disk: a USB stick pulled out or a network drive that drops
// in the middle of a write can cost the ward its register. Detected without native modules:
// - Windows: UNC paths (\\server\share\…, \\?\UNC\…), and a drive letter that Windows reports as a
//   network drive (a share mapped to Z:) or a removable one (a USB stick, a card, a CD): the letter's type
//   comes from GetDriveType through .NET's DriveInfo in a one-line PowerShell query (windowsDriveType),
//   asked only for a letter other than the system drive (the default data folder is on C:, so a normal
//   start costs nothing). If the query cannot run, the path is treated as local, as before.
// - Linux: the usual mount points of removable media (/media, /run/media, /mnt) and network file
//   systems (NFS, SMB/CIFS) by the file system type that statfs reports.

export const LOCATION_MESSAGE = (path: string) =>
  `Tệp dữ liệu «${path}» đang nằm trên USB, thẻ nhớ hoặc ổ mạng. Để không mất dữ liệu khi rút USB hoặc mất mạng, Sổ An Sinh chỉ làm việc với tệp dữ liệu trên ổ đĩa của máy. Tệp không bị thay đổi. Hãy chép tệp vào ổ đĩa của máy (thư mục dữ liệu mặc định của ứng dụng) rồi mở lại, hoặc khôi phục từ bản sao lưu.`;

/** statfs `type` of network file systems (Linux magic numbers). */
const NETWORK_FS = new Set([
  0x6969 /* NFS */, 0x517b /* SMB */, 0xff534d42 /* CIFS */, 0xfe534d42 /* SMB2 */, 0x564c /* NCP */,
  0x73757245 /* Coda */, 0x6b414653 /* AFS */,
]);

export type LocationKind = 'network' | 'removable';

/** What System.IO.DriveInfo.DriveType (GetDriveType) says about a drive letter. */
export type DriveKind = 'Fixed' | 'Network' | 'Removable' | 'CDRom' | 'Ram' | 'NoRootDirectory' | 'Unknown';
const DRIVE_KINDS: readonly DriveKind[] = [
  'Fixed',
  'Network',
  'Removable',
  'CDRom',
  'Ram',
  'NoRootDirectory',
  'Unknown',
];

/** The drive type in PowerShell's output (the enum's name on a line), or undefined when it is not there. */
export function parseDriveType(output: string): DriveKind | undefined {
  const word = output.trim().split(/\s+/).pop() ?? '';
  return DRIVE_KINDS.find((k) => k.toLowerCase() === word.toLowerCase());
}

/** Runs PowerShell with one command and returns its output (a test passes recorded outputs instead). */
export type CommandRunner = (command: string) => string;
const powershell: CommandRunner = (command) =>
  execFileSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', command], {
    encoding: 'utf8',
    timeout: 10_000,
    windowsHide: true,
  });

/** GetDriveType of a drive letter ('Z'), or undefined when it cannot be asked. */
export function windowsDriveType(letter: string, run: CommandRunner = powershell): DriveKind | undefined {
  if (!/^[a-zA-Z]$/.test(letter)) return undefined;
  try {
    return parseDriveType(run(`[System.IO.DriveInfo]::new('${letter.toUpperCase()}:').DriveType.ToString()`));
  } catch {
    return undefined;
  }
}

/** Why the register must not live at `path`, or undefined when it is on the PC's own disk. */
export function unsafeLocationOf(
  path: string,
  platform: NodeJS.Platform = process.platform,
  fsType: (folder: string) => number | undefined = statfsType,
  driveType: (letter: string) => DriveKind | undefined = windowsDriveType,
  systemDrive: string = process.env.SystemDrive ?? 'C:',
): LocationKind | undefined {
  if (platform === 'win32') {
    let p = path.replace(/\//g, '\\');
    if (p.startsWith('\\\\')) {
      // \\?\C:\… and \\.\C:\… are local long-path forms; \\?\UNC\… and \\server\… are network.
      if (!/^\\\\[?.]\\[a-zA-Z]:\\/.test(p)) return 'network';
      p = p.slice(4);
    }
    const letter = /^([a-zA-Z]):/.exec(p)?.[1];
    if (!letter || letter.toUpperCase() === systemDrive.charAt(0).toUpperCase()) return undefined;
    const kind = driveType(letter);
    if (kind === 'Network') return 'network';
    if (kind === 'Removable' || kind === 'CDRom') return 'removable';
    return undefined;
  }
  const full = resolve(path);
  if (/^\/(media|mnt|run\/media)(\/|$)/.test(full)) return 'removable';
  const type = fsType(dirname(full));
  if (type !== undefined && NETWORK_FS.has(type)) return 'network';
  return undefined;
}

function statfsType(folder: string): number | undefined {
  try {
    return statfsSync(folder).type;
  } catch {
    return undefined;
  }
}
