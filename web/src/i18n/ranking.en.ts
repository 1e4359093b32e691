// How the marketplace orders offers: the features the members weigh, and what each means.
import type { rankingDe } from './ranking.de';

export const rankingEn: typeof rankingDe = {
  feature: {
    ecology: 'Ecology',
    proximity: 'Proximity',
    reuse: 'Second-hand and repair',
    price: 'Price',
    rating: 'Ratings',
    recency: 'Recency',
    smallProducer: 'Small producers',
    available: 'Availability',
    text: 'Match with the search',
  },
  definition: {
    ecology: 'Share of the weighted ecological attributes the offer declares.',
    proximity: 'Only when you give a place: halves with every half distance.',
    reuse: '1 when the offer is second-hand, refurbished or a repair, else 0.',
    price: "Against the median price of the offer's category: 0.5 there, 1 at half the price, 0 at twice it.",
    rating: 'Average of the stars, counted as if every offer also had five reviews of 3.5 stars.',
    recency: 'Halves with every half-life since the offer was listed.',
    smallProducer: 'Higher for producers with few orders in the last 30 days (half as high at 10).',
    available: '1 when the offer is in stock, else 0.',
    text: 'Only in a search: how well title and description match the search words.',
  },
  attribute: {
    organic_certified: 'Organic certified',
    regional: 'Regional',
    packaging_free: 'Packaging-free',
    low_co2_transport: 'Low-CO₂ transport',
  },
  policy: {
    weight: 'Weight: {feature}',
    weightValue: '{weight} points ({share} %)',
    attribute: 'Ecology: {attribute}',
    attributeValue: '{weight} points',
    halfLife: 'Half-life of recency',
    halfLifeValue: '{days} days',
    halfDistance: 'Proximity halves after',
    halfDistanceValue: '{km} km',
  },
  form: {
    weights: 'Weights of the features',
    weightsHint: 'Points from 0 to 100; what counts is the share of all points.',
    attributes: 'Ecological attributes within ecology',
    attributesHint: 'Points from 0 to 100 for each attribute an offer can declare.',
    halfLife: 'Half-life of recency (days)',
    halfDistance: 'Distance after which proximity counts half (km)',
    errors: {
      weights: 'Please enter whole numbers from 0 to 100, at least one weight above 0.',
      attributes: 'Please enter whole numbers from 0 to 100.',
      halfLife: 'Please enter a whole number from 1 to 365.',
      halfDistance: 'Please enter a whole number from 1 to 500.',
    },
  },
};
