import { handoverProblem, initialChoice, producerHandovers } from './deliveryChoice';

const anna = { id: 'anna', displayName: 'Hof Anna' };
const bert = { id: 'bert', displayName: 'Bert' };

describe('producerHandovers', () => {
  it('offers per producer only the options every one of their offers has', () => {
    const handovers = producerHandovers([
      { offer: { producer: anna, deliveryOptions: ['delivery', 'pickup'] } },
      { offer: { producer: bert, deliveryOptions: ['shipping'] } },
      { offer: { producer: anna, deliveryOptions: ['pickup', 'shipping', 'delivery'] } },
    ]);
    expect(handovers).toEqual([
      { producerId: 'anna', producerName: 'Hof Anna', options: ['pickup', 'delivery'] },
      { producerId: 'bert', producerName: 'Bert', options: ['shipping'] },
    ]);
  });

  it('chooses nothing among several options, and the only option when there is one', () => {
    expect(initialChoice({ producerId: 'anna', producerName: '', options: ['pickup', 'delivery'] }).option).toBe('');
    expect(initialChoice({ producerId: 'bert', producerName: '', options: ['shipping'] }).option).toBe('shipping');
    expect(initialChoice({ producerId: 'bert', producerName: '', options: [] }).option).toBe('');
  });

  it('asks for an option when there are any, and an address for delivery and shipping', () => {
    const handover = { producerId: 'anna', producerName: '', options: ['pickup', 'delivery'] as const };
    const both = { ...handover, options: [...handover.options] };
    expect(handoverProblem(both, { option: '', note: '', message: '' })).toBe('optionRequired');
    expect(handoverProblem(both, { option: 'shipping', note: 'Weg 1', message: '' })).toBe('optionRequired');
    expect(handoverProblem(both, { option: 'delivery', note: ' ', message: '' })).toBe('addressRequired');
    expect(handoverProblem(both, { option: 'delivery', note: 'Weg 1', message: '' })).toBeNull();
    expect(handoverProblem(both, { option: 'pickup', note: '', message: '' })).toBeNull();
    expect(handoverProblem({ producerId: 'x', producerName: '', options: [] }, { option: '', note: '', message: '' })).toBeNull();
  });
});
