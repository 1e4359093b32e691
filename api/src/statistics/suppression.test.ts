import fc from 'fast-check';
import { determinedFigures, layoutOf, suppressSmallCells, type CountedTable, type PublishedTable } from './suppression';

/** A table as counted: values add up along every line; member counts are distinct unions, so a total describes at least as many as its largest part. */
const tableArbitrary = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), columns: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(fc.record({ value: fc.bigInt({ min: 0n, max: 5_000n }), members: fc.integer({ min: 0, max: 25 }) }), { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  )
  .map((cells): CountedTable => {
    const figure = (parts: { value: bigint; members: number }[]) => ({
      value: parts.reduce((sum, part) => sum + part.value, 0n),
      members: Math.min(parts.reduce((sum, part) => sum + part.members, 0), Math.max(0, ...parts.map((part) => part.members)) + 3),
    });
    const columns = cells[0]!.length;
    return {
      cells,
      rowTotals: cells.map((row) => figure(row)),
      columnTotals: Array.from({ length: columns }, (_, column) => figure(cells.map((row) => row[column]!))),
      total: figure(cells.flat()),
    };
  });

/** Rank of a matrix of small integers, exactly (fraction-free Gaussian elimination on bigints). */
function rank(matrix: bigint[][]): number {
  const rows = matrix.map((row) => [...row]);
  let rankFound = 0;
  const columns = rows[0]?.length ?? 0;
  for (let column = 0; column < columns && rankFound < rows.length; column += 1) {
    const pivot = rows.findIndex((row, index) => index >= rankFound && row[column] !== 0n);
    if (pivot < 0) continue;
    [rows[rankFound], rows[pivot]] = [rows[pivot]!, rows[rankFound]!];
    const top = rows[rankFound]!;
    for (let index = 0; index < rows.length; index += 1) {
      if (index === rankFound || rows[index]![column] === 0n) continue;
      const factor = rows[index]![column]!;
      rows[index] = rows[index]!.map((entry, position) => entry * top[column]! - factor * top[position]!);
    }
    rankFound += 1;
  }
  return rankFound;
}

/** Every figure of the table in the layout's order, with the published value or null. */
function publishedFigures(published: PublishedTable): (bigint | null)[] {
  return [...published.cells.flat(), ...published.rowTotals, ...published.columnTotals, published.total];
}

describe('suppressSmallCells', () => {
  it('publishes no figure of 1 to k−1 members, the true value of every other, and leaves no hidden figure derivable', () => {
    fc.assert(
      fc.property(tableArbitrary, fc.integer({ min: 2, max: 12 }), (table, k) => {
        const published = suppressSmallCells(table, k);
        const layout = layoutOf(table.cells.length, table.columnTotals.length);
        const truth = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
        const shown = publishedFigures(published);
        shown.forEach((value, index) => {
          if (value === null) return;
          expect(value).toBe(truth[index]!.value);
          expect(truth[index]!.members === 0 || truth[index]!.members >= k).toBe(true);
        });
        // Independent of the implementation's own check: a hidden figure is determined by the
        // equations exactly when its column is not a combination of the other hidden columns.
        const hidden = shown.map((value, index) => (value === null ? index : -1)).filter((index) => index >= 0);
        const matrix = layout.lines.map((line) => hidden.map((index) => (line.parts.includes(index) ? 1n : line.sum === index ? -1n : 0n)));
        const full = rank(matrix);
        for (let position = 0; position < hidden.length; position += 1) {
          const without = rank(matrix.map((row) => row.filter((_, column) => column !== position)));
          expect({ figure: hidden[position], determined: full === without + 1 }).toEqual({ figure: hidden[position], determined: false });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hides nothing when every figure describes k members or none', () => {
    const figure = (value: bigint, members: number) => ({ value, members });
    const table: CountedTable = {
      cells: [
        [figure(10n, 12), figure(0n, 0)],
        [figure(5n, 15), figure(7n, 11)],
      ],
      rowTotals: [figure(10n, 12), figure(12n, 20)],
      columnTotals: [figure(15n, 20), figure(7n, 11)],
      total: figure(22n, 25),
    };
    expect(suppressSmallCells(table, 10)).toEqual({ cells: [[10n, 0n], [5n, 7n]], rowTotals: [10n, 12n], columnTotals: [15n, 7n], total: 22n });
  });

  it('hides a second figure beside a small cell, so the totals do not give it away', () => {
    const figure = (value: bigint, members: number) => ({ value, members });
    const table: CountedTable = {
      cells: [
        [figure(100n, 30), figure(3n, 2), figure(50n, 20)],
        [figure(80n, 25), figure(60n, 22), figure(40n, 18)],
      ],
      rowTotals: [figure(153n, 40), figure(180n, 45)],
      columnTotals: [figure(180n, 40), figure(63n, 23), figure(90n, 30)],
      total: figure(333n, 60),
    };
    const published = suppressSmallCells(table, 10);
    expect(published.cells[0]![1]).toBeNull();
    const hiddenCells = published.cells.flat().filter((value) => value === null).length;
    expect(hiddenCells).toBeGreaterThanOrEqual(4);
    expect(determinedFigures(layoutOf(2, 3), new Set(publishedFigures(published).flatMap((value, index) => (value === null ? [index] : []))))).toEqual([]);
  });
});
