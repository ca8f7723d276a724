/** "Quy tắc": which rulebook is in force, and loading another one. */
import * as React from 'react';
import { Badge, Button, Text } from '@fluentui/react-components';
import type { Lang } from '../../check/finding';
import type { Rulebook } from '../../rules/types';
import type { Engine } from '../engine';
import { errorText, strings } from '../i18n';
import { FilePicker, Notices, useStyles } from '../components/ui';

export interface RulebookInForce {
  rulebook: Rulebook;
  /** null for the built-in default. */
  fileName: string | null;
}

export function RulesTab(props: { engine: Engine; current: RulebookInForce; lang: Lang; onChange: (r: RulebookInForce) => void }) {
  const { engine, current, lang } = props;
  const t = strings(lang);
  const styles = useStyles();
  const [error, setError] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const rb = current.rulebook;
  const en = lang === 'en';

  const load = (name: string, bytes: Uint8Array) => {
    setError(null);
    setNotice(null);
    try {
      const rulebook = engine.loadRulebook(new TextDecoder('utf-8').decode(bytes));
      props.onChange({ rulebook, fileName: name });
      setNotice(t.rulesLoaded(rulebook.name));
    } catch (err) {
      setError(t.rulesLoadError(errorText(err, lang)));
    }
  };

  const kinds = (Object.keys(rb.kinds) as (keyof Rulebook['kinds'])[]).map((k) => ({ k, def: rb.kinds[k] }));
  return (
    <div className={styles.panel}>
      <h2 className={styles.h2}>{t.rulesInForce}</h2>
      <div className={styles.row}>
        <Text weight="semibold">{rb.name}</Text>
        {current.fileName ? <Badge appearance="outline">{t.rulesLoadedFrom(current.fileName)}</Badge> : <Badge appearance="tint">{t.rulesDefault}</Badge>}
      </div>
      <dl className={styles.facts}>
        <dt className={styles.factName}>{t.rulesAgency}</dt>
        <dd className={styles.factValue}>
          {rb.agency.parent} — {rb.agency.name}
        </dd>
        <dt className={styles.factName}>{t.rulesPeriod}</dt>
        <dd className={styles.factValue}>
          {rb.period.from}–{rb.period.to}
        </dd>
        <dt className={styles.factName}>{t.rulesYear}</dt>
        <dd className={styles.factValue}>{rb.year}</dd>
        <dt className={styles.factName}>{t.rulesDeadline}</dt>
        <dd className={styles.factValue}>
          {t.rulesDeadlineValue(rb.deadlines.nominations.day, rb.deadlines.nominations.month, rb.year)}
          {rb.deadlines.nominations.note ? ` (${rb.deadlines.nominations.note})` : ''}
        </dd>
        <dt className={styles.factName}>{t.rulesReportsDeadline}</dt>
        <dd className={styles.factValue}>{t.rulesDeadlineValue(rb.deadlines.reports.day, rb.deadlines.reports.month, rb.year)}</dd>
      </dl>
      <ul className={styles.list}>
        {kinds.map(({ k, def }) => (
          <li key={k}>{t.rulesKindQuota(en ? def.labelEn : def.label, def.quota.total, def.quota.managers)}</li>
        ))}
      </ul>
      <h3 className={styles.h3}>{t.rulesUnits(rb.units.length)}</h3>
      <ul className={styles.list}>
        {rb.units.map((u) => (
          <li key={u.id}>{u.name}</li>
        ))}
      </ul>
      <h3 className={styles.h3}>{t.rulesColumns(rb.columns.length)}</h3>
      <ul className={styles.list}>
        {rb.columns.map((c) => (
          <li key={c.key}>
            {en ? c.labelEn : c.label}
            {c.required ? <Text className={styles.muted}> ({t.rulesRequired})</Text> : null}
          </li>
        ))}
      </ul>
      <div className={styles.row}>
        <FilePicker lang={lang} label={t.rulesLoad} accept=".json,application/json" onFiles={(f) => f[0] && load(f[0].name, f[0].bytes)} />
        {current.fileName ? (
          <Button
            appearance="subtle"
            onClick={() => {
              props.onChange({ rulebook: engine.defaultRulebook, fileName: null });
              setError(null);
              setNotice(null);
            }}
          >
            {t.rulesReset}
          </Button>
        ) : null}
      </div>
      <Notices lang={lang} error={error} notice={notice} onDismissError={() => setError(null)} />
    </div>
  );
}
