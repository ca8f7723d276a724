/** "Kiểm tra": check the active sheet or the whole workbook (Excel) or picked files (browser); mark and unmark. */
import * as React from 'react';
import { Badge, Button, Text } from '@fluentui/react-components';
import { CheckmarkCircle20Regular, DocumentSearch20Regular, Eraser20Regular, PaintBucket20Regular } from '@fluentui/react-icons';
import type { Finding, Lang } from '../../check/finding';
import type { CheckResult } from '../../check/result';
import type { Rulebook } from '../../rules/types';
import type { Engine, PickedFile } from '../engine';
import { FindingList } from '../components/FindingList';
import { strings } from '../i18n';
import type { WorkbookPort } from '../ports/port';
import { Busy, FilePicker, Notices, WORKBOOK_ACCEPT, useStyles, useTask } from '../components/ui';

export interface CheckTabProps {
  port: WorkbookPort;
  engine: Engine;
  rulebook: Rulebook;
  lang: Lang;
}

export function CheckTab({ port, engine, rulebook, lang }: CheckTabProps) {
  const t = strings(lang);
  const styles = useStyles();
  const task = useTask(lang);
  const [result, setResult] = React.useState<CheckResult | null>(null);
  const [marked, setMarked] = React.useState(false);
  const excel = port.mode === 'excel';

  // Office.js reads the grids on this thread (it cannot run in a worker); the engine checks them in its worker.
  const checkWorkbook = (scope: 'active' | 'all') =>
    task.run(
      t.readingWorkbook,
      async ({ progress, engineProgress, signal }) => {
        const name = await port.workbookName();
        const grids = await port.getGrids(scope, (p) => progress(t.readingSheet(p.sheet, p.done, p.total), p.total ? p.done / p.total : undefined));
        const r = await engine.check({ inputs: [{ name, workbook: grids }], rulebook }, { onProgress: engineProgress, signal });
        setResult(r);
        setMarked(false);
      },
      { cancellable: true },
    );

  const checkFiles = (files: PickedFile[]) =>
    task.run(
      t.readingFiles(files.length),
      async ({ engineProgress, signal }) => {
        setResult(await engine.check({ inputs: files, rulebook }, { onProgress: engineProgress, signal }));
      },
      { cancellable: true },
    );

  const mark = () =>
    task.run(t.marking, async () => {
      const r = await port.mark(result?.findings ?? [], lang);
      setMarked(true);
      let msg = t.marked(r.cells);
      if (r.noteKind && r.notes > 0) msg += t.markedNotes(r.notes, r.noteKind);
      if (r.keptForeignNotes > 0) msg += t.keptForeign(r.keptForeignNotes, r.noteKind);
      if (r.unmarked.length > 0) msg += t.unmarked(r.unmarked.length, r.unmarked.slice(0, 10).join(', ') + (r.unmarked.length > 10 ? ', …' : ''));
      if (!r.noteKind) msg += ` ${t.noNotesHere}`;
      return msg;
    });

  const clear = () =>
    task.run(t.clearing, async () => {
      const r = await port.clearMarks();
      setMarked(false);
      return t.cleared(r.cells);
    });

  const select = (f: Finding) => {
    if (f.sheet) void task.run(t.goToCell(f.cell ?? f.sheet), () => port.select(f.sheet!, f.cell));
  };

  const busy = task.busy !== null;
  const s = result?.summary;
  return (
    <div className={styles.panel}>
      {excel ? (
        <div className={styles.row}>
          <Button appearance="primary" icon={<DocumentSearch20Regular />} disabled={busy} onClick={() => void checkWorkbook('active')}>
            {t.checkActive}
          </Button>
          <Button disabled={busy} onClick={() => void checkWorkbook('all')}>
            {t.checkAll}
          </Button>
        </div>
      ) : (
        <FilePicker lang={lang} label={t.pickFiles} accept={WORKBOOK_ACCEPT} multiple drop disabled={busy} onFiles={(f) => void checkFiles(f)} />
      )}
      <Busy state={task.busy} lang={lang} onCancel={task.cancel} />
      <Notices lang={lang} error={task.error} notice={task.notice} onDismissError={task.clearError} />
      {result && s ? (
        <>
          <h2 className={styles.h2}>{t.summary(s.nominees, s.submissions)}</h2>
          <div className={styles.row}>
            <Badge color="danger" appearance={s.errors ? 'filled' : 'outline'}>{t.countErrors(s.errors)}</Badge>
            <Badge color="warning" appearance={s.warnings ? 'filled' : 'outline'}>{t.countWarnings(s.warnings)}</Badge>
            <Badge color="informative" appearance="outline">{t.countInfos(s.infos)}</Badge>
          </div>
          {excel && port.capabilities.marks ? (
            <div className={styles.row}>
              <Button icon={<PaintBucket20Regular />} disabled={busy || result.findings.length === 0} onClick={() => void mark()}>
                {t.mark}
              </Button>
              <Button icon={<Eraser20Regular />} disabled={busy} appearance={marked ? 'secondary' : 'subtle'} onClick={() => void clear()}>
                {t.clearMarks}
              </Button>
            </div>
          ) : null}
          {result.findings.length === 0 ? (
            <Text role="status">
              <CheckmarkCircle20Regular aria-hidden="true" /> {t.noFindings}
            </Text>
          ) : (
            <FindingList findings={result.findings} lang={lang} onSelect={excel && port.capabilities.select ? select : undefined} />
          )}
          {!excel && result.findings.some((f) => f.cell) ? <Text className={styles.muted}>{t.fileModeNoSelect}</Text> : null}
        </>
      ) : null}
    </div>
  );
}
