const AUTHOR_KEY = 'subrelay.authorName';

/**
 * The name notes are signed with: an application setting of this computer
 * (like the interface language), not of the project, since several people
 * review one project.
 */
export function authorName(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberAuthorName(name: string): void {
  try {
    localStorage.setItem(AUTHOR_KEY, name);
  } catch {
    // Storage refused (a private window's quota): the name is asked for again next time.
  }
}
