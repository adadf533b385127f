import type { ComponentType } from 'react';
import type { RoutePath } from '../routing';
import type { ScreenProps } from './types';
import { BeneficiariesScreen } from './BeneficiariesScreen';
import { CampaignScreen } from './CampaignScreen';
import { PaymentsScreen } from './PaymentsScreen';
import { ReportsScreen } from './ReportsScreen';
import { ReceivingScreen } from './receiving/ReceivingScreen';
import { SettingsScreen } from './SettingsScreen';
import { TodoScreen } from './TodoScreen';

/** One screen component per section of the left navigation. */
export const SCREENS: Record<RoutePath, ComponentType<ScreenProps>> = {
  '/viec-can-lam': TodoScreen,
  '/so-doi-tuong': BeneficiariesScreen,
  '/khong-tien-mat': CampaignScreen,
  '/chi-tra': PaymentsScreen,
  '/bao-cao': ReportsScreen,
  '/tong-hop': ReceivingScreen,
  '/cai-dat': SettingsScreen,
};
