/**
 * Where the page runs: inside Excel, inside another Office app, or in a plain browser (file mode).
 * The one place that asks Office.onReady; the rest of the add-in asks this module.
 */
import { officeSupport, type ExcelSupport } from './support';

export type HostKind = 'excel' | 'other-office' | 'browser';

export interface HostInfo {
  kind: HostKind;
  /** Office's platform (PC, Mac, OfficeOnline, iOS…) or null in a browser. */
  platform: string | null;
  /** Office's UI language ("vi-VN", "en-US") or null in a browser. */
  displayLanguage: string | null;
  /** ExcelApi support inside Excel; null elsewhere. */
  support: ExcelSupport | null;
  /** Why the page is in file mode, when it is. */
  reason?: 'no-office-js' | 'not-in-office' | 'timeout';
}

/** The part of the Office global this module uses. */
export interface OfficeLike {
  onReady(): Promise<{ host: string | null; platform: string | null }>;
  context?: {
    displayLanguage?: string;
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
}

/**
 * Asks Office.js (when it loaded) where we are. Office.onReady resolves with host null in a plain
 * browser; if it never answers (a blocked script half-loaded), file mode after `timeoutMs`.
 */
export async function detectHost(office: OfficeLike | undefined, timeoutMs = 8000): Promise<HostInfo> {
  const browser = (reason: HostInfo['reason']): HostInfo => ({ kind: 'browser', platform: null, displayLanguage: null, support: null, reason });
  if (!office || typeof office.onReady !== 'function') return browser('no-office-js');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const info = await Promise.race([office.onReady(), timeout]).finally(() => clearTimeout(timer));
  if (info === 'timeout') return browser('timeout');
  if (!info.host) return browser('not-in-office');
  const displayLanguage = office.context?.displayLanguage ?? null;
  if (info.host !== 'Excel') return { kind: 'other-office', platform: info.platform, displayLanguage, support: null };
  const requirements = office.context?.requirements;
  const support = requirements ? officeSupport(requirements) : null;
  return { kind: 'excel', platform: info.platform, displayLanguage, support };
}

/** The UI language: English when Office (or, outside Office, nothing else) says English. */
export function languageFor(host: HostInfo): 'vi' | 'en' {
  return host.displayLanguage?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
