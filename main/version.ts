// Injected by the build (scripts/build-main.mjs) from package.json; 'dev' when run from source in tests.
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
