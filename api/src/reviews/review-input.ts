import { z } from 'zod';

export const ratingMinimum = 1;
export const ratingMaximum = 5;
export const reviewTextLengthMaximum = 2000;
export const answerTextLengthMaximum = 2000;

export const reviewInputSchema = z.object({
  orderId: z.string().uuid('not an order id'),
  rating: z
    .number('a whole number from 1 to 5')
    .int('a whole number from 1 to 5')
    .min(ratingMinimum, `at least ${ratingMinimum}`)
    .max(ratingMaximum, `at most ${ratingMaximum}`),
  text: z.string().trim().max(reviewTextLengthMaximum, `at most ${reviewTextLengthMaximum} characters`).default(''),
});

export const answerInputSchema = z.object({
  reviewId: z.string().uuid('not a review id'),
  text: z.string().trim().min(1, 'required').max(answerTextLengthMaximum, `at most ${answerTextLengthMaximum} characters`),
});

export type ReviewInput = z.input<typeof reviewInputSchema>;
export type AnswerInput = z.input<typeof answerInputSchema>;
