/** "Chrome on Android": enough for a responder to tell their devices apart in Settings. */
export function deviceLabel(userAgent: string): string {
  const platform = /iPhone/.test(userAgent)
    ? 'iPhone'
    : /iPad/.test(userAgent)
      ? 'iPad'
      : /Android/.test(userAgent)
        ? 'Android'
        : /Mac OS X/.test(userAgent)
          ? 'Mac'
          : /Windows/.test(userAgent)
            ? 'Windows'
            : /Linux|X11/.test(userAgent)
              ? 'Linux'
              : null;
  // Order matters: Edge and Opera say "Chrome", Chrome says "Safari", iOS browsers say "Safari".
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /OPR\//.test(userAgent)
      ? 'Opera'
      : /Firefox\/|FxiOS\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\/|Chromium\/|CriOS\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : 'Browser';
  return platform ? `${browser} on ${platform}` : browser;
}
