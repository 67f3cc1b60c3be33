/**
 * Encryption at rest for the secrets an area saves (its GOV.UK Notify API key, its SMTP password).
 *
 * AES-256-GCM (authenticated: a changed byte fails to open rather than giving garbage) under a key
 * derived with HKDF-SHA256 from the installation secret, which lives in a table the app role cannot
 * read (decision 0003). A copy of the database alone therefore holds no usable key. Each value is
 * bound to its area and its purpose (the GCM "additional data"), so a ciphertext copied into another
 * area's row, or from the password column into the key column, does not open either.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'chorus area notification secrets v1';
const SALT = 'chorus';

export type SecretPurpose = 'notify_api_key' | 'smtp_password';

export type SecretBox = {
  seal(areaId: string, purpose: SecretPurpose, plain: string): string;
  /** Throws SecretUnreadableError when the value was sealed under another secret, area or purpose. */
  open(areaId: string, purpose: SecretPurpose, sealed: string): string;
};

export class SecretUnreadableError extends Error {
  constructor() {
    super('a saved secret could not be decrypted');
  }
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');

export function secretBox(installationSecret: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', installationSecret, SALT, INFO, 32));
  const aad = (areaId: string, purpose: SecretPurpose) => Buffer.from(`${areaId}:${purpose}`);
  return {
    seal(areaId, purpose, plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(areaId, purpose));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(data)].join(':');
    },
    open(areaId, purpose, sealed) {
      const [version, iv, tag, data] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || data === undefined) throw new SecretUnreadableError();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
        decipher.setAAD(aad(areaId, purpose));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadableError();
      }
    },
  };
}
