const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export class HostConfigError extends Error {}

/**
 * The `Host` values the service answers to, so a page on another site that rebinds its own name to this
 * machine (DNS rebinding) gets nothing: the loopback names of the listening port, the host of PUBLIC_URL,
 * and CONNECTOR_ALLOWED_HOSTS entries (`host` for its default ports, or `host:port`).
 */
export class AllowedHosts {
  private readonly allowed = new Set<string>();

  constructor(entries: readonly string[] = []) {
    for (const entry of entries) {
      const parsed = HOST_HEADER.exec(entry.trim().toLowerCase());
      if (!parsed) throw new HostConfigError(`CONNECTOR_ALLOWED_HOSTS entry "${entry.slice(0, 100)}" is not a host or host:port`);
      this.add(parsed[1], parsed[2]);
    }
  }

  /**
   * The loopback names of the port the service listens on (known once it listens), and the address itself
   * when it is a specific one (an IP in Host is no rebinding: that needs a name the attacker controls).
   */
  addListening(address: string, port: number): this {
    const specific = address !== '0.0.0.0' && address !== '::' ? [address.includes(':') ? `[${address}]` : address] : [];
    for (const name of [...LOOPBACK_NAMES, ...specific]) this.add(name, String(port));
    return this;
  }

  /** A portless Host means the scheme's default port, which a TLS-terminating proxy may have changed. */
  private add(host: string, port?: string): void {
    if (!port || port === '80' || port === '443') {
      this.allowed.add(host);
      for (const p of port ? [port] : ['80', '443']) this.allowed.add(`${host}:${p}`);
    } else {
      this.allowed.add(`${host}:${port}`);
    }
  }

  allows(hostHeader: string | undefined): boolean {
    const parsed = HOST_HEADER.exec((hostHeader ?? '').trim().toLowerCase());
    if (!parsed) return false;
    return this.allowed.has(parsed[2] ? `${parsed[1]}:${parsed[2]}` : parsed[1]);
  }

  list(): string[] {
    return [...this.allowed];
  }
}

/** PUBLIC_URL's host[:port] (e.g. https://connector.example.com → connector.example.com:443). */
export function publicUrlHost(publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined;
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new HostConfigError(`PUBLIC_URL "${publicUrl.slice(0, 100)}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new HostConfigError('PUBLIC_URL must be an http or https URL');
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}
