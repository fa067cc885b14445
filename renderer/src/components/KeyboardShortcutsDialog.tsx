import { useTranslation } from 'react-i18next';
import { COMMANDS, MENUS, shortcutLabel } from '../../../src/commands/commands';
import { Modal } from './Modal';

/** Keys the grid itself handles (not commands of the menus). */
export const GRID_KEYS: ReadonlyArray<{ readonly keys: string; readonly labelKey: string }> = [
  { keys: '↑ / ↓', labelKey: 'shortcuts.upDown' },
  { keys: 'PgUp / PgDn', labelKey: 'shortcuts.page' },
  { keys: 'Tab / Shift+Tab', labelKey: 'shortcuts.tab' },
];

/**
 * Help ▸ Keyboard shortcuts: every command's key, menu by menu (read from the
 * command list, so it cannot drift from the menus), and the grid's own keys.
 */
export function KeyboardShortcutsDialog(props: { readonly mac: boolean; readonly onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal title={t('shortcuts.title')} onClose={props.onClose}>
      <div className="shortcut-sheet">
        <section aria-labelledby="shortcuts-grid">
          <h3 id="shortcuts-grid">{t('shortcuts.grid')}</h3>
          <table className="shortcut-table">
            <tbody>
              {GRID_KEYS.map((entry) => (
                <tr key={entry.labelKey}>
                  <th scope="row">
                    <kbd>{entry.keys}</kbd>
                  </th>
                  <td>{t(entry.labelKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {MENUS.map((menu) => {
          const commands = COMMANDS.filter((command) => command.menu === menu.id && command.shortcut !== undefined);
          if (commands.length === 0) return null;
          return (
            <section key={menu.id} aria-labelledby={`shortcuts-${menu.id}`}>
              <h3 id={`shortcuts-${menu.id}`}>{t(menu.labelKey)}</h3>
              <table className="shortcut-table">
                <tbody>
                  {commands.map((command) => (
                    <tr key={command.id}>
                      <th scope="row">
                        <kbd>
                          {[command.shortcut, ...(command.alternatives ?? [])]
                            .flatMap((key) => (key === undefined ? [] : [shortcutLabel(key, props.mac)]))
                            .join(' / ')}
                        </kbd>
                        {command.outsideText !== undefined && (
                          <>
                            {' / '}
                            <kbd>{command.outsideText}</kbd> {t('shortcuts.outsideText')}
                          </>
                        )}
                      </th>
                      <td>{t(command.labelKey).replace(/…$/u, '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })}
      </div>
      <div className="buttons">
        <button type="button" className="primary" onClick={props.onClose} data-autofocus>
          {t('shortcuts.close')}
        </button>
      </div>
    </Modal>
  );
}
