/**
 * Findings grouped by severity and submission, as a tree a keyboard and a screen reader can walk; a
 * finding with a cell takes the user there (in Excel). The tree is windowed (@tanstack/react-virtual):
 * only the lines on screen, and the one with focus, are in the DOM, so 20,000 findings draw and
 * scroll as fast as 20. Each line says where it stands (aria-level, aria-setsize, aria-posinset), so
 * a screen reader knows the totals although most lines do not exist.
 *
 * Keys (the WAI-ARIA tree pattern): ↑/↓ line by line, Home/End, Page Up/Page Down; → opens a group
 * or enters it, ← closes it or goes to its parent; Enter or Space opens/closes a group or goes to a
 * finding's cell. Tab enters and leaves the tree at the line last used.
 */
import * as React from 'react';
import { CounterBadge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular, ErrorCircle16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { Finding, Lang, Severity } from '../../check/finding';
import { baseName, flattenGroups, groupFindings, type FindingRow } from './findings-view';
import { strings } from '../i18n';

const useListStyles = makeStyles({
  scroller: {
    maxHeight: '70vh',
    overflowY: 'auto',
    overscrollBehavior: 'contain',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  canvas: { position: 'relative', width: '100%' },
  slot: { position: 'absolute', top: 0, left: 0, width: '100%' },
  line: {
    boxSizing: 'border-box',
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    cursor: 'default',
    outlineStyle: 'none',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: `-${tokens.strokeWidthThick}` },
  },
  clickable: { cursor: 'pointer', ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover } },
  severity: { alignItems: 'center', fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground2 },
  submission: { alignItems: 'center', fontWeight: tokens.fontWeightSemibold, paddingLeft: tokens.spacingHorizontalL },
  finding: { paddingLeft: tokens.spacingHorizontalXXL },
  count: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorBrandForeground1, whiteSpace: 'nowrap' },
  whole: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, overflowWrap: 'anywhere' },
  // Plain spans with Fluent's type ramp (Text, Caption1): thousands of lines are drawn while scrolling.
  body: { fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  rule: { fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground3 },
  chevron: { flexShrink: 0 },
  error: { color: tokens.colorPaletteRedForeground1, flexShrink: 0, marginTop: '2px' },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0, marginTop: '2px' },
  info: { color: tokens.colorPaletteBlueForeground2, flexShrink: 0, marginTop: '2px' },
});

const COLOR: Record<Severity, 'danger' | 'important' | 'informative'> = { error: 'danger', warning: 'important', info: 'informative' };

function SeverityIcon({ severity }: { severity: Severity }) {
  const s = useListStyles();
  if (severity === 'error') return <ErrorCircle16Filled className={s.error} aria-hidden="true" />;
  if (severity === 'warning') return <Warning16Filled className={s.warning} aria-hidden="true" />;
  return <Info16Filled className={s.info} aria-hidden="true" />;
}

interface LineProps {
  row: FindingRow;
  index: number;
  active: boolean;
  lang: Lang;
  /** A finding's cell can be gone to (in Excel). */
  selectable: boolean;
  onActivate(i: number): void;
  onFocusLine(i: number): void;
}

/** One line of the tree: a severity, a submission or a finding. */
const Line = React.memo(function Line({ row, index: i, active, lang, selectable: canSelect, onActivate, onFocusLine }: LineProps) {
  const t = strings(lang);
  const s = useListStyles();
  const title: Record<Severity, string> = { error: t.severityError, warning: t.severityWarning, info: t.severityInfo };
    const common = {
      role: 'treeitem',
      'aria-level': row.level,
      'aria-setsize': row.setSize,
      'aria-posinset': row.posInSet,
      tabIndex: active ? 0 : -1,
      'data-line': i,
      'data-kind': row.kind,
      onFocus: () => onFocusLine(i),
    } as const;
    if (row.kind === 'severity') {
      return (
        <div {...common} aria-expanded={row.expanded} className={mergeClasses(s.line, s.severity, s.clickable)} onClick={() => onActivate(i)}>
          {row.expanded ? <ChevronDown16Regular className={s.chevron} aria-hidden="true" /> : <ChevronRight16Regular className={s.chevron} aria-hidden="true" />}
          <SeverityIcon severity={row.severity} />
          <span>{title[row.severity]}</span>
          <CounterBadge count={row.count} overflowCount={99999} color={COLOR[row.severity]} appearance="filled" size="small" />
        </div>
      );
    }
    if (row.kind === 'submission') {
      const name = `${baseName(row.file)}${row.sheet ? ` — ${row.sheet}` : ''}`;
      return (
        <div {...common} aria-expanded={row.expanded} className={mergeClasses(s.line, s.submission, s.clickable)} onClick={() => onActivate(i)} data-file={baseName(row.file)}>
          {row.expanded ? <ChevronDown16Regular className={s.chevron} aria-hidden="true" /> : <ChevronRight16Regular className={s.chevron} aria-hidden="true" />}
          <span>{name}</span> <span className={s.count}>({t.findingsInGroup(row.count)})</span>
        </div>
      );
    }
    const f = row.finding;
    const message = lang === 'en' ? f.messageEn : f.message;
    const where = f.cell ? f.cell : f.sheet ? t.wholeSubmission : t.wholeFile;
    const selectable = canSelect && Boolean(f.sheet);
    return (
      <div
        {...common}
        className={mergeClasses(s.line, s.finding, selectable && s.clickable)}
        onClick={selectable ? () => onActivate(i) : undefined}
        aria-label={selectable ? `${f.cell ? t.goToCell(`${f.sheet}!${f.cell}`) : f.sheet}: ${message}` : undefined}
        data-file={baseName(f.file)}
      >
        <SeverityIcon severity={f.severity} />
        <span className={s.text}>
          <span className={s.body}>
            <span className={f.cell ? s.cell : s.whole} data-where="">
              {where}
            </span>{' '}
            {message}
          </span>
          <span className={s.rule} data-rule="">
            {f.ruleId}
          </span>
        </span>
      </div>
    );
  });

/** What a line is expected to measure before it is drawn (then it is measured). */
const estimate = (row: FindingRow | undefined) => (row?.kind === 'finding' ? 60 : 34);
const PAGE = 10;

export function FindingList(props: { findings: Finding[]; lang: Lang; onSelect?: (f: Finding) => void }) {
  const t = strings(props.lang);
  const s = useListStyles();
  const groups = React.useMemo(() => groupFindings(props.findings), [props.findings]);
  // The notes ("Thông tin") start folded, as before; a new result starts over.
  const initialCollapsed = React.useMemo(() => new Set<string>(['info']), []);
  const [view, setView] = React.useState({ findings: props.findings, collapsed: initialCollapsed as ReadonlySet<string>, active: 0 });
  const current = view.findings === props.findings ? view : { findings: props.findings, collapsed: initialCollapsed, active: 0 };
  const { collapsed } = current;
  const rows = React.useMemo(() => flattenGroups(groups, collapsed), [groups, collapsed]);
  const active = Math.min(current.active, rows.length - 1);
  const scroller = React.useRef<HTMLDivElement>(null);
  const pendingFocus = React.useRef<number | null>(null);

  // The focused line stays in the DOM even when scrolled away, so focus is never lost to the page.
  const activeRef = React.useRef(active);
  activeRef.current = active;
  const rangeExtractor = React.useCallback((range: Range) => {
    const out = defaultRangeExtractor(range);
    const a = activeRef.current;
    if (a >= 0 && a < range.count && !out.includes(a)) {
      out.push(a);
      out.sort((x, y) => x - y);
    }
    return out;
  }, []);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimate(rows[i]),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 6,
    rangeExtractor,
  });

  const update = (next: { collapsed?: ReadonlySet<string>; active?: number }) =>
    setView({ findings: props.findings, collapsed: next.collapsed ?? collapsed, active: next.active ?? active });

  const focusLine = (i: number) => {
    const to = Math.max(0, Math.min(rows.length - 1, i));
    pendingFocus.current = to;
    update({ active: to });
    virtualizer.scrollToIndex(to, { align: 'auto' });
  };

  const toggle = (row: FindingRow, open: boolean, at: number) => {
    const next = new Set(collapsed);
    if (open) next.delete(row.key);
    else next.add(row.key);
    pendingFocus.current = at;
    update({ collapsed: next, active: at });
  };

  const activate = (row: FindingRow, i: number) => {
    if (row.kind === 'finding') {
      if (props.onSelect && row.finding.sheet) props.onSelect(row.finding);
    } else toggle(row, !row.expanded, i);
  };

  // Focus follows the keys once the line is drawn (after scrolling to it, a render later).
  React.useLayoutEffect(() => {
    const want = pendingFocus.current;
    if (want === null) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-line="${want}"]`);
    if (el) {
      pendingFocus.current = null;
      if (document.activeElement !== el) el.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (e: React.KeyboardEvent) => {
    const row = rows[active];
    if (!row) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusLine(active + 1);
        break;
      case 'ArrowUp':
        focusLine(active - 1);
        break;
      case 'Home':
        focusLine(0);
        break;
      case 'End':
        focusLine(rows.length - 1);
        break;
      case 'PageDown':
        focusLine(active + PAGE);
        break;
      case 'PageUp':
        focusLine(active - PAGE);
        break;
      case 'ArrowRight':
        if (row.kind !== 'finding') {
          if (!row.expanded) toggle(row, true, active);
          else focusLine(active + 1);
        }
        break;
      case 'ArrowLeft':
        if (row.kind !== 'finding' && row.expanded) toggle(row, false, active);
        else if (row.level > 1) {
          let p = active - 1;
          while (p > 0 && rows[p].level >= row.level) p--;
          focusLine(p);
        }
        break;
      case 'Enter':
      case ' ':
        activate(row, active);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  // Stable handlers, so a line already drawn is not drawn again while the list scrolls (Line is memoised).
  const latest = React.useRef({ activate, active, update });
  latest.current = { activate, active, update };
  const onActivate = React.useCallback((i: number) => {
    const row = rows[i];
    if (row) latest.current.activate(row, i);
  }, [rows]);
  const onFocusLine = React.useCallback((i: number) => {
    if (i !== latest.current.active) latest.current.update({ active: i });
  }, []);

  return (
    <div ref={scroller} className={s.scroller} role="tree" aria-label={t.findingsTree(props.findings.length)} onKeyDown={onKeyDown}>
      <div role="none" className={s.canvas} style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index];
          if (!row) return null;
          return (
            <div key={v.key} role="none" ref={virtualizer.measureElement} data-index={v.index} className={s.slot} style={{ transform: `translateY(${v.start}px)` }}>
              <Line row={row} index={v.index} active={v.index === active} lang={props.lang} selectable={Boolean(props.onSelect)} onActivate={onActivate} onFocusLine={onFocusLine} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
