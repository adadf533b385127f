// Placeholder replaced by the benchmark suite below (kept so the main build has its entry point).
console.log('bench: not yet written');
