import { useState } from 'react';
import { api } from '../api/client';
import { messageOf } from '../errors';
import { TextField } from './TextField';

// Choosing where to write (a USB stick) or which file to read. In the desktop app "Chọn…" opens the
// system's folder (or file) dialog through 'files.pickFolder' / 'backup.pickFile'; the browser harness has
// no such dialog, so there the path is typed into the field (which is always there and editable).
//
// Usage:
//   const [folder, setFolder] = useState('');
//   <FolderPicker id="export-folder" label="Thư mục lưu (USB)" value={folder} onChange={setFolder} error={issue('folder')} />
//   …then send `folder` to a channel that writes with main/services/files/write.ts.

interface FolderPickerProps {
  id: string;
  label: string;
  value: string;
  onChange: (path: string) => void;
  /** 'folder' (default) or a backup file to restore. */
  kind?: 'folder' | 'backupFile';
  required?: boolean;
  hint?: string;
  error?: string;
}

/** Whether a native dialog exists: only in the desktop app (the preload's bridge). */
const hasNativeDialog = () => typeof window !== 'undefined' && !!window.soAnSinh;

export function FolderPicker({
  id,
  label,
  value,
  onChange,
  kind = 'folder',
  required,
  hint,
  error,
}: FolderPickerProps) {
  const [native, setNative] = useState(hasNativeDialog);
  const [pickError, setPickError] = useState<string | undefined>();
  const [picking, setPicking] = useState(false);

  const pick = async () => {
    setPicking(true);
    setPickError(undefined);
    try {
      const result = kind === 'folder' ? await api('files.pickFolder', {}) : await api('backup.pickFile', {});
      if (!result.supported) setNative(false);
      else if (result.path) onChange(result.path);
    } catch (e) {
      setPickError(messageOf(e));
    } finally {
      setPicking(false);
    }
  };

  const typedHint =
    kind === 'folder'
      ? 'Nhập đường dẫn đầy đủ của thư mục, ví dụ E:\\ hoặc /media/usb.'
      : 'Nhập đường dẫn đầy đủ của tệp sao lưu (.sqlite hoặc .sasbak).';
  return (
    <div className="folder-picker">
      <TextField
        id={id}
        label={label}
        value={value}
        onChange={onChange}
        required={required}
        hint={hint ?? (native ? undefined : typedHint)}
        error={error ?? pickError}
      />
      {native && (
        <button type="button" className="btn btn-secondary" onClick={() => void pick()} disabled={picking}>
          {kind === 'folder' ? 'Chọn thư mục…' : 'Chọn tệp…'}
        </button>
      )}
    </div>
  );
}
