/**
 * The bootstrap's credential: a JWT signed with the temporary influxd's one-time shared-secret
 * (`[http] shared-secret`), naming the admin. influxd 1.x accepts `Authorization: Bearer <jwt>`
 * signed HS256 with that secret, with a `username` claim naming an existing user and an `exp`
 * claim (services/httpd/handler.go, authenticate). It stands in for the admin's password, which
 * the bootstrap may be about to change (a rotated Secret), and is worthless after the run.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** A fresh secret for one bootstrap run. */
export function newSharedSecret(): string {
  return randomBytes(32).toString('hex');
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export function bootstrapToken(secret: string, username: string, ttlSeconds = 600, now = Date.now()): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ username, exp: Math.floor(now / 1000) + ttlSeconds }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
