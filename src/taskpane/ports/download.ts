/** Saving bytes as a file from the page: a Blob and a temporary link, nothing leaves the machine. */
import { XLSX_MIME } from './port';

export function downloadBytes(bytes: Uint8Array, fileName: string, mime = XLSX_MIME): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns: revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** "Tổng hợp đề cử 2025.xlsx" -> a name every file system accepts, accents kept. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').replace(/\s+/g, ' ').trim() || 'dien-hinh.xlsx';
}
