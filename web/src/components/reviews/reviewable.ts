// The web app's copy of the API's rule (api/src/reviews/reviewable.ts), to decide when to show the
// rating form; the API checks it again.
export function isReviewable(order: { status: string; producerAmount?: string | null; contributionAmount?: string | null }): boolean {
  if (order.status === 'confirmed') return true;
  if (order.status !== 'resolved') return false;
  return [order.producerAmount, order.contributionAmount].some((amount) => amount != null && /[1-9]/.test(amount));
}
