/**
 * @module i18n — a small message catalogue (zh/en, in JSON data files) and a Lit controller that
 * re-renders its host when the language changes. The choice is remembered in localStorage.
 */
import { STAGE_NAMES, type Stage } from '@greenlca/schema';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import en from './en.json';
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
  document.documentElement.lang = languageTag(next);
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
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
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
