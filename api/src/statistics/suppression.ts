// Small-cell suppression of a published table, so that no published figure describes fewer than k
// members and no hidden figure can be computed from the published ones.
//
// A table has cells (rows × columns), a total per row and per column, and a grand total. Each figure
// comes with the number of distinct members it describes (not additive: a member who trades in two
// categories is one member of the row). Primary suppression hides every figure that describes at
// least one and fewer than k members. Secondary suppression then hides more figures until no hidden
// one is determined by the published ones through the table's sums: a hidden figure x is determined
// when the linear equations "cells of a line sum to its total" (with the published values put in)
// imply x's value, that is when x's unit vector lies in the row space of the equations over the hidden
// unknowns. The check is exact (rational arithmetic), so the result is safe by construction, not by a
// heuristic; the heuristic ("never one hidden figure alone in a line") only makes it converge fast.

export interface Figure {
  value: bigint;
  /** Distinct members the figure describes. */
  members: number;
}

export interface CountedTable {
  cells: Figure[][];
  rowTotals: Figure[];
  columnTotals: Figure[];
  total: Figure;
}

export interface PublishedTable {
  /** null: suppressed. */
  cells: (bigint | null)[][];
  rowTotals: (bigint | null)[];
  columnTotals: (bigint | null)[];
  total: bigint | null;
}

/** The unknowns of a table: cells first, then row totals, column totals and the grand total. */
interface Layout {
  rows: number;
  columns: number;
  cell(row: number, column: number): number;
  rowTotal(row: number): number;
  columnTotal(column: number): number;
  total: number;
  size: number;
  /** Each sum of the table as the indexes of its parts and of its total. */
  lines: { parts: number[]; sum: number }[];
}

function layoutOf(rows: number, columns: number): Layout {
  const cell = (row: number, column: number) => row * columns + column;
  const rowTotal = (row: number) => rows * columns + row;
  const columnTotal = (column: number) => rows * columns + rows + column;
  const total = rows * columns + rows + columns;
  const lines: Layout['lines'] = [];
  for (let row = 0; row < rows; row += 1) lines.push({ parts: Array.from({ length: columns }, (_, column) => cell(row, column)), sum: rowTotal(row) });
  for (let column = 0; column < columns; column += 1) lines.push({ parts: Array.from({ length: rows }, (_, row) => cell(row, column)), sum: columnTotal(column) });
  lines.push({ parts: Array.from({ length: rows }, (_, row) => rowTotal(row)), sum: total });
  lines.push({ parts: Array.from({ length: columns }, (_, column) => columnTotal(column)), sum: total });
  return { rows, columns, cell, rowTotal, columnTotal, total, size: total + 1, lines };
}

function figuresOf(table: CountedTable, layout: Layout): Figure[] {
  const figures: Figure[] = new Array(layout.size);
  table.cells.forEach((cells, row) => cells.forEach((figure, column) => (figures[layout.cell(row, column)] = figure)));
  table.rowTotals.forEach((figure, row) => (figures[layout.rowTotal(row)] = figure));
  table.columnTotals.forEach((figure, column) => (figures[layout.columnTotal(column)] = figure));
  figures[layout.total] = table.total;
  return figures;
}

/** A fraction of bigints in lowest terms with a positive denominator. */
type Fraction = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function reduce([numerator, denominator]: Fraction): Fraction {
  if (numerator === 0n) return [0n, 1n];
  const divisor = gcd(numerator, denominator) * (denominator < 0n ? -1n : 1n);
  return [numerator / divisor, denominator / divisor];
}
const minus = (a: Fraction, b: Fraction): Fraction => reduce([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const times = (a: Fraction, b: Fraction): Fraction => reduce([a[0] * b[0], a[1] * b[1]]);
const over = (a: Fraction, b: Fraction): Fraction => reduce([a[0] * b[1], a[1] * b[0]]);

/**
 * The hidden figures (by index) whose value the published ones determine. Each line gives one equation
 * over the hidden figures; x is determined exactly when e_x lies in the span of the equations.
 */
export function determinedFigures(layout: Layout, hidden: ReadonlySet<number>): number[] {
  const unknowns = [...hidden].sort((a, b) => a - b);
  const column = new Map(unknowns.map((index, position) => [index, position]));
  // Rows of the reduced matrix over the hidden unknowns, kept in reduced row echelon form.
  const basis: { pivot: number; row: Fraction[] }[] = [];
  const reduceAgainst = (row: Fraction[]) => {
    for (const { pivot, row: basisRow } of basis) {
      const factor = row[pivot]!;
      if (factor[0] === 0n) continue;
      for (let position = 0; position < row.length; position += 1) row[position] = minus(row[position]!, times(factor, basisRow[position]!));
    }
    return row;
  };
  for (const line of layout.lines) {
    const row: Fraction[] = unknowns.map(() => [0n, 1n]);
    let touches = false;
    for (const part of line.parts) {
      const position = column.get(part);
      if (position !== undefined) {
        row[position] = [1n, 1n];
        touches = true;
      }
    }
    const sumPosition = column.get(line.sum);
    if (sumPosition !== undefined) {
      row[sumPosition] = [-1n, 1n];
      touches = true;
    }
    if (!touches) continue;
    reduceAgainst(row);
    const pivot = row.findIndex((entry) => entry[0] !== 0n);
    if (pivot < 0) continue;
    const scale = row[pivot]!;
    for (let position = 0; position < row.length; position += 1) row[position] = over(row[position]!, scale);
    // Keep the basis fully reduced: clear the new pivot from the other rows.
    for (const other of basis) {
      const factor = other.row[pivot]!;
      if (factor[0] === 0n) continue;
      for (let position = 0; position < row.length; position += 1) other.row[position] = minus(other.row[position]!, times(factor, row[position]!));
    }
    basis.push({ pivot, row });
  }
  // In reduced row echelon form, e_x is in the span exactly when some basis row is e_x itself.
  const determined: number[] = [];
  for (const { pivot, row } of basis) {
    if (row.every((entry, position) => (position === pivot ? true : entry[0] === 0n))) determined.push(unknowns[pivot]!);
  }
  return determined.sort((a, b) => a - b);
}

/** Publishes the table with every figure of 1 to k−1 members hidden, and whatever else it takes. */
export function suppressSmallCells(table: CountedTable, k: number): PublishedTable {
  const rows = table.cells.length;
  const columns = table.columnTotals.length;
  const layout = layoutOf(rows, columns);
  const figures = figuresOf(table, layout);
  const hidden = new Set<number>();
  figures.forEach((figure, index) => {
    if (figure.members > 0 && figure.members < k) hidden.add(index);
  });
  // The figure to hide next in a line: the published one (a part or the line's total) describing the
  // fewest members, zeros last, as a hidden zero hides little anyone needs; ties by index, so the
  // result is deterministic.
  const weight = (index: number) => (figures[index]!.members === 0 ? Number.POSITIVE_INFINITY : figures[index]!.members);
  const partnerIn = (line: Layout['lines'][number]): number | null => {
    const candidates = [...line.parts, line.sum].filter((index) => !hidden.has(index));
    if (candidates.length === 0) return null;
    return candidates.reduce((best, index) => (weight(index) < weight(best) || (weight(index) === weight(best) && index < best) ? index : best));
  };
  for (;;) {
    // Fast start: no line with exactly one hidden figure among its parts and sum.
    let changed = false;
    for (const line of layout.lines) {
      const hiddenInLine = [...line.parts, line.sum].filter((index) => hidden.has(index)).length;
      if (hiddenInLine === 1) {
        const partner = partnerIn(line);
        if (partner !== null) {
          hidden.add(partner);
          changed = true;
        }
      }
    }
    if (changed) continue;
    const determined = determinedFigures(layout, hidden);
    if (determined.length === 0) break;
    // Hide one more figure in a line of the first determined one (else the published figure that
    // describes the fewest members anywhere), and check again. Each round hides one more figure, so
    // this ends, at the latest with everything hidden.
    const target = determined[0]!;
    const line = layout.lines.find((candidate) => (candidate.parts.includes(target) || candidate.sum === target) && partnerIn(candidate) !== null);
    const published = figures.map((_, index) => index).filter((index) => !hidden.has(index));
    const next = line ? partnerIn(line)! : published.reduce<number | null>((best, index) => (best === null || weight(index) < weight(best) ? index : best), null);
    if (next === null) break;
    hidden.add(next);
  }
  const shown = (index: number) => (hidden.has(index) ? null : figures[index]!.value);
  return {
    cells: Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => shown(layout.cell(row, column)))),
    rowTotals: Array.from({ length: rows }, (_, row) => shown(layout.rowTotal(row))),
    columnTotals: Array.from({ length: columns }, (_, column) => shown(layout.columnTotal(column))),
    total: shown(layout.total),
  };
}

export { layoutOf };
