import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// The live register must be on the PC's own disk: a USB stick pulled out or a network drive that drops
// in the middle of a write can cost the ward its register. Detected without native modules:
// - Windows: UNC paths (\\server\share\…, \\?\UNC\…); a mapped network drive is not detectable without
//   native calls here (wmic/PowerShell are unreliable), so it is only refused when its path is UNC.
// - Linux: the usual mount points of removable media (/media, /run/media, /mnt) and network file
//   systems (NFS, SMB/CIFS) by the file system type that statfs reports.

export const LOCATION_MESSAGE = (path: string) =>
  `Tệp dữ liệu «${path}» đang nằm trên USB, thẻ nhớ hoặc ổ mạng. Để không mất dữ liệu khi rút USB hoặc mất mạng, Sổ An Sinh chỉ làm việc với tệp dữ liệu trên ổ đĩa của máy. Tệp không bị thay đổi. Hãy chép tệp vào ổ đĩa của máy (thư mục dữ liệu mặc định của ứng dụng) rồi mở lại, hoặc khôi phục từ bản sao lưu.`;

/** statfs `type` of network file systems (Linux magic numbers). */
const NETWORK_FS = new Set([0x6969 /* NFS */, 0x517b /* SMB */, 0xff534d42 /* CIFS */, 0xfe534d42 /* SMB2 */, 0x564c /* NCP */, 0x73757245 /* Coda */, 0x6b414653 /* AFS */]);

export type LocationKind = 'network' | 'removable';

/** Why the register must not live at `path`, or undefined when it is on the PC's own disk. */
export function unsafeLocationOf(
  path: string,
  platform: NodeJS.Platform = process.platform,
  fsType: (folder: string) => number | undefined = statfsType,
): LocationKind | undefined {
  if (platform === 'win32') {
    const p = path.replace(/\//g, '\\');
    if (p.startsWith('\\\\')) {
      // \\?\C:\… and \\.\C:\… are local long-path forms; \\?\UNC\… and \\server\… are network.
      if (/^\\\\[?.]\\[a-zA-Z]:\\/.test(p)) return undefined;
      return 'network';
    }
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

