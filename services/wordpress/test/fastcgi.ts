/**
 * The smallest FastCGI client (one GET, FastCGI 1.0 records): runs a PHP file in the agent's own
 * php-fpm pool through its socket, to read what the workers really run with (opcache_get_status).
 */
import net from 'node:net';

function record(type: number, content: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = 1; // version
  header[1] = type;
  header.writeUInt16BE(1, 2); // request id
  header.writeUInt16BE(content.length, 4);
  return Buffer.concat([header, content]);
}

function pair(name: string, value: string): Buffer {
  const n = Buffer.from(name);
  const v = Buffer.from(value);
  const length = (len: number): Buffer =>
    len < 128 ? Buffer.from([len]) : Buffer.from([((len >>> 24) & 0x7f) | 0x80, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff]);
  return Buffer.concat([length(n.length), length(v.length), n, v]);
}

/** stdout of `script` run by the pool behind `socketPath` (headers included). */
export function runInPool(socketPath: string, script: string): Promise<string> {
  const params = Buffer.concat(
    Object.entries({
      SCRIPT_FILENAME: script,
      SCRIPT_NAME: '/probe.php',
      REQUEST_METHOD: 'GET',
      SERVER_PROTOCOL: 'HTTP/1.1',
      GATEWAY_INTERFACE: 'CGI/1.1',
    }).map(([k, v]) => pair(k, v)),
  );
  const BEGIN_REQUEST = 1;
  const PARAMS = 4;
  const STDIN = 5;
  const STDOUT = 6;
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath, () => {
      socket.write(
        Buffer.concat([
          record(BEGIN_REQUEST, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0])),
          record(PARAMS, params),
          record(PARAMS, Buffer.alloc(0)),
          record(STDIN, Buffer.alloc(0)),
        ]),
      );
    });
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const data = Buffer.concat(chunks);
      let out = '';
      for (let i = 0; i + 8 <= data.length;) {
        const length = data.readUInt16BE(i + 4);
        if (data[i + 1] === STDOUT) out += data.subarray(i + 8, i + 8 + length).toString();
        i += 8 + length + (data[i + 6] ?? 0);
      }
      resolve(out);
    });
  });
}
