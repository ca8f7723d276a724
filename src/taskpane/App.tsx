/** The task pane: four tabs over one workbook port and one engine, Vietnamese by default. */
import * as React from 'react';
import { Button, FluentProvider, MessageBar, MessageBarBody, Tab, TabList, Text, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { LocalLanguage20Regular } from '@fluentui/react-icons';
import type { Lang } from '../check/finding';
import { CheckTab } from './tabs/CheckTab';
import { ConsolidateTab } from './tabs/ConsolidateTab';
import type { Engine } from './engine';
import { strings } from './i18n';
import type { WorkbookPort } from './ports/port';
import { RulesTab, type RulebookInForce } from './tabs/RulesTab';
import { TemplateTab } from './tabs/TemplateTab';

export type TabId = 'check' | 'template' | 'consolidate' | 'rules';
const TABS: TabId[] = ['check', 'template', 'consolidate', 'rules'];

export interface AppProps {
  port: WorkbookPort;
  engine: Engine;
  initialLang: Lang;
  /** Shown instead of the tabs' own hints when the page runs inside another Office app. */
  otherOffice?: boolean;
  initialTab?: TabId;
  onLangChange?: (lang: Lang) => void;
}

const useAppStyles = makeStyles({
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground1 },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  subtitle: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  lang: { flexShrink: 0, whiteSpace: 'nowrap' },
  tabs: { padding: `0 ${tokens.spacingHorizontalS}` },
  banner: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
});

export function App(props: AppProps) {
  const styles = useAppStyles();
  const [lang, setLang] = React.useState<Lang>(props.initialLang);
  const [tab, setTab] = React.useState<TabId>(props.initialTab ?? 'check');
  const [rules, setRules] = React.useState<RulebookInForce>({ rulebook: props.engine.defaultRulebook, fileName: null });
  const t = strings(lang);
  const ids = React.useId();
  const label: Record<TabId, string> = { check: t.tabCheck, template: t.tabTemplate, consolidate: t.tabConsolidate, rules: t.tabRules };

  React.useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t.appTitle} — ${t.appSubtitle}`;
  }, [lang, t]);

  const switchLang = () => {
    const next: Lang = lang === 'vi' ? 'en' : 'vi';
    setLang(next);
    props.onLangChange?.(next);
  };

  const common = { port: props.port, engine: props.engine, rulebook: rules.rulebook, lang };
  return (
    <FluentProvider theme={webLightTheme} className={styles.root} lang={lang} data-engine={props.engine.runsIn}>
      <header className={styles.header}>
        <div className={styles.brand}>
          <img src="assets/icon-32.png" width={24} height={24} alt="" />
          <div>
            <h1 className={styles.title}>{t.appTitle}</h1>
            <Text className={styles.subtitle}>{t.appSubtitle}</Text>
          </div>
        </div>
        {/* The visible name is the other language's own name (in that language); the title says what it does. */}
        <Button appearance="subtle" size="small" icon={<LocalLanguage20Regular />} className={styles.lang} onClick={switchLang} title={t.switchLanguageLabel} lang={lang === 'vi' ? 'en' : 'vi'}>
          {t.switchLanguage}
        </Button>
      </header>
      <main>
        {props.port.mode === 'file' ? (
          <MessageBar className={styles.banner} intent={props.otherOffice ? 'warning' : 'info'}>
            <MessageBarBody>{props.otherOffice ? t.otherOfficeBanner : t.fileModeBanner}</MessageBarBody>
          </MessageBar>
        ) : null}
        <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)}>
          {TABS.map((id) => (
            <Tab key={id} value={id} id={`${ids}-tab-${id}`} aria-controls={`${ids}-panel-${id}`}>
              {label[id]}
            </Tab>
          ))}
        </TabList>
        {TABS.map((id) => (
          <div key={id} role="tabpanel" id={`${ids}-panel-${id}`} aria-labelledby={`${ids}-tab-${id}`} hidden={tab !== id}>
            {id === 'check' ? <CheckTab {...common} /> : null}
            {id === 'template' ? <TemplateTab {...common} /> : null}
            {id === 'consolidate' ? <ConsolidateTab {...common} /> : null}
            {id === 'rules' ? <RulesTab engine={props.engine} current={rules} lang={lang} onChange={setRules} /> : null}
          </div>
        ))}
      </main>
    </FluentProvider>
  );
}
