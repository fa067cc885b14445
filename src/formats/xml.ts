import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** XML that cannot be read; each format turns it into its own error. */
export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Characters XML 1.0 does not allow, even as references: most C0 controls, U+FFFE/U+FFFF, lone surrogates. */
const NOT_XML_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching the control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/**
 * A text as it survives a trip through XML: "\n" line breaks, no characters XML 1.0 forbids.
 *
 * Used by the writers, and by the XLIFF import to compare a file's text with
 * the project's without reporting a difference the writer itself made.
 */
export function xmlSafeText(text: string): string {
  return text.replace(/\r\n?/gu, '\n').replace(NOT_XML_CHARACTERS, '');
}

export interface XmlElement {
  readonly kind: 'element';
  /** The local name: a namespace prefix is dropped. */
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: ReadonlyArray<XmlNode>;
}

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

export type XmlNode = XmlElement | XmlText;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below, in one pass, so "&amp;lt;" stays "&lt;" and no DTD entity is ever expanded.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]*);?/gu, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`bad XML: "&" that starts no entity`);
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/u.exec(name);
    if (numeric !== null) {
      const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
      const character = code <= 0x10ffff ? String.fromCodePoint(code) : '';
      if (character === '' || (xmlSafeText(character) !== character && character !== '\r')) {
        throw new XmlError(`bad XML: character reference &${name}; is not an XML character`);
      }
      return character;
    }
    const known = PREDEFINED_ENTITIES[name];
    if (known === undefined) throw new XmlError(`bad XML: undefined entity &${name};`);
    return known;
  });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns fast-xml-parser's ordered output into typed nodes, decoding entities on the way.
 *
 * CDATA sections are taken as they are: their "&amp;" is four characters.
 */
function toNodes(value: unknown, decode = true): XmlNode[] {
  if (!Array.isArray(value)) return [];
  const nodes: XmlNode[] = [];
  for (const item of value as ReadonlyArray<unknown>) {
    if (!isRecord(item)) continue;
    for (const [key, content] of Object.entries(item)) {
      if (key === ':@' || key === '#comment') continue;
      if (key === '#text') {
        const text = typeof content === 'string' ? content : String(content);
        nodes.push({ kind: 'text', text: decode ? decodeEntities(text) : text });
      } else if (key === '#cdata') {
        nodes.push(...toNodes(content, false));
      } else if (!key.startsWith('?') && !key.startsWith('!')) {
        const attributes = new Map<string, string>();
        const raw = item[':@'];
        if (isRecord(raw)) {
          for (const [name, attribute] of Object.entries(raw)) {
            attributes.set(name, decodeEntities(typeof attribute === 'string' ? attribute : String(attribute)));
          }
        }
        nodes.push({ kind: 'element', name: localName(key), attributes, children: toNodes(content) });
      }
    }
  }
  return nodes;
}

export function elements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter(
    (child): child is XmlElement => child.kind === 'element' && (name === undefined || child.name === name),
  );
}

/** Refuses a DOCTYPE: it is the only place entities can be declared, so no entity bomb can follow. */
function refuseDoctype(text: string, kind: string): void {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/u.test(text.charAt(at))) at++;
    if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at);
      if (end === -1) return;
      at = end + 2;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at);
      if (end === -1) return;
      at = end + 3;
    } else {
      break;
    }
  }
  if (text.startsWith('<!DOCTYPE', at)) {
    throw new XmlError(`${kind} files with a DOCTYPE are refused (entities are not expanded)`);
  }
}

/**
 * Reads an XML document into its root element, refusing what is not plain, well-formed XML.
 *
 * A DOCTYPE is refused (so no entity can be declared, let alone expanded);
 * entities are the five predefined ones and character references. `kind`
 * names the format in messages ("XLIFF", "TTML").
 */
export function parseXml(text: string, kind: string): XmlElement {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  refuseDoctype(body, kind);
  // Deprecated in favour of the separate fast-xml-validator package, which is not a dependency here.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const message = valid.err.msg.replace(/\s+/gu, ' ').trim();
    throw new XmlError(`bad XML at line ${valid.err.line}: ${message}`);
  }
  const roots = toNodes(parser.parse(body) as unknown).filter((node): node is XmlElement => node.kind === 'element');
  const [root, extra] = roots;
  if (root === undefined) throw new XmlError(`not a ${kind} file (no root element)`);
  if (extra !== undefined) throw new XmlError(`bad XML: a second root element <${extra.name}>`);
  return root;
}
