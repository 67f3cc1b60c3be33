/**
 * Test support: a real SMTP server (smtp-server) on a free loopback port that keeps what it receives.
 * With a user and password it refuses mail until the client signs in, like a real relay.
 */
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../../testing/free-port.ts';

export type ReceivedMail = { from: string; to: string[]; raw: string };

export type SmtpSink = {
  host: string;
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
};

export async function startSmtpSink(options: { user?: string; password?: string } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const needsAuth = Boolean(options.user);
  const server = new SMTPServer({
    // Plain SMTP on loopback: the STARTTLS rule is tested on smtpOptions(), not against a self-signed certificate.
    disabledCommands: needsAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !needsAuth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // A client that hangs up mid-conversation must not crash the test process.
  server.on('error', () => {});
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return { host: '127.0.0.1', port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error;
    }
  }
}
