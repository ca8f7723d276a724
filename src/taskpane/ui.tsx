/** Small shared pieces of the pane: styles, the busy line, notices, the file picker/drop zone, the task hook. */
import * as React from 'react';
import { Button, MessageBar, MessageBarBody, ProgressBar, Spinner, makeStyles, tokens, Text } from '@fluentui/react-components';
import { ArrowUpload20Regular } from '@fluentui/react-icons';
import type { Lang } from '../check/finding';
import { errorText, strings } from './i18n';
import type { PickedFile } from './engine';

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
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  h3: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0 0 0` },
});

/** One async job at a time per tab: a label while it runs, its error or its outcome after. */
export function useTask() {
  const [busy, setBusy] = React.useState<string | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const run = React.useCallback(async (label: string, job: (progress: (label: string) => void) => Promise<string | null | void>) => {
    setBusy(label);
    setError(null);
    setNotice(null);
    try {
      const done = await job((l) => setBusy(l));
      if (typeof done === 'string') setNotice(done);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, notice, run, clearError: () => setError(null), clearNotice: () => setNotice(null) };
}

export function Busy({ label }: { label: string | null }) {
  if (!label) return null;
  return (
    <div role="status" aria-live="polite">
      <Spinner size="tiny" label={label} labelPosition="after" />
      <ProgressBar thickness="medium" aria-label={label} />
    </div>
  );
}

export function Notices({ lang, error, notice, onDismissError }: { lang: Lang; error: unknown; notice: string | null; onDismissError: () => void }) {
  const t = strings(lang);
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
      {notice ? (
        <MessageBar intent="success">
          <MessageBarBody role="status">{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}

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
