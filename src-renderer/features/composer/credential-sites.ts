// Which saved credentials a starting URL suggests. The patterns are the contract's SiteMatch
// (`example.com`, `*.example.com` or `all`). "all" is never picked automatically: sending
// every credential should be a deliberate choice.

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? parsed.hostname.toLowerCase()
      : null;
  } catch {
    return null;
  }
}

export function siteMatchesHost(site: string, host: string): boolean {
  const pattern = site.toLowerCase();
  if (pattern === 'all') return false;
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  // www.example.com is the same site as example.com for a person typing a URL.
  return host === pattern || host === `www.${pattern}`;
}

export function sitesForUrl(url: string, sites: readonly string[]): string[] {
  const host = hostOf(url);
  return host ? sites.filter((site) => siteMatchesHost(site, host)) : [];
}
