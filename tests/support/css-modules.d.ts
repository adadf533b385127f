// Renderer components imported by jsdom unit tests import their stylesheets (Vite bundles them; vitest
// stubs them): the tests' type check only needs to know such an import exists.
declare module '*.css';
