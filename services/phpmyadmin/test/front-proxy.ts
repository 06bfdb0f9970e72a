/**
 * A stand-in for the nginx service's `/phpmyadmin/` location, for the tests only: TLS in front,
 * https upstream to this agent's port, Location and cookie paths moved under /phpmyadmin/. It is
 * the contract between the two services, written down where it is tested.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Daemon, freePort, makeSelfSignedCert, makeTempDir, removeDir, waitForDaemonPort } from '@ft/testkit';

export interface FrontProxy {
  port: number;
  stop(): Promise<void>;
}

export async function startFrontProxy(upstreamPort: number): Promise<FrontProxy> {
  const dir = await makeTempDir('pma-front');
  const temp = path.join(dir, 'tmp');
  await mkdir(temp);
  // The workers run as nginx's default unprivileged user; the temp dir must take their files.
  await chmod(dir, 0o755);
  await chmod(temp, 0o1777);
  const cert = await makeSelfSignedCert(dir);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${cert.certFile};
    ssl_certificate_key ${cert.keyFile};
    location = /phpmyadmin { return 301 /phpmyadmin/; }
    location /phpmyadmin/ {
      proxy_pass https://127.0.0.1:${upstreamPort}/;
      proxy_ssl_verify off;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_redirect / /phpmyadmin/;
      proxy_cookie_path / /phpmyadmin/;
    }
  }
}
`,
  );
  const daemon = new Daemon({ argv: ['/usr/sbin/nginx', '-e', 'stderr', '-c', conf, '-g', 'daemon off;'], logFile: path.join(dir, 'nginx.log') });
  try {
    await waitForDaemonPort(daemon, port);
  } catch (err) {
    await removeDir(dir);
    throw err;
  }
  return {
    port,
    async stop() {
      await daemon.stop();
      await removeDir(dir);
    },
  };
}
