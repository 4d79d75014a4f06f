/** A scenario's folder name among a run's results, and whether it differs from the scenario's name. */
export interface ScenarioFolderName {
  folder: string;
  /** True when the name was not usable as it is (a path, empty, reserved, or taken by an earlier scenario). */
  renamed: boolean;
}

/** The longest folder name made from a scenario name, in characters (file systems allow 255 bytes). */
const maximumLength = 64;

/** Names Windows gives to devices, in any case and with any extension. */
const reservedNames = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A folder name made from a scenario name: letters (any script), digits, `_`, `-` and `.` kept, every
 * other run of characters (path separators, spaces, control characters) one `-`, no leading or
 * trailing `-` or `.` (so never `..`, a hidden folder or a path), at most 64 characters; `scenario`
 * when nothing is left.
 */
export function folderSlug(name: string): string {
  const slug = [
    ...name
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, '-')
      .replace(/^[-.]+|[-.]+$/g, ''),
  ]
    .slice(0, maximumLength)
    .join('')
    .replace(/[-.]+$/g, '');
  if (slug === '') return 'scenario';
  return reservedNames.test(slug) ? `${slug}-scenario` : slug;
}

/**
 * Each scenario's folder name for `run --out DIR` with several scenarios: its `folderSlug`, made unique
 * (ignoring case, as macOS and Windows do) with `-2`, `-3`, ... in scenario order.
 */
export function scenarioFolderNames(names: readonly string[]): ScenarioFolderName[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const slug = folderSlug(name);
    let folder = slug;
    for (let suffix = 2; taken.has(folder.toLowerCase()); suffix++) folder = `${slug}-${suffix}`;
    taken.add(folder.toLowerCase());
    return { folder, renamed: folder !== name };
  });
}
