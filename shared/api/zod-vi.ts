import { z } from 'zod';

// Default validation messages in Vietnamese; schemas add field-specific ones where it helps the officer.
// jitless: zod would otherwise probe `new Function` at start-up, which the renderer's strict CSP (no
// 'unsafe-eval') reports as a violation; the interpreted path is fast enough for forms.
z.config({ ...z.locales.vi(), jitless: true });
