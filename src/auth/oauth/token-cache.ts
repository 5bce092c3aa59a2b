import { AccessToken } from './token-endpoint';

interface Entry {
  token?: AccessToken;
  pending?: Promise<AccessToken>;
  /** The last few tokens handed out under this key, for the secret sweeps. */
  recent: string[];
}

const RECENT_TOKENS_KEPT = 5;
/** Scope sets one app keeps tokens for (each operation asks for its own unless auth.scopes is set). */
const MAX_SCOPE_SETS = 64;

/**
 * Access tokens of one app (org + client id + key), per scope set. While a token is being minted, every
 * caller of that key waits on the same promise, so N calls starting together cost one token request. A
 * failed mint is not cached: the next call tries again.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  get(key: string, mint: () => Promise<AccessToken>): Promise<AccessToken> {
    const entry = this.entries.get(key) ?? { recent: [] };
    if (entry.token && Date.now() < entry.token.renewAt) return Promise.resolve(entry.token);
    if (entry.pending) return entry.pending;
    this.prune();
    const pending = mint().then(
      (token) => {
        entry.token = token;
        entry.recent = [token.value, ...entry.recent].slice(0, RECENT_TOKENS_KEPT);
        return token;
      },
      (error: unknown) => {
        entry.token = undefined;
        throw error;
      },
    ).finally(() => {
      if (entry.pending === pending) entry.pending = undefined;
    });
    entry.pending = pending;
    this.entries.set(key, entry);
    return pending;
  }

  /** Forgets the token (Okta called it invalid). A mint already under way is kept: it is the renewal. */
  invalidate(key: string): void {
    const entry = this.entries.get(key);
    if (entry && !entry.pending) entry.token = undefined;
  }

  /** A mint under way: the cache must be kept until it lands. */
  get minting(): boolean {
    for (const entry of this.entries.values()) if (entry.pending) return true;
    return false;
  }

  recentTokens(key: string): string[] {
    return this.entries.get(key)?.recent ?? [];
  }

  /**
   * Drops keys with neither a live token nor a mint under way, then the oldest idle ones past the cap, so
   * the map cannot grow without bound.
   */
  private prune(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (!entry.pending && (!entry.token || entry.token.renewAt <= now)) this.entries.delete(key);
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size < MAX_SCOPE_SETS) break;
      if (!entry.pending) this.entries.delete(key);
    }
  }
}
