// How far a seed has got, as log lines: the whole catalog takes minutes on DynamoDB Local, and a
// terminal that says nothing for minutes looks stuck.

/** Called as items are written: `written` of `total` so far. */
export type SeedProgress = (written: number, total: number) => void;

/**
 * One line per tenth of the items written ("seeding the catalog: 30% (14100 of 47000 items)"); the
 * caller says when it is done.
 */
export function progressLines(what: string, log: (line: string) => void): SeedProgress {
  let reported = 0;
  return (written, total) => {
    const tenths = total > 0 ? Math.floor((written / total) * 10) : 10;
    if (tenths <= reported || tenths >= 10) return;
    reported = tenths;
    log(`seeding ${what}: ${tenths * 10}% (${written} of ${total} items)`);
  };
}
