/** GET of a daemon's loopback status page (nginx stub_status, php-fpm status) with a short deadline. */
export async function fetchStatusPage(url: string, timeoutMs = 3_000): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: status ${res.status}`);
  return body;
}
