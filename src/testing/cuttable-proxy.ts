/**
 * Test support: a TCP proxy in front of PostgreSQL that a test can cut, as if the database went
 * away (every open connection dropped, new ones refused), and restore. Cheaper than killing a real
 * server, and the app under test never knows the difference.
 */
import { createConnection, createServer, type Socket } from 'node:net';

export type CuttableProxy = {
  /** The same connection string, through the proxy. */
  through: (connectionString: string) => string;
  /** Drops every connection now and refuses new ones until restore(). */
  cut: () => void;
  restore: () => void;
  close: () => Promise<void>;
};

export async function cuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  let isCut = false;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      open.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        open.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('the proxy has no port');
  return {
    through: (connectionString) => {
      const url = new URL(connectionString);
      url.hostname = '127.0.0.1';
      url.port = String(address.port);
      return url.toString();
    },
    cut: () => {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore: () => {
      isCut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
