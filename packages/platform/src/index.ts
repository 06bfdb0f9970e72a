// The catalogue's public face: what every tool, service and dashboard reads about the platform.
export * from './services.js';
export * from './measurements.js';
export * from './written-measurements.js';
