declare module '*.css';

/** Set by the Electron preload (main/preload.ts); absent in the web mode. */
interface Window {
  readonly subrelayMenu?: {
    /** Application menu commands. */
    onMenuCommand(listener: (command: import('../../src/commands/commands').CommandId) => void): () => void;
    /**
     * Projects the OS asked to open (double-click, macOS `open-file`, argv), dropped on the window, or
     * chosen from the recent documents. Main has granted the path: ask about unsaved changes, then
     * `openProject({ path })`.
     */
    onOpenFile(listener: (path: string) => void): () => void;
  };
}
