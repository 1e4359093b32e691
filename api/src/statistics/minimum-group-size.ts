// How many members a published figure must describe at least (k). It is part of the cooperative's
// data rules; until the members vote a data-use policy it is the founding value.
export const foundingMinimumGroupSize = 10;

export function minimumGroupSize(): number {
  return foundingMinimumGroupSize;
}
