import { z } from 'zod';

// Default validation messages in Vietnamese; schemas add field-specific ones where it helps the officer.
z.config(z.locales.vi());
