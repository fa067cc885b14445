import type { Segment, SubrelayDocument } from '../../src/model/project';

/** A segment with English text and empty drafts in the other languages; `extra` overrides any field. */
export function segment(id: string, paragraph: number, en: string, extra: Partial<Segment> = {}): Segment {
  return {
    id,
    paragraph,
    texts: { en, ko: '', uk: '', ru: '' },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
    ...extra,
  };
}

/** An English article document holding the given segments. */
export function articleOf(...segments: Segment[]): SubrelayDocument {
  return { id: 'a', kind: 'article', title: 'A', sourceLanguage: 'en', segments };
}
