/** "Tổng hợp": the submissions received (files, or this workbook's sheets), their status, the department workbook. */
import * as React from 'react';
import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles } from '@fluentui/react-components';
import { Delete20Regular, DocumentTable20Regular } from '@fluentui/react-icons';
import type { Lang } from '../check/finding';
import type { Rulebook } from '../rules/types';
import type { Engine, PickedFile, SourceWorkbook } from './engine';
import { baseName, sourceRows, today } from './findings-view';
import { strings } from './i18n';
import type { WorkbookPort } from './port';
import { Busy, FilePicker, Notices, useStyles, useTask } from './ui';

const useTableStyles = makeStyles({
  // Long file names must wrap inside the narrow task pane.
  wrap: { overflowWrap: 'anywhere', wordBreak: 'break-word' },
  narrow: { width: '56px' },
  remove: { width: '40px' },
});

/** Adds sources, a file of the same name replacing the earlier one. */
function merge(list: SourceWorkbook[], more: SourceWorkbook[]): SourceWorkbook[] {
  const names = new Set(more.map((s) => s.file));
  return [...list.filter((s) => !names.has(s.file)), ...more];
}

export function ConsolidateTab({ port, engine, rulebook, lang }: { port: WorkbookPort; engine: Engine; rulebook: Rulebook; lang: Lang }) {
  const t = strings(lang);
  const styles = useStyles();
  const ts = useTableStyles();
  const task = useTask();
  const [sources, setSources] = React.useState<SourceWorkbook[]>([]);
  const result = React.useMemo(() => (sources.length ? engine.check(sources, rulebook, { merge: true }) : null), [engine, sources, rulebook]);
  const rows = result ? sourceRows(result) : [];
  const missing = result?.findings.filter((f) => f.ruleId === 'SUBMISSION_MISSING') ?? [];
  const busy = task.busy !== null;

  const addFiles = (files: PickedFile[]) =>
    task.run(t.readingFiles(files.length), async () => {
      const more = await engine.readFiles(files);
      setSources((list) => merge(list, more));
    });

  const useWorkbook = () =>
    task.run(t.readingWorkbook, async (progress) => {
      const name = await port.workbookName();
      const grids = await port.getGrids('all', (p) => progress(t.readingSheet(p.sheet, p.done, p.total)));
      setSources((list) => merge(list, [{ file: name, workbook: grids }]));
    });

  const create = () =>
    task.run(t.creatingConsolidated, async () => {
      if (!result) return;
      const bytes = await engine.consolidatedXlsx(result, rulebook, today());
      const fileName = t.consolidatedFileName(rulebook.year);
      const how = await port.openWorkbook(bytes, fileName);
      return how === 'opened' ? t.openedConsolidated : t.downloaded(fileName);
    });

  const status = (s: string) =>
    s === 'ok' ? (
      <Badge color="success" appearance="tint">{t.statusOk}</Badge>
    ) : s === 'invalid' ? (
      <Badge color="danger" appearance="tint">{t.statusInvalid}</Badge>
    ) : (
      <Badge color="severe" appearance="tint">{t.statusUnreadable}</Badge>
    );

  return (
    <div className={styles.panel}>
      <Text>{t.consolidateIntro}</Text>
      <div className={styles.row}>
        {port.capabilities.workbook ? (
          <Button disabled={busy} onClick={() => void useWorkbook()}>
            {t.useWorkbook}
          </Button>
        ) : null}
        <FilePicker lang={lang} label={t.addFiles} accept=".xlsx,.xlsm" multiple drop={!port.capabilities.workbook} disabled={busy} onFiles={(f) => void addFiles(f)} />
      </div>
      <Busy label={task.busy} />
      <Notices lang={lang} error={task.error} notice={task.notice} onDismissError={task.clearError} />
      {rows.length === 0 ? (
        <Text className={styles.muted}>{t.noSources}</Text>
      ) : (
        <>
          <Table size="small" aria-label={t.tabConsolidate}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.colFile}</TableHeaderCell>
                <TableHeaderCell>{t.colUnit}</TableHeaderCell>
                <TableHeaderCell className={ts.narrow}>{t.colNominees}</TableHeaderCell>
                <TableHeaderCell>{t.colStatus}</TableHeaderCell>
                <TableHeaderCell className={ts.remove}>
                  <span className={styles.hiddenInput}>{t.colRemove}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.key}>
                  <TableCell className={ts.wrap}>
                    {baseName(r.file)}
                    {r.sheet ? ` — ${r.sheet}` : ''}
                  </TableCell>
                  <TableCell className={ts.wrap}>{r.unit ?? t.unknownUnit}</TableCell>
                  <TableCell className={ts.narrow}>{r.nominees}</TableCell>
                  <TableCell>{status(r.status)}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<Delete20Regular />}
                      aria-label={t.removeSource(baseName(r.file))}
                      disabled={busy}
                      onClick={() => setSources((list) => list.filter((s) => s.file !== r.file))}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {missing.length ? (
            <section aria-label={t.missingTitle}>
              <h3 className={styles.h3}>{t.missingTitle}</h3>
              <ul>
                {missing.map((f, i) => (
                  <li key={i}>{lang === 'en' ? f.messageEn : f.message}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <div className={styles.row}>
            <Button appearance="primary" icon={<DocumentTable20Regular />} disabled={busy || !result} onClick={() => void create()}>
              {t.createConsolidated}
            </Button>
            <Button appearance="subtle" disabled={busy} onClick={() => setSources([])}>
              {t.removeAll}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
