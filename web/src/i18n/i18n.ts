/**
 * @module i18n — a small message catalogue (zh/en, in JSON data files) and a Lit controller that
 * re-renders its host when the language changes. The choice is remembered in localStorage.
 */
import { STAGE_NAMES, type Stage } from '@greenlca/schema';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import zhCodes from './codes.zh.json';
import en from './en.json';
import units from './units.json';
import zh from './zh.json';

export type Locale = 'zh' | 'en';
export type MessageKey = keyof typeof en;

const catalogues: Record<Locale, Record<string, string>> = { en, zh };
const STORAGE_KEY = 'greenlca.locale';
const listeners = new Set<() => void>();

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // localStorage may be unavailable (privacy mode): fall back to the browser language.
  }
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current: Locale = initialLocale();

/** The BCP 47 tag of a locale, for `<html lang>` and Intl. */
export function languageTag(l: Locale): string {
  return l === 'zh' ? 'zh-CN' : 'en';
}

// The page's language from the start (index.html says zh-CN until now), so screen readers, hyphenation
// and fonts follow the language shown, not only after a switch.
if (typeof document !== 'undefined') document.documentElement.lang = languageTag(current);

export function locale(): Locale {
  return current;
}

/** Switch language for the whole page and remember it. */
export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, still switched.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = languageTag(next);
  for (const listener of listeners) listener();
}

/**
 * Translate a message key, filling `{name}` placeholders.
 *
 * @example
 * t('results.total') // "Total" or "合计"
 * t('inventory.count', { n: 3 })
 */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalogues[current][key] ?? catalogues.en[key] ?? key;
  if (!vars) return text;
  return plurals(text, vars).replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Plural forms in a message, ICU style: `{n, plural, one {# line} other {# lines}}` (# is the number).
 * Chinese has one form; English has two ("1 line", "2 lines"), never "line(s)".
 */
function plurals(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+), plural, ((?:\w+ \{[^{}]*\}\s*)+)\}/g, (_, name: string, forms: string) => {
    const n = Number(vars[name]);
    let rules = pluralRules.get(current);
    if (!rules) pluralRules.set(current, (rules = new Intl.PluralRules(languageTag(current))));
    const chosen = new Map([...forms.matchAll(/(\w+) \{([^{}]*)\}/g)].map((m) => [m[1]!, m[2]!]));
    const form = chosen.get(`=${n}`) ?? chosen.get(rules.select(n)) ?? chosen.get('other') ?? '';
    return form.replace(/#/g, String(vars[name]));
  });
}

/** A unit as shown in the page language ("item" is 件 in Chinese); units without a name are shown as written. */
export function unitName(unit: string): string {
  const names = (units as Record<string, Partial<Record<Locale, string>>>)[unit];
  return names?.[current] ?? unit;
}

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A date and time in the page language (2026/12/6 19:31 in Chinese, 6 Dec 2026, 19:31 in English). */
export function formatDate(iso: string | number | Date): string {
  let f = dateFormats.get(current);
  if (!f) dateFormats.set(current, (f = new Intl.DateTimeFormat(current === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })));
  return f.format(new Date(iso));
}

/**
 * An engine problem or warning in the page language: in Chinese, the description and fix of its code
 * (codes.zh.json, from packages/engine/ERRORS.md); otherwise, or for a code without one, the engine's
 * own message and hint.
 */
export function codeText(issue: { code: string; message: string; hint?: string | undefined }): { message: string; hint: string | undefined; translated: boolean } {
  const zhText = current === 'zh' ? (zhCodes as Record<string, string[]>)[issue.code] : undefined;
  if (zhText) return { message: zhText[0]!, hint: zhText[1], translated: true };
  return { message: issue.message, hint: issue.hint, translated: false };
}

/** A name given in both languages ({ en, zh? }), in the current one. */
export function localName(name: { en: string; zh?: string | undefined }): string {
  return current === 'zh' && name.zh ? name.zh : name.en;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Building an Intl.NumberFormat costs far more than using one: keep one per locale and precision. */
function formatter(scientific: boolean, digits: number): Intl.NumberFormat {
  const key = `${current}|${scientific ? 's' : 'f'}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(current === 'zh' ? 'zh-CN' : 'en-GB', scientific
      ? { notation: 'scientific', maximumSignificantDigits: digits }
      : { maximumSignificantDigits: digits });
    formatters.set(key, f);
  }
  return f;
}

/** Numbers in the current locale, to a sensible number of significant digits. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return formatter(true, digits).format(value);
  return formatter(false, Math.min(21, Math.max(digits, Math.ceil(Math.log10(abs + 1))))).format(value);
}

/** Items of an accessible description, joined in the current language, the first `max` of them. */
export function listText(items: string[], max = 10): string {
  const shown = items.slice(0, max);
  if (items.length > max) shown.push(t('chart.more', { n: items.length - max }));
  return shown.join(current === 'zh' ? '；' : '; ');
}

/** Re-renders its host when the language changes. */
export class LocaleController implements ReactiveController {
  private readonly listener = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    listeners.add(this.listener);
  }
  hostDisconnected(): void {
    listeners.delete(this.listener);
  }
}

/** A life-cycle stage's name in the current language (设计、制造、包装、运输、使用、报废处理). */
export function stageName(stage: Stage): string {
  return STAGE_NAMES[stage][current];
}
