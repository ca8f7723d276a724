/** Findings grouped by severity and submission; a finding with a cell takes the user there (in Excel). */
import * as React from 'react';
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Caption1, CounterBadge, makeStyles, tokens, Text } from '@fluentui/react-components';
import { ErrorCircle16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import type { Finding, Lang, Severity } from '../../check/finding';
import { baseName, groupFindings } from './findings-view';
import { strings } from '../i18n';
import { useStyles } from './ui';

const useListStyles = makeStyles({
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', textAlign: 'left', width: '100%', justifyContent: 'flex-start', height: 'auto', padding: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightRegular },
  static: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', padding: tokens.spacingVerticalXS },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorBrandForeground1, whiteSpace: 'nowrap' },
  whole: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  text: { display: 'flex', flexDirection: 'column', gap: '2px' },
  error: { color: tokens.colorPaletteRedForeground1, flexShrink: 0, marginTop: '2px' },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0, marginTop: '2px' },
  info: { color: tokens.colorPaletteBlueForeground2, flexShrink: 0, marginTop: '2px' },
});

function SeverityIcon({ severity }: { severity: Severity }) {
  const s = useListStyles();
  if (severity === 'error') return <ErrorCircle16Filled className={s.error} aria-hidden="true" />;
  if (severity === 'warning') return <Warning16Filled className={s.warning} aria-hidden="true" />;
  return <Info16Filled className={s.info} aria-hidden="true" />;
}

export function FindingList(props: { findings: Finding[]; lang: Lang; onSelect?: (f: Finding) => void }) {
  const t = strings(props.lang);
  const styles = useStyles();
  const s = useListStyles();
  const groups = groupFindings(props.findings);
  const title: Record<Severity, string> = { error: t.severityError, warning: t.severityWarning, info: t.severityInfo };
  const color: Record<Severity, 'danger' | 'important' | 'informative'> = { error: 'danger', warning: 'important', info: 'informative' };
  return (
    <Accordion multiple collapsible defaultOpenItems={groups.filter((g) => g.severity !== 'info').map((g) => g.severity)}>
      {groups.map((g) => (
        <AccordionItem key={g.severity} value={g.severity}>
          <AccordionHeader>
            <span className={styles.row}>
              <SeverityIcon severity={g.severity} />
              {title[g.severity]}
              <CounterBadge count={g.count} overflowCount={9999} color={color[g.severity]} appearance="filled" size="small" />
            </span>
          </AccordionHeader>
          <AccordionPanel>
            {g.submissions.map((sub) => (
              <section key={sub.key} aria-label={`${baseName(sub.file)}${sub.sheet ? ` — ${sub.sheet}` : ''}`}>
                <h3 className={styles.h3}>
                  {baseName(sub.file)}
                  {sub.sheet ? ` — ${sub.sheet}` : ''}
                </h3>
                <ul className={styles.list}>
                  {sub.findings.map((f, i) => {
                    const message = props.lang === 'en' ? f.messageEn : f.message;
                    const where = f.cell ? f.cell : f.sheet ? t.wholeSubmission : t.wholeFile;
                    const body = (
                      <>
                        <SeverityIcon severity={f.severity} />
                        <span className={s.text}>
                          <Text>
                            <span className={f.cell ? s.cell : s.whole} data-where="">
                              {where}
                            </span>{' '}
                            {message}
                          </Text>
                          <Caption1 className={styles.muted} data-rule="">
                            {f.ruleId}
                          </Caption1>
                        </span>
                      </>
                    );
                    return (
                      <li key={`${f.ruleId}:${f.cell ?? ''}:${i}`}>
                        {props.onSelect && f.sheet ? (
                          <Button
                            appearance="subtle"
                            className={s.item}
                            onClick={() => props.onSelect?.(f)}
                            aria-label={`${f.cell ? t.goToCell(`${f.sheet}!${f.cell}`) : f.sheet}: ${message}`}
                          >
                            {body}
                          </Button>
                        ) : (
                          <div className={s.static}>{body}</div>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
