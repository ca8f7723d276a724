/** The pane renders in both modes and both languages (server-side rendering: no browser needed). */
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { App } from '../../src/taskpane/App';
import { mainThreadEngine } from '../../src/taskpane/engine/main-thread';
import { ExcelPort } from '../../src/taskpane/ports/excel-port';
import { FilePort } from '../../src/taskpane/ports/file-port';
import { supportUpTo } from '../../src/office/support';
import { FakeWorkbook } from '../office/fake-excel';

function excelPort(version = '1.18') {
  const wb = new FakeWorkbook({ apiVersion: version });
  wb.addSheet('Danh sách');
  return new ExcelPort({
    run: (fn) => fn(wb.context()),
    support: supportUpTo(version),
    creator: { createWorkbook: async () => undefined },
    readGrids: async () => ({ sheets: [] }),
    documentUrl: null,
    download: () => undefined,
  });
}

function text(html: string): string {
  return html
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('App', () => {
  test('in Excel, Vietnamese: the four tabs and the check buttons', () => {
    const html = renderToString(<App port={excelPort()} engine={mainThreadEngine} initialLang="vi" />);
    const t = text(html);
    for (const label of ['Kiểm tra', 'Mẫu', 'Tổng hợp', 'Quy tắc', 'Kiểm tra trang này', 'Kiểm tra cả sổ']) expect(t).toContain(label);
    expect(t).not.toContain('Đang chạy ngoài Excel');
    expect(html).toContain('role="tablist"');
    expect((html.match(/role="tabpanel"/g) ?? []).length).toBe(4);
    expect(html).toContain('lang="vi"');
  });

  test('in a browser (file mode): the banner and the file picker instead of the Excel buttons', () => {
    const t = text(renderToString(<App port={new FilePort(() => undefined)} engine={mainThreadEngine} initialLang="vi" />));
    expect(t).toContain('Đang chạy ngoài Excel');
    expect(t).toContain('Chọn tệp…');
    expect(t).not.toContain('Kiểm tra trang này');
  });

  test('in English', () => {
    const t = text(renderToString(<App port={new FilePort(() => undefined)} engine={mainThreadEngine} initialLang="en" />));
    for (const label of ['Check', 'Template', 'Consolidate', 'Rules', 'Choose files…', 'Tiếng Việt']) expect(t).toContain(label);
    expect(t).not.toContain('Quy tắc');
  });

  test('the rules tab shows the rulebook in force', () => {
    const t = text(renderToString(<App port={new FilePort(() => undefined)} engine={mainThreadEngine} initialLang="vi" initialTab="rules" />));
    expect(t).toContain(mainThreadEngine.defaultRulebook.name);
    expect(t).toContain('Mặc định');
    for (const u of mainThreadEngine.defaultRulebook.units) expect(t).toContain(u.name);
  });
});
