// Injected by the build (scripts/build-main.mjs) from package.json; 'dev' when run from source in tests.
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
// The day of the build (UTC, or SOURCE_DATE_EPOCH's for a reproducible build); 'dev' from source.
declare const __BUILD_DATE__: string | undefined;
export const BUILD_DATE: string = typeof __BUILD_DATE__ === 'string' ? __BUILD_DATE__ : 'dev';
