/// <reference types="office-js" />
/**
 * Entry of taskpane.html: asks office/host where the page runs, builds the matching workbook
 * port (Excel, or files in a browser) and renders the pane.
 */
import './strict-csp';
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import type { Lang } from '../check/finding';
import { detectHost, type OfficeLike } from '../office/host';
import { App } from './App';
import { downloadBytes } from './ports/download';
import type { Engine } from './engine';
import { mainThreadEngine } from './engine/main-thread';
import { ExcelPort } from './ports/excel-port';
import { FilePort } from './ports/file-port';
import { initialLanguage } from './i18n';
import type { WorkbookPort } from './ports/port';
import { spawnEngineWorker } from './engine/spawn-worker';
import { createWorkerEngine } from './engine/worker-engine';

const LANG_KEY = 'dien-hinh.lang';

function savedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANG_KEY);
  } catch {
    return null; // storage blocked (private mode, some Office webviews): just start from Office's language
  }
}

function saveLanguage(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not persisted: the switch still works for this session
  }
}

/**
 * The engine in a Web Worker where the webview has them (all that run the pane do); else on this
 * thread. `?engine=main` forces the page's thread (to compare, or to rule the worker out when
 * something goes wrong).
 */
function makeEngine(): Engine {
  if (typeof Worker === 'undefined' || new URLSearchParams(window.location.search).get('engine') === 'main') return mainThreadEngine;
  return createWorkerEngine(spawnEngineWorker, {
    onFallback: (reason) => console.warn(`Điển hình: engine worker unavailable (${reason}); running on the page's thread.`),
  });
}

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root');
  const g = globalThis as unknown as { Office?: OfficeLike & typeof Office; Excel?: typeof Excel; DIEN_HINH_UNSUPPORTED?: boolean };
  // webview-check.js has already told the user this webview is too old.
  if (g.DIEN_HINH_UNSUPPORTED) return;
  const host = await detectHost(g.Office);
  const engine = makeEngine();
  let port: WorkbookPort;
  if (host.kind === 'excel' && host.support && g.Excel && g.Office) {
    const excel = g.Excel;
    port = new ExcelPort({
      run: (fn) => excel.run(fn),
      support: host.support,
      creator: excel,
      readGrids: (bytes) => engine.readGrids({ bytes }),
      documentUrl: g.Office.context.document?.url ?? null,
      download: downloadBytes,
    });
  } else {
    port = new FilePort(downloadBytes);
  }
  const lang = initialLanguage(host.displayLanguage, savedLanguage());
  document.getElementById('starting')?.remove();
  createRoot(container).render(
    <React.StrictMode>
      <App port={port} engine={engine} initialLang={lang} otherOffice={host.kind === 'other-office'} onLangChange={saveLanguage} />
    </React.StrictMode>,
  );
}

main().catch((err: unknown) => {
  // Nothing rendered: say so in plain text rather than leave a blank pane.
  const p = document.getElementById('starting') ?? document.body.appendChild(document.createElement('p'));
  p.textContent = `Không khởi động được Điển hình / Dien hinh failed to start: ${err instanceof Error ? err.message : String(err)}`;
  p.setAttribute('role', 'alert');
});
