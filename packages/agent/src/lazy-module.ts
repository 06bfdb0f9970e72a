/**
 * Loads a library on first use, once. Every service's bundle carries every check, but a container
 * pays memory only for the clients its own checks use (mysql2, ssh2 and basic-ftp each cost
 * 10-15 MB of RSS once loaded). In the bundle, esbuild turns `import()` into a lazy require.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
}
