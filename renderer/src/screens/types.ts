import type { AppInfo } from '@shared/api/contract';
import type { OfficeSettings } from '@shared/api/settings';
import type { OfficeState } from '../boot';

/** What the shell hands every section screen. */
export interface ScreenProps {
  info: AppInfo;
  office: OfficeState;
  onOfficeSaved: (settings: OfficeSettings) => void;
  onRetryOffice: () => void;
}
