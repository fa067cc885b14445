import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../src/api/problems';
import { COMMANDS, MENUS } from '../../src/commands/commands';
import { LANGUAGES, type Language } from '../../src/languages';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Tree = { [key: string]: string | Tree };

function load(language: Language): Tree {
  return JSON.parse(readFileSync(join(root, 'locales', language, 'translation.json'), 'utf8')) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') entries.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) entries.set(k, v);
  }
  return entries;
}

const locales = new Map(LANGUAGES.map((language) => [language, flatten(load(language))]));
const english = locales.get('en')!;
const PLURAL = /_(zero|one|two|few|many|other)$/u;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/u.test(entry.name) ? [path] : [];
  });
}

describe('locales', () => {
  it.each(LANGUAGES)('%s has exactly the keys English has', (language) => {
    expect([...locales.get(language)!.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(LANGUAGES)('%s keeps every placeholder of the English string', (language) => {
    for (const [key, text] of english) {
      const placeholders = text.match(/\{\{\w+\}\}/gu) ?? [];
      const translated = locales.get(language)!.get(key)!;
      for (const placeholder of placeholders) expect(translated, `${language} ${key}`).toContain(placeholder);
    }
  });

  it.each(LANGUAGES)('%s has every plural form its grammar needs, and translates them', (language) => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const bases = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    expect(bases.size).toBeGreaterThan(0);
    for (const base of bases) {
      for (const category of categories) {
        const value = locales.get(language)!.get(`${base}_${category}`);
        expect(value, `${language} ${base}_${category}`).toBeTruthy();
      }
    }
  });

  it('uses distinct Russian and Ukrainian forms for 1, 2 and 5', () => {
    for (const language of ['ru', 'uk'] as const) {
      const strings = locales.get(language)!;
      const forms = ['one', 'few', 'many'].map((form) => strings.get(`document.segmentCount_${form}`));
      expect(new Set(forms).size, language).toBe(3);
    }
  });

  it.each(['ko', 'uk', 'ru'] as const)('%s is translated, not a copy of English', (language) => {
    const strings = locales.get(language)!;
    const same = [...english].filter(([key, text]) => strings.get(key) === text && /[a-z]{3}/u.test(text));
    // Only the product's name, platform names and bare placeholders may stay as in English.
    const allowed = ['app.name', 'error.withFile', 'export.lineEndingCrlf', 'export.lineEndingLf', 'problem.system'];
    expect(same.map(([key]) => key).filter((key) => !allowed.includes(key))).toEqual([]);
  });

  it('translates every problem code and names every command and menu', () => {
    for (const code of PROBLEM_CODES) {
      expect(english.has(`problem.${code}`) || english.has(`problem.${code}_other`), code).toBe(true);
    }
    for (const command of COMMANDS) expect(english.has(command.labelKey), command.id).toBe(true);
    for (const menu of MENUS) expect(english.has(menu.labelKey), menu.id).toBe(true);
  });

  it('has every key the interface uses', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(join(root, 'renderer'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([\w.]+)'/gu)) {
        const key = match[1]!;
        if (!english.has(key) && ![...english.keys()].some((k) => k.replace(PLURAL, '') === key)) missing.push(key);
      }
      for (const match of source.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/gu)) {
        const prefix = `${match[1]!}.`;
        if (![...english.keys()].some((k) => k.startsWith(prefix))) missing.push(prefix);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the interface has no literal words outside the locales', () => {
    const offenders: string[] = [];
    const named = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);
    for (const file of sourceFiles(join(root, 'renderer')).filter((f) => f.endsWith('.tsx'))) {
      const source = ts.createSourceFile(
        file,
        readFileSync(file, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TSX,
      );
      const visit = (node: ts.Node): void => {
        if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text)) offenders.push(`${file}: ${node.text.trim()}`);
        if (
          ts.isJsxAttribute(node) &&
          named.has(node.name.getText()) &&
          node.initializer &&
          ts.isStringLiteral(node.initializer)
        ) {
          if (/\p{L}{2,}/u.test(node.initializer.text)) offenders.push(`${file}: ${node.initializer.text}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});
