import { describe, expect, it } from 'vitest';
import {
  commandById,
  COMMANDS,
  commandForKeyPress,
  isCommandId,
  runCommand,
  shortcutLabel,
  type CommandContext,
  CARET_AT_END,
} from '../../src/commands/commands';
import type { Project } from '../../src/model/project';

const press = (
  key: string,
  modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('commands', () => {
  it('have unique ids and unique shortcuts', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    const keys = COMMANDS.flatMap((c) => [c.shortcut, ...(c.alternatives ?? [])]).filter((k) => k !== undefined);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    [press('z', { ctrlKey: true }), 'undo'],
    [press('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    [press('y', { ctrlKey: true }), 'redo'],
    [press('S', { ctrlKey: true, shiftKey: true }), 'split'],
    [press('s', { ctrlKey: true }), 'save'],
    [press('M', { ctrlKey: true, shiftKey: true }), 'merge'],
    [press('Enter', { ctrlKey: true }), 'markTranslated'],
    [press('Enter', { ctrlKey: true, shiftKey: true }), 'markReviewed'],
    [press('Enter', { ctrlKey: true, altKey: true }), 'markApproved'],
    [press('Backspace', { ctrlKey: true, shiftKey: true }), 'markDraft'],
    [press('F2', { shiftKey: true }), 'editNote'],
    [press('f', { ctrlKey: true }), 'find'],
    [press('h', { ctrlKey: true }), 'replace'],
    [press('H', { ctrlKey: true, shiftKey: true }), 'toggleHeadline'],
    [press('Enter'), undefined],
    [press('z'), undefined],
    [press('z', { ctrlKey: true, altKey: true }), undefined],
  ])('%j runs %s', (event, command) => {
    expect(commandForKeyPress(event)).toBe(command);
  });

  it('uses Cmd instead of Ctrl on macOS', () => {
    expect(commandForKeyPress(press('z', { metaKey: true }), true)).toBe('undo');
    expect(commandForKeyPress(press('z', { ctrlKey: true }), true)).toBeUndefined();
    expect(shortcutLabel('CmdOrCtrl+Shift+S', true)).toBe('⌘⇧S');
    expect(shortcutLabel('CmdOrCtrl+Shift+S')).toBe('Ctrl+Shift+S');
  });

  it('recognises its own ids only', () => {
    expect(isCommandId('merge')).toBe(true);
    expect(isCommandId('__proto__')).toBe(false);
    expect(isCommandId(3)).toBe(false);
  });
});

describe('commands: when they apply and what they do', () => {
  const sampleProject = async () => {
    const { readFile } = await import('node:fs/promises');
    const { parseProject } = await import('../../src/model/schema');
    return parseProject(await readFile(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
  };

  async function contextWith(overrides: Partial<CommandContext> = {}): Promise<CommandContext> {
    const project = await sampleProject();
    const document = project.documents.find((d) => d.id === 'appeal');
    return {
      project,
      document,
      selection: { segmentId: document?.segments[0]?.id ?? '', language: 'ko', caret: 2 },
      canUndo: false,
      canRedo: false,
      findingCells: [],
      ...overrides,
    };
  }

  const empty: CommandContext = {
    project: undefined,
    document: undefined,
    selection: undefined,
    canUndo: false,
    canRedo: false,
    findingCells: [],
  };

  it('without a project, only New, Open and Open sample apply', () => {
    const applicable = COMMANDS.filter((command) => command.when(empty)).map((command) => command.id);
    expect(applicable.sort()).toEqual(['keyboardShortcuts', 'newProject', 'open', 'openSample']);
  });

  it('every command applies with a project, a selected cell and history both ways', async () => {
    const base = await contextWith({ canUndo: true, canRedo: true });
    // A middle row, so that there is a row above and one below.
    // With media attached to the transcript (the player's commands need it).
    const document = base.document === undefined ? undefined : { ...base.document, media: { path: 'appeal.mp4' } };
    const context = {
      ...base,
      document,
      selection: { segmentId: base.document?.segments[1]?.id ?? '', language: 'ko' as const, caret: 2 },
    };
    const notApplying = COMMANDS.filter((command) => !command.when(context)).map((command) => command.id);
    expect(notApplying).toEqual([]);
  });

  it('undo and redo follow the history', async () => {
    const context = await contextWith();
    expect(commandById('undo').when(context)).toBe(false);
    expect(runCommand('undo', context)).toEqual({ kind: 'none' });
    expect(runCommand('undo', { ...context, canUndo: true })).toEqual({ kind: 'effect', effect: 'undo' });
    expect(runCommand('redo', { ...context, canRedo: true })).toEqual({ kind: 'effect', effect: 'redo' });
  });

  it('project commands are effects the shell carries out (it asks before replacing unsaved work)', async () => {
    const context = await contextWith();
    for (const id of ['newProject', 'open', 'openSample', 'save', 'saveAs'] as const) {
      expect(runCommand(id, context)).toEqual({ kind: 'effect', effect: id });
    }
  });

  it('dialog commands open their dialog; timing only for a transcript', async () => {
    const context = await contextWith();
    expect(runCommand('export', context)).toEqual({ kind: 'dialog', dialog: 'export' });
    expect(runCommand('align', context)).toEqual({ kind: 'dialog', dialog: 'align' });
    expect(runCommand('timing', context)).toEqual({ kind: 'dialog', dialog: 'timing' });
    const article = context.project?.documents.find((d) => d.id === 'article');
    expect(commandById('timing').when({ ...context, document: article })).toBe(false);
  });

  it('split needs a caret and splits at it, in the selected language', async () => {
    const context = await contextWith();
    expect(commandById('split').when({ ...context, selection: { segmentId: 'q001', language: 'ko' } })).toBe(false);
    const result = runCommand('split', context);
    if (result.kind !== 'edit') throw new Error(`expected an edit, got ${result.kind}`);
    expect(result.action).toBe('split');
    const before = context.document?.segments ?? [];
    const after = result.change(context.project!).documents.find((d) => d.id === 'appeal')!.segments;
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]?.texts.ko).toBe(before[0]?.texts.ko.slice(0, 2).trimEnd());
  });

  it('merge does not apply on the last row', async () => {
    const context = await contextWith();
    const last = context.document!.segments[context.document!.segments.length - 1]!;
    expect(commandById('merge').when({ ...context, selection: { segmentId: last.id } })).toBe(false);
    const result = runCommand('merge', context);
    if (result.kind !== 'edit') throw new Error(`expected an edit, got ${result.kind}`);
    const merged = result.change(context.project!).documents.find((d) => d.id === 'appeal')!.segments;
    expect(merged).toHaveLength(context.document!.segments.length - 1);
  });

  it('mark translated sets the status and moves to the next row in the same language', async () => {
    const context = await contextWith();
    const result = runCommand('markTranslated', context);
    if (result.kind !== 'edit') throw new Error(`expected an edit, got ${result.kind}`);
    const segments = context.document!.segments;
    expect(result.select).toEqual({ segmentId: segments[1]!.id, language: 'ko' });
    const after = result.change(context.project!).documents.find((d) => d.id === 'appeal')!.segments[0]!;
    expect(after.status.ko).toBe('translated');
  });

  it('exclusion and headline toggle', async () => {
    const context = await contextWith();
    const exclude = runCommand('toggleExcluded', context);
    if (exclude.kind !== 'edit') throw new Error('expected an edit');
    const excluded = exclude.change(context.project!);
    expect(excluded.documents.find((d) => d.id === 'appeal')!.segments[0]!.excluded).toBe(true);
    const again = runCommand('toggleExcluded', {
      ...context,
      project: excluded,
      document: excluded.documents.find((d) => d.id === 'appeal'),
    });
    if (again.kind !== 'edit') throw new Error('expected an edit');
    expect(again.change(excluded).documents.find((d) => d.id === 'appeal')!.segments[0]!.excluded).not.toBe(true);
    const headline = runCommand('toggleHeadline', context);
    if (headline.kind !== 'edit') throw new Error('expected an edit');
    expect(headline.change(context.project!).documents.find((d) => d.id === 'appeal')!.segments[0]!.role).toBe(
      'headline',
    );
  });

  it('next and previous item to check go to QA findings in document order, wrapping around', async () => {
    const context = await contextWith();
    const segments = context.document!.segments;
    const findingCells = [
      { segmentId: segments[4]!.id, language: 'ru' as const },
      { segmentId: segments[2]!.id, language: 'uk' as const },
    ];
    const at = (index: number) => ({ ...context, findingCells, selection: { segmentId: segments[index]!.id } });
    expect(runCommand('nextUncertain', at(0))).toEqual({
      kind: 'select',
      selection: { segmentId: segments[2]!.id, language: 'uk' },
    });
    expect(runCommand('nextUncertain', at(4))).toEqual({
      kind: 'select',
      selection: { segmentId: segments[2]!.id, language: 'uk' },
    });
    expect(runCommand('previousUncertain', at(3))).toEqual({
      kind: 'select',
      selection: { segmentId: segments[2]!.id, language: 'uk' },
    });
    expect(runCommand('nextUncertain', { ...at(0), findingCells: [] })).toEqual({ kind: 'none' });
  });

  it('shift moves cells of the selected language only', async () => {
    const context = await contextWith();
    const result = runCommand('shiftDown', context);
    if (result.kind !== 'edit') throw new Error('expected an edit');
    const before = context.document!.segments;
    const after = result.change(context.project!).documents.find((d) => d.id === 'appeal')!.segments;
    expect(after[0]!.texts.ko).toBe('');
    expect(after[1]!.texts.ko).toBe(before[0]!.texts.ko);
    expect(after[0]!.texts.en).toBe(before[0]!.texts.en);
  });

  const segmentAfter = (project: Project, index: number) =>
    project.documents.find((d) => d.id === 'appeal')!.segments[index]!;

  it('reviewed and approved set the status, confirm the link and move down the same column', async () => {
    const context = await contextWith();
    const segments = context.document!.segments;
    for (const [id, status] of [
      ['markReviewed', 'reviewed'],
      ['markApproved', 'approved'],
    ] as const) {
      const result = runCommand(id, context);
      if (result.kind !== 'edit') throw new Error(`expected an edit, got ${result.kind}`);
      expect(result.action).toBe('status');
      expect(result.select).toEqual({ segmentId: segments[1]!.id, language: 'ko' });
      const after = segmentAfter(result.change(context.project!), 0);
      expect(after.status.ko).toBe(status);
      expect(after.status.uk).toBe(segments[0]!.status.uk);
    }
    // A doubtful link is confirmed by review, as by Ctrl+Enter.
    const doubtful = {
      ...context.project!,
      documents: context.project!.documents.map((d) =>
        d.id === 'appeal'
          ? { ...d, segments: d.segments.map((s, i) => (i === 0 ? { ...s, confidence: { ko: 0.1 } } : s)) }
          : d,
      ),
    };
    const reviewed = runCommand('markReviewed', {
      ...context,
      project: doubtful,
      document: doubtful.documents.find((d) => d.id === 'appeal'),
    });
    if (reviewed.kind !== 'edit') throw new Error('expected an edit');
    expect(segmentAfter(reviewed.change(doubtful), 0).confidence).toBeUndefined();
  });

  it('draft takes a status back and stays on the cell; on the last row reviewed stays too', async () => {
    const context = await contextWith();
    const segments = context.document!.segments;
    const approved = runCommand('markApproved', context);
    if (approved.kind !== 'edit') throw new Error('expected an edit');
    const project = approved.change(context.project!);
    const draft = runCommand('markDraft', {
      ...context,
      project,
      document: project.documents.find((d) => d.id === 'appeal'),
    });
    if (draft.kind !== 'edit') throw new Error('expected an edit');
    expect(draft.select).toBeUndefined();
    expect(segmentAfter(draft.change(project), 0).status.ko).toBe('draft');
    const last = { ...context, selection: { segmentId: segments[segments.length - 1]!.id, language: 'ko' as const } };
    const onLast = runCommand('markReviewed', last);
    if (onLast.kind !== 'edit') throw new Error('expected an edit');
    expect(onLast.select).toBeUndefined();
  });

  it('statuses do not apply to the source text, nor without a cell', async () => {
    const context = await contextWith();
    const source = { ...context, selection: { segmentId: 'q001', language: 'en' as const } };
    for (const id of ['markDraft', 'markReviewed', 'markApproved'] as const) {
      expect(commandById(id).when(source), id).toBe(false);
      expect(commandById(id).when({ ...context, selection: { segmentId: 'q001' } }), id).toBe(false);
      expect(runCommand(id, source)).toEqual({ kind: 'none' });
    }
  });

  it('find and replace open the find panel; edit note opens the note of the selected cell', async () => {
    const context = await contextWith();
    expect(runCommand('find', context)).toEqual({ kind: 'dialog', dialog: 'find' });
    expect(runCommand('replace', context)).toEqual({ kind: 'dialog', dialog: 'replace' });
    expect(runCommand('editNote', context)).toEqual({ kind: 'dialog', dialog: 'note' });
    expect(commandById('editNote').when({ ...context, selection: { segmentId: 'q001' } })).toBe(false);
    expect(commandById('find').when({ ...context, document: undefined })).toBe(false);
  });
});

describe('going through rows and documents', () => {
  const sample = async () => {
    const { readFile } = await import('node:fs/promises');
    const { parseProject } = await import('../../src/model/schema');
    return parseProject(await readFile(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
  };

  async function at(row: number | undefined, language: 'en' | 'ko' | 'uk' | 'ru' | undefined = 'uk') {
    const project = await sample();
    const document = project.documents.find((d) => d.id === 'appeal')!;
    const segment = row === undefined ? undefined : document.segments[row];
    const context: CommandContext = {
      project,
      document,
      selection: segment === undefined ? undefined : { segmentId: segment.id, language },
      canUndo: false,
      canRedo: false,
      findingCells: [],
    };
    return { context, segments: document.segments, project };
  }

  it('Ctrl+Up/Down move one row in the same column, with the caret at the end of the text', async () => {
    const { context, segments } = await at(3);
    expect(runCommand('rowAbove', context)).toEqual({
      kind: 'select',
      selection: { segmentId: segments[2]!.id, language: 'uk', caret: CARET_AT_END },
    });
    expect(runCommand('rowBelow', context)).toEqual({
      kind: 'select',
      selection: { segmentId: segments[4]!.id, language: 'uk', caret: CARET_AT_END },
    });
    expect(commandForKeyPress(press('ArrowUp', { ctrlKey: true }))).toBe('rowAbove');
    expect(commandForKeyPress(press('ArrowDown', { ctrlKey: true }))).toBe('rowBelow');
  });

  it('there is no row above the first nor below the last', async () => {
    const first = await at(0);
    expect(commandById('rowAbove').when(first.context)).toBe(false);
    expect(commandById('rowBelow').when(first.context)).toBe(true);
    const last = await at(first.segments.length - 1);
    expect(commandById('rowBelow').when(last.context)).toBe(false);
    expect(commandById('rowAbove').when(last.context)).toBe(true);
  });

  it('Ctrl+Home/End go to the first and last rows, into the first translation when no cell is selected', async () => {
    const { context, segments } = await at(undefined);
    const expected = (index: number) => ({
      kind: 'select',
      selection: { segmentId: segments[index]!.id, language: 'ko', caret: CARET_AT_END },
    });
    expect(runCommand('firstRow', context)).toEqual(expected(0));
    expect(runCommand('lastRow', context)).toEqual(expected(segments.length - 1));
    expect(commandForKeyPress(press('Home', { ctrlKey: true }))).toBe('firstRow');
    expect(commandForKeyPress(press('End', { ctrlKey: true }))).toBe('lastRow');
    expect(commandForKeyPress(press('End', { metaKey: true }), true)).toBe('lastRow');
  });

  it('Alt+PageUp/PageDown switch documents, wrapping around', async () => {
    const { context, project } = await at(0);
    const ids = project.documents.map((d) => d.id);
    expect(ids.length).toBeGreaterThan(1);
    const here = ids.indexOf('appeal');
    expect(runCommand('nextDocument', context)).toEqual({ kind: 'document', documentId: ids[(here + 1) % ids.length] });
    expect(runCommand('previousDocument', context)).toEqual({
      kind: 'document',
      documentId: ids[(here - 1 + ids.length) % ids.length],
    });
    const alone = { ...context, project: { ...project, documents: project.documents.slice(0, 1) } };
    expect(commandById('nextDocument').when(alone)).toBe(false);
    expect(commandForKeyPress(press('PageDown', { altKey: true }))).toBe('nextDocument');
  });

  it('Go to row and the shortcuts sheet open their dialogs', async () => {
    const { context } = await at(0);
    expect(runCommand('goToRow', context)).toEqual({ kind: 'dialog', dialog: 'goToRow' });
    expect(runCommand('keyboardShortcuts', context)).toEqual({ kind: 'dialog', dialog: 'keyboardShortcuts' });
    expect(commandForKeyPress(press('g', { ctrlKey: true }))).toBe('goToRow');
    expect(commandForKeyPress(press('/', { ctrlKey: true }))).toBe('keyboardShortcuts');
  });
});

describe('the media commands', () => {
  async function context(media: boolean, row: number | null = 1): Promise<CommandContext> {
    const { readFile } = await import('node:fs/promises');
    const { parseProject } = await import('../../src/model/schema');
    const project = parseProject(
      await readFile(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'),
    );
    const appeal = project.documents.find((d) => d.id === 'appeal')!;
    const document = media ? { ...appeal, media: { path: 'appeal.mp4' } } : appeal;
    const segment = row === null ? undefined : document.segments[row];
    return {
      project,
      document,
      selection: segment === undefined ? undefined : { segmentId: segment.id, language: 'en' },
      canUndo: false,
      canRedo: false,
      findingCells: [],
    };
  }

  it('Attach applies to any transcript; the player needs attached media', async () => {
    const without = await context(false);
    expect(runCommand('attachMedia', without)).toEqual({ kind: 'media', action: 'attach' });
    for (const id of ['playPause', 'playCue', 'loopCue', 'nextFrame', 'startFromPlayhead', 'timeFromSpeech'] as const) {
      expect(commandById(id).when(without), id).toBe(false);
    }
    const withMedia = await context(true);
    expect(runCommand('playPause', withMedia)).toEqual({ kind: 'media', action: 'playPause' });
    expect(runCommand('timeFromSpeech', withMedia)).toEqual({ kind: 'media', action: 'timeFromSpeech' });
    expect(runCommand('snapToSpeech', withMedia)).toEqual({ kind: 'media', action: 'snapToSpeech' });
    expect(runCommand('endFromPlayhead', withMedia)).toEqual({ kind: 'media', action: 'endFromPlayhead' });
  });

  it('an article has no media commands', async () => {
    const base = await context(true);
    const article = base.project!.documents.find((d) => d.kind === 'article')!;
    const onArticle = { ...base, document: article, selection: { segmentId: article.segments[0]!.id } };
    expect(commandById('attachMedia').when(onArticle)).toBe(false);
    expect(commandById('playPause').when(onArticle)).toBe(false);
  });

  it('playing a cue needs a selected row with both times; setting times from the playhead a selected row', async () => {
    const noRow = await context(true, null);
    expect(commandById('playCue').when(noRow)).toBe(false);
    expect(commandById('startFromPlayhead').when(noRow)).toBe(false);
    expect(commandById('playPause').when(noRow)).toBe(true);
    const base = await context(true);
    const untimed = {
      ...base,
      document: {
        ...base.document!,
        segments: base.document!.segments.map((s, i) => (i === 1 ? { ...s, start: undefined, end: undefined } : s)),
      },
    } as CommandContext;
    expect(commandById('playCue').when(untimed)).toBe(false);
    expect(commandById('startFromPlayhead').when(untimed)).toBe(true);
  });

  it('keys: Ctrl+P plays, Space only outside a text field, Alt+, and Alt+. step frames by the physical key', () => {
    expect(commandForKeyPress(press('p', { ctrlKey: true }))).toBe('playPause');
    expect(commandForKeyPress(press('p', { metaKey: true }), true)).toBe('playPause');
    expect(commandForKeyPress(press('P', { ctrlKey: true, shiftKey: true }))).toBe('playCue');
    expect(commandForKeyPress(press(' '))).toBeUndefined();
    expect(commandForKeyPress(press(' '), false, true)).toBeUndefined();
    expect(commandForKeyPress(press(' '), false, false)).toBe('playPause');
    expect(commandForKeyPress(press('['), false, false)).toBe('startFromPlayhead');
    expect(commandForKeyPress(press(']'), false, true)).toBeUndefined();
    expect(commandForKeyPress(press(','), false, false)).toBeUndefined();
    expect(commandForKeyPress(press(',', { altKey: true }))).toBe('previousFrame');
    expect(commandForKeyPress(press('.', { altKey: true }))).toBe('nextFrame');
    // Option+. types "≥" on a Mac keyboard: the physical key decides.
    expect(commandForKeyPress({ ...press('≥', { altKey: true }), code: 'Period' }, true)).toBe('nextFrame');
    expect(commandForKeyPress({ ...press('“', { altKey: true }), code: 'BracketLeft' }, true)).toBe(
      'startFromPlayhead',
    );
  });
});
