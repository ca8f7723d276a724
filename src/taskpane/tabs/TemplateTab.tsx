/** "Mẫu": the standard nomination sheet for a chosen unit, inserted into this workbook or downloaded. */
import * as React from 'react';
import { Button, Field, Select, Text } from '@fluentui/react-components';
import { ArrowDownload20Regular, TableAdd20Regular } from '@fluentui/react-icons';
import type { Lang } from '../../check/finding';
import type { Rulebook } from '../../rules/types';
import { throwIfCancelled, type Engine } from '../engine';
import { strings } from '../i18n';
import type { WorkbookPort } from '../ports/port';
import { Busy, Notices, useStyles, useTask } from '../components/ui';

export function TemplateTab({ port, engine, rulebook, lang }: { port: WorkbookPort; engine: Engine; rulebook: Rulebook; lang: Lang }) {
  const t = strings(lang);
  const styles = useStyles();
  const task = useTask(lang);
  const [unitId, setUnitId] = React.useState('');
  const unit = rulebook.units.find((u) => u.id === unitId) ?? null;
  const fileName = t.templateFileName(unit?.name ?? null);
  const busy = task.busy !== null;
  // A unit id from another rulebook would not exist here.
  React.useEffect(() => setUnitId(''), [rulebook]);

  const insert = () =>
    task.run(
      t.makingTemplate,
      async ({ signal }) => {
        const bytes = await engine.templateXlsx({ rulebook, unitId: unit?.id }, { signal });
        throwIfCancelled(signal);
        const r = await port.insertTemplate(bytes, fileName);
        const names = r.kind === 'downloaded' ? '' : r.sheets.map((n) => `“${n}”`).join(', ');
        if (r.kind === 'inserted') return t.inserted(names);
        if (r.kind === 'values') return t.insertedValues(names);
        return t.downloaded(r.fileName);
      },
      { cancellable: true },
    );

  const download = () =>
    task.run(
      t.makingTemplate,
      async ({ signal }) => {
        const bytes = await engine.templateXlsx({ rulebook, unitId: unit?.id }, { signal });
        throwIfCancelled(signal);
        port.download(bytes, fileName);
        return t.downloaded(fileName);
      },
      { cancellable: true },
    );

  return (
    <div className={styles.panel}>
      <Text>{t.templateIntro}</Text>
      <Field label={t.unitLabel}>
        <Select value={unitId} onChange={(_, d) => setUnitId(d.value)} disabled={busy}>
          <option value="">{t.noUnit}</option>
          {rulebook.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        {port.mode === 'excel' ? (
          <Button appearance="primary" icon={<TableAdd20Regular />} disabled={busy} onClick={() => void insert()}>
            {t.insertTemplate}
          </Button>
        ) : null}
        <Button appearance={port.mode === 'excel' ? 'secondary' : 'primary'} icon={<ArrowDownload20Regular />} disabled={busy} onClick={() => void download()}>
          {t.downloadTemplate}
        </Button>
      </div>
      <Busy state={task.busy} lang={lang} onCancel={task.cancel} />
      <Notices lang={lang} error={task.error} notice={task.notice} onDismissError={task.clearError} />
    </div>
  );
}
