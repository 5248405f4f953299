// Number and time formatting shared by the pages.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function bytes(n) {
  let v = Number(n) || 0;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 2 : 1)} ${UNITS[i]}`;
}

export function duration(ns) {
  let s = Math.floor((Number(ns) || 0) / 1e9);
  const d = Math.floor(s / 86400);
  s %= 86400;
  const h = Math.floor(s / 3600);
  s %= 3600;
  const m = Math.floor(s / 60);
  s %= 60;
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s}s`;
  return `${s}s`;
}

/** An AIS time: RFC 3339 text or unix nanoseconds (as number or string); '' for the zero time. */
export function time(t) {
  if (!t || t === '0' || String(t).startsWith('0001-')) return '';
  const d = /^\d+$/.test(String(t)) ? new Date(Number(BigInt(t) / 1000000n)) : new Date(t);
  return isNaN(d) ? String(t) : d.toLocaleString();
}

export function num(n) {
  return (Number(n) || 0).toLocaleString();
}

/** UTF-8 text from base64 (AIS sends byte slices so, e.g. an ETL's logs); "(unreadable)" for bad input. */
export function base64Text(b64) {
  try {
    return new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(atob(b64 || ''), (c) => c.charCodeAt(0)));
  } catch {
    return '(unreadable)';
  }
}
