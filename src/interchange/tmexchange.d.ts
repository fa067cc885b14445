/**
 * Types for tmexchange 2.0.6, which ships none.
 *
 * Only the shapes Subrelay uses: flat resources (`tuid → language → text`),
 * without tmexchange's namespaces (which become `<prop type="group">`).
 */
declare module 'tmexchange' {
  export interface TmxDocument {
    readonly version?: string;
    readonly sourceLanguage: string;
    readonly administrationLanguage?: string;
    readonly creationTool?: string;
    readonly creationToolVersion?: string;
    readonly datatype?: string;
    readonly segtype?: string;
    readonly oTMF?: string;
    /** Write `tuid` attributes (the default). */
    readonly tuid?: boolean;
    readonly resources: Readonly<Record<string, Readonly<Record<string, string>>>>;
  }

  export interface Js2TmxOptions {
    /** Leave out the XML declaration (tmexchange's default is true). */
    readonly headless?: boolean;
    readonly pretty?: boolean;
    readonly indent?: string;
    readonly newline?: string;
  }

  /** Calls back synchronously when given a callback; returns a promise otherwise. */
  export function js2tmx(
    document: TmxDocument,
    options: Js2TmxOptions,
    callback: (error: Error | null, xml: string) => void,
  ): void;
  export function js2tmx(document: TmxDocument, options?: Js2TmxOptions): Promise<string>;

  export function tmx2js(
    xml: string,
  ): Promise<TmxDocument & { readonly resources: Record<string, Record<string, string>> }>;
}
