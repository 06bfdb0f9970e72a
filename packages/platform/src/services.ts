// The services of the platform (filled by the catalogue work of issue 15).
export {};
