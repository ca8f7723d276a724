/** "Tổng hợp": the submissions received (files, or this workbook's sheets), their status, the department workbook. */
import * as React from 'react';
import { Badge, Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Delete20Regular, DocumentTable20Regular } from '@fluentui/react-icons';
import type { Lang } from '../../check/finding';
import type { Rulebook } from '../../rules/types';
import type { CheckResult } from '../../check/result';
import { throwIfCancelled, type CheckInput, type Engine, type PickedFile } from '../engine';
import { baseName, sourceRows, today } from '../components/findings-view';
import { strings } from '../i18n';
import type { WorkbookPort } from '../ports/port';
import { Busy, FilePicker, Notices, WORKBOOK_ACCEPT, useStyles, useTask, type TaskContext } from '../components/ui';

const useListStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  // Long file names wrap, at a hyphen if they can, anywhere if they must.
  file: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  status: { flexShrink: 0, whiteSpace: 'nowrap' },
  missing: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Adds inputs, a file of the same name replacing the earlier one. */
function merge(list: CheckInput[], more: CheckInput[]): CheckInput[] {
  const names = new Set(more.map((s) => s.name));
  return [...list.filter((s) => !names.has(s.name)), ...more];
}

interface Checked {
  /**
   * What was received: the files as picked (their bytes, read again in the engine's worker at each
   * check, so their grids never cross to the page) and this workbook's grids (read on the page).
   */
  inputs: CheckInput[];
  /** The inputs checked together (null: no inputs). */
  result: CheckResult | null;
  /** The rulebook `result` was checked with. */
  rulebook: Rulebook;
}

export function ConsolidateTab({ port, engine, rulebook, lang }: { port: WorkbookPort; engine: Engine; rulebook: Rulebook; lang: Lang }) {
  const t = strings(lang);
  const styles = useStyles();
  const ts = useListStyles();
  const task = useTask(lang);
  // Inputs and their check change together, only once the worker has answered: a cancelled job leaves both as they were.
  const [checked, setChecked] = React.useState<Checked>({ inputs: [], result: null, rulebook });
  const latest = React.useRef(checked);
  latest.current = checked;
  const { result } = checked;
  const rows = result ? sourceRows(result) : [];
  const missing = result?.findings.filter((f) => f.ruleId === 'SUBMISSION_MISSING') ?? [];
  const busy = task.busy !== null;
  const listId = React.useId();

  const recheck = async (inputs: CheckInput[], ctx: TaskContext) => {
    const r = inputs.length ? await engine.check({ inputs, rulebook, merge: true }, { onProgress: ctx.engineProgress, signal: ctx.signal }) : null;
    setChecked({ inputs, result: r, rulebook });
  };

  const addFiles = (files: PickedFile[]) =>
    task.run(
      t.readingFiles(files.length),
      (ctx) => recheck(merge(latest.current.inputs, files), ctx),
      { cancellable: true },
    );

  const useWorkbook = () =>
    task.run(
      t.readingWorkbook,
      async (ctx) => {
        const name = await port.workbookName();
        const grids = await port.getGrids('all', (p) => ctx.progress(t.readingSheet(p.sheet, p.done, p.total), p.total ? p.done / p.total : undefined));
        await recheck(merge(latest.current.inputs, [{ name, workbook: grids }]), ctx);
      },
      { cancellable: true },
    );

  const remove = (file: string) =>
    task.run(t.checking, (ctx) => recheck(latest.current.inputs.filter((s) => s.name !== file), ctx), { cancellable: true });

  // Another rulebook loaded (Quy tắc): check the same inputs again under it, once (a failure is shown, not retried).
  const rechecked = React.useRef(rulebook);
  React.useEffect(() => {
    if (busy || checked.rulebook === rulebook || rechecked.current === rulebook || !checked.inputs.length) return;
    rechecked.current = rulebook;
    void task.run(t.checking, (ctx) => recheck(checked.inputs, ctx));
  }, [rulebook, checked, busy]);

  const create = () =>
    task.run(
      t.creatingConsolidated,
      async ({ signal }) => {
        if (!result) return;
        const bytes = await engine.consolidatedXlsx({ result, rulebook: checked.rulebook, reportDate: today() }, { signal });
        throwIfCancelled(signal);
        const fileName = t.consolidatedFileName(checked.rulebook.year);
        const how = await port.openWorkbook(bytes, fileName);
        if (how === 'opened') return t.openedConsolidated;
        if (how === 'tooLarge') return t.downloadedTooLarge(fileName);
        return t.downloaded(fileName);
      },
      { cancellable: true },
    );

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
        <FilePicker lang={lang} label={t.addFiles} accept={WORKBOOK_ACCEPT} multiple drop={!port.capabilities.workbook} disabled={busy} onFiles={(f) => void addFiles(f)} />
      </div>
      <Busy state={task.busy} lang={lang} onCancel={task.cancel} />
      <Notices lang={lang} error={task.error} notice={task.notice} onDismissError={task.clearError} />
      {rows.length === 0 ? (
        <Text className={styles.muted}>{t.noSources}</Text>
      ) : (
        <>
          <h2 className={styles.h2}>{t.summary(result?.summary.nominees ?? 0, result?.summary.submissions ?? rows.length)}</h2>
          <div className={styles.row}>
            <Button appearance="primary" icon={<DocumentTable20Regular />} disabled={busy || !result} onClick={() => void create()}>
              {t.createConsolidated}
            </Button>
            <Button appearance="subtle" disabled={busy} onClick={() => setChecked({ inputs: [], result: null, rulebook })}>
              {t.removeAll}
            </Button>
          </div>
          {missing.length ? (
            <section aria-label={t.missingTitle}>
              <h3 className={styles.h3}>{t.missingTitle}</h3>
              <ul className={ts.missing}>
                {missing.map((f, i) => (
                  <li key={i}>{lang === 'en' ? f.messageEn : f.message}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <h3 className={styles.h3} id={listId}>
            {t.sourcesLabel(rows.length)}
          </h3>
          <ul className={ts.list} aria-labelledby={listId}>
            {rows.map((r) => (
              <li key={r.key} className={ts.item}>
                <div className={ts.main}>
                  <span className={ts.file}>
                    {baseName(r.file)}
                    {r.sheet ? ` — ${r.sheet}` : ''}
                  </span>
                  <Caption1 className={styles.muted}>
                    {r.unit ?? t.unknownUnit} · {t.nomineeCount(r.nominees)}
                  </Caption1>
                </div>
                <span className={ts.status} data-status={r.status}>
                  {status(r.status)}
                </span>
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<Delete20Regular />}
                  aria-label={t.removeSource(baseName(r.file))}
                  title={t.removeSource(baseName(r.file))}
                  disabled={busy}
                  onClick={() => void remove(r.file)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
