import { previewMetrics, previewMoves, type PreviewOffer } from './preview-metrics';

const offer = (id: string, producerId: string, attributes: string[] = [], distanceKm: number | null = null): PreviewOffer => ({ id, producerId, attributes, distanceKm });

describe('preview metrics', () => {
  it('counts ecological offers among the first 20 and the median distance', () => {
    const offers = Array.from({ length: 25 }, (_, index) => offer(`o${index}`, `p${index}`, index % 4 === 0 ? ['regional'] : index % 4 === 1 ? ['second_hand'] : [], index + 1));
    const metrics = previewMetrics(offers);
    // Of the first 20, five declare "regional"; "second_hand" is not an ecology attribute.
    expect(metrics.ecologicalShare).toBe(5 / 20);
    expect(metrics.medianDistanceKm).toBe(10.5);
    expect(metrics.producerConcentration).toBeCloseTo(1 / 25, 12);
  });

  it('measures concentration on producers as the Herfindahl index of the first 50', () => {
    expect(previewMetrics([offer('a', 'p'), offer('b', 'p')]).producerConcentration).toBe(1);
    // Three of four offers from one producer: 0.75² + 0.25².
    expect(previewMetrics([offer('a', 'p'), offer('b', 'p'), offer('c', 'p'), offer('d', 'q')]).producerConcentration).toBe(0.625);
    expect(previewMetrics([])).toEqual({ ecologicalShare: null, producerConcentration: null, medianDistanceKm: null });
  });

  it('lists the offers that move most first, entering and leaving the first 50 included', () => {
    const now = Array.from({ length: 60 }, (_, index) => `o${index}`);
    const proposed = ['o59', ...now.slice(0, 59).filter((id) => id !== 'o3'), 'o3'];
    const moves = previewMoves(now, proposed);
    expect(moves[0]).toEqual({ id: 'o59', positionNow: null, positionProposed: 1 });
    expect(moves[1]).toEqual({ id: 'o3', positionNow: 4, positionProposed: null });
    expect(new Set(moves.map((move) => move.id)).size).toBe(moves.length);
  });
});
