// Secrets at rest (Slack bot tokens): AES-256-GCM with CLAUSE5_SECRET_KEY. A sealed value is
// 'c5s1:<key id>:<iv>:<tag>:<ciphertext>' (base64url), so a plaintext value from an older version
// is told apart and sealed at start-up. The key id (first bytes of the key's SHA-256) says which key
// sealed it: during a rotation CLAUSE5_SECRET_KEY_PREVIOUS opens what the old key sealed. `context`
// (table, column and row) is authenticated too, so a sealed value copied to another row fails.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'c5s1';
const KEY_BYTES = 32;

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/** A new random key, base64 (what `clause5 secrets new-key` prints). */
export function newSecretKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** The 32-byte key in `text` (base64), or a message saying what is wrong with it. */
export function decodeSecretKey(text: string): Buffer | string {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== text.trim()) {
    return `a base64 key of ${KEY_BYTES} bytes (44 characters); create one with: npm run clause5 -- secrets new-key`;
  }
  return key;
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

const b64 = (b: Buffer) => b.toString('base64url');

export class SecretBox {
  private readonly keys: Array<{ id: string; key: Buffer }>;

  /** `current` seals; `previous` (a rotation's old key) only opens. */
  constructor(current?: Buffer, previous?: Buffer) {
    this.keys = [current, previous].filter((k): k is Buffer => k !== undefined).map((key) => ({ id: keyId(key), key }));
    if (previous && !current) throw new SecretKeyError('CLAUSE5_SECRET_KEY_PREVIOUS is set without CLAUSE5_SECRET_KEY: set the new key too.');
  }

  get canSeal(): boolean {
    return this.keys.length > 0;
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(`${VERSION}:`);
  }

  /** True when `stored` is sealed with the current key (nothing to rotate). */
  sealedWithCurrent(stored: string): boolean {
    return SecretBox.isSealed(stored) && stored.split(':')[1] === this.keys[0]?.id;
  }

  seal(plain: string, context: string): string {
    const current = this.keys[0];
    if (!current)
      throw new SecretKeyError(
        `Cannot store ${context} without CLAUSE5_SECRET_KEY (it is kept encrypted). Create a key with: npm run clause5 -- secrets new-key`,
      );
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, current.id, b64(iv), b64(cipher.getAuthTag()), b64(data)].join(':');
  }

  /** The plaintext of a sealed value; a legacy plaintext value is returned as it is. */
  open(stored: string, context: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const [, id, iv, tag, data] = stored.split(':');
    if (!this.canSeal) {
      throw new SecretKeyError(`${context} is stored encrypted, but CLAUSE5_SECRET_KEY is not set: set the key it was sealed with.`);
    }
    const match = this.keys.find((k) => k.id === id);
    if (!match || iv === undefined || tag === undefined || data === undefined) {
      throw new SecretKeyError(
        `${context} was sealed with key ${id}, which is not CLAUSE5_SECRET_KEY (${this.keys[0]!.id})${this.keys[1] ? ` nor CLAUSE5_SECRET_KEY_PREVIOUS (${this.keys[1].id})` : ''}. Set the key it was sealed with (during a rotation, as CLAUSE5_SECRET_KEY_PREVIOUS).`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', match.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(`${context} cannot be decrypted with key ${id}: the stored value was altered or damaged.`);
    }
  }
}

/** The box for the configured keys (config has already checked their form). */
export function secretBoxOf(config: { CLAUSE5_SECRET_KEY?: string | undefined; CLAUSE5_SECRET_KEY_PREVIOUS?: string | undefined }): SecretBox {
  const decode = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    const key = decodeSecretKey(text);
    if (typeof key === 'string') throw new SecretKeyError(`${name}: expected ${key}`);
    return key;
  };
  return new SecretBox(decode(config.CLAUSE5_SECRET_KEY, 'CLAUSE5_SECRET_KEY'), decode(config.CLAUSE5_SECRET_KEY_PREVIOUS, 'CLAUSE5_SECRET_KEY_PREVIOUS'));
}
