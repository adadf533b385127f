// Pure domain rules shared by main and renderer (runtime-neutral: no Node, DOM or Electron).
export * from './text';
export * from './money';
export * from './dates';
export * from './citizen-id';
export * from './csv';
export * from './format';
