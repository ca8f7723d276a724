/** Small shared pieces of the pane: styles, the busy line, notices, the file picker/drop zone, the task hook. */
import * as React from 'react';
import { Button, MessageBar, MessageBarBody, ProgressBar, makeStyles, tokens, Text } from '@fluentui/react-components';
import { ArrowUpload20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import type { Lang } from '../../check/finding';
import { errorText, strings } from '../i18n';
import { CancelledError, isCancelled, type EngineProgress, type PickedFile } from '../engine';

export const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  drop: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalL,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    textAlign: 'center',
    flexGrow: 1,
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  factName: { color: tokens.colorNeutralForeground3 },
  factValue: { margin: 0 },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  busy: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  busyLine: { minHeight: '20px' },
  busyRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // Fluent's bar is width: 100%; here it shares the line with "Huỷ".
  grow: { flexGrow: 1, flexBasis: 0, width: 'auto', minWidth: '80px' },
  h3: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0 0 0` },
});

export interface BusyState {
  label: string;
  /** How far along, 0..1, when known (else the bar just moves). */
  value?: number;
  cancellable: boolean;
}

export interface NoticeState {
  text: string;
  /** 'cancelled': the text is the UI's own, shown in the current language. */
  intent: 'success' | 'cancelled';
}

/** What a running job gets: its cancel signal and ways to say where it is. */
export interface TaskContext {
  signal: AbortSignal;
  progress(label: string, value?: number): void;
  /** The engine's progress, worded for the user ("Đang đọc tệp 3/13…"). */
  engineProgress(p: EngineProgress): void;
}

/**
 * One async job at a time per tab: a label and progress while it runs, its error or its outcome
 * after. A cancellable job shows "Huỷ": the UI is restored at once and the job's signal aborts
 * (the engine then terminates its worker).
 */
export function useTask(lang: Lang) {
  const t = strings(lang);
  const [busy, setBusy] = React.useState<BusyState | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [notice, setNotice] = React.useState<NoticeState | null>(null);
  const current = React.useRef<AbortController | null>(null);
  const run = React.useCallback(
    async (label: string, job: (ctx: TaskContext) => Promise<string | null | void>, opts: { cancellable?: boolean } = {}) => {
      const controller = new AbortController();
      current.current = controller;
      const live = () => current.current === controller && !controller.signal.aborted;
      setBusy({ label, cancellable: !!opts.cancellable });
      setError(null);
      setNotice(null);
      const ctx: TaskContext = {
        signal: controller.signal,
        progress: (l, value) => {
          if (live()) setBusy({ label: l, value, cancellable: !!opts.cancellable });
        },
        engineProgress: (p) => {
          if (!live()) return;
          if (p.phase === 'read') {
            const i = Math.min(p.done + 1, p.total);
            setBusy({ label: p.file ? t.readingFile(i, p.total, p.file) : t.checking, value: p.total ? p.done / p.total : undefined, cancellable: !!opts.cancellable });
          } else if (p.phase === 'check') {
            setBusy({ label: t.checking, cancellable: !!opts.cancellable });
          }
        },
      };
      // Settles as soon as the user cancels, even if the job is waiting on something that cannot stop.
      const cancelled = new Promise<never>((_, reject) => {
        controller.signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
      });
      cancelled.catch(() => undefined);
      try {
        const done = await Promise.race([job(ctx), cancelled]);
        if (typeof done === 'string') setNotice({ text: done, intent: 'success' });
      } catch (err) {
        if (isCancelled(err)) setNotice({ text: t.cancelled, intent: 'cancelled' });
        else setError(err);
      } finally {
        if (current.current === controller) {
          current.current = null;
          setBusy(null);
        }
      }
    },
    [t],
  );
  const cancel = React.useCallback(() => current.current?.abort(), []);
  // Unmounted: the job's result would have nowhere to go.
  React.useEffect(() => () => current.current?.abort(), []);
  return { busy, error, notice, run, cancel, clearError: () => setError(null), clearNotice: () => setNotice(null) };
}

export function Busy({ state, lang, onCancel }: { state: BusyState | null; lang: Lang; onCancel?: () => void }) {
  const styles = useStyles();
  const t = strings(lang);
  const id = React.useId();
  if (!state) return null;
  return (
    <div className={styles.busy}>
      <Text id={id} role="status" aria-live="polite" className={styles.busyLine}>
        {state.label}
      </Text>
      <div className={styles.busyRow}>
        <ProgressBar className={styles.grow} thickness="large" value={state.value} max={1} aria-labelledby={id} />
        {state.cancellable && onCancel ? (
          <Button size="small" icon={<Dismiss20Regular />} onClick={onCancel}>
            {t.cancel}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

export function Notices({ lang, error, notice, onDismissError }: { lang: Lang; error: unknown; notice: NoticeState | string | null; onDismissError: () => void }) {
  const t = strings(lang);
  const n = typeof notice === 'string' ? { text: notice, intent: 'success' as const } : notice;
  return (
    <>
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{errorText(error, lang)}</MessageBarBody>
          <Button appearance="transparent" size="small" onClick={onDismissError}>
            {t.dismiss}
          </Button>
        </MessageBar>
      ) : null}
      {n ? (
        <MessageBar intent={n.intent === 'cancelled' ? 'warning' : 'success'}>
          <MessageBarBody role="status">{n.intent === 'cancelled' ? t.cancelled : n.text}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}

/**
 * What the workbook pickers offer: the formats the engine reads (src/formats/index.ts readWorkbook),
 * by extension only (Windows gives .csv the media type application/vnd.ms-excel). A file of another
 * kind that is dropped anyway is refused by the engine with what it is.
 */
export const WORKBOOK_ACCEPT = '.xlsx,.xlsm,.xls,.ods';

async function readPicked(files: FileList | File[]): Promise<PickedFile[]> {
  return Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** A button that opens the file dialog, and optionally a zone to drop files on. */
export function FilePicker(props: {
  lang: Lang;
  label: string;
  accept: string;
  multiple?: boolean;
  drop?: boolean;
  disabled?: boolean;
  onFiles: (files: PickedFile[]) => void;
}) {
  const styles = useStyles();
  const t = strings(props.lang);
  const input = React.useRef<HTMLInputElement>(null);
  const [over, setOver] = React.useState(false);
  const id = React.useId();
  const take = (list: FileList | null) => {
    if (list && list.length > 0) void readPicked(list).then(props.onFiles);
  };
  const button = (
    <>
      <input
        id={id}
        ref={input}
        className={styles.hiddenInput}
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          take(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
      <Button icon={<ArrowUpload20Regular />} disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label}
      </Button>
    </>
  );
  if (!props.drop) return button;
  return (
    <div
      className={over ? `${styles.drop} ${styles.dropActive}` : styles.drop}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!props.disabled) take(e.dataTransfer.files);
      }}
    >
      <Text>{over ? t.dropActive : t.dropHere}</Text>
      {button}
    </div>
  );
}
