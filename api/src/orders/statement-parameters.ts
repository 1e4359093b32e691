// Positional parameters of one SQL statement, numbered in the order they are added, each with the
// type the statement reads it as. Statement texts stay the same for the same shape of statement, so
// the database parses each of them once per connection.
export class StatementParameters {
  readonly values: unknown[] = [];

  /** `$n::type` for the value; arrays go as plain arrays (`uuid[]`, `text[]`, `int[]`, `numeric[]`). */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
