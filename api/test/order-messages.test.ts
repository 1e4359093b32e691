// The message thread of an order over HTTP: who may read and write it, input checks, unread counts and
// the other party's notification.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type TestApi } from './support/api';
import { addToCartMutation, checkoutMutation, createMember, createOffer, transitionMutation, type TestMember } from './support/orders';

const sendMutation = `mutation Send($orderId: ID!, $body: String!) {
  sendOrderMessage(orderId: $orderId, body: $body) {
    __typename
    ... on MutationSendOrderMessageSuccess { data { id body mine author { displayName } } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code }
  }
}`;
const markMutation = `mutation Mark($orderId: ID!) {
  markOrderMessagesRead(orderId: $orderId) { __typename ... on MutationMarkOrderMessagesReadSuccess { data } ... on Error { code } }
}`;
const threadQuery = `query Thread($id: ID!) {
  order(id: $id) { id unreadMessageCount messages(first: 10) { edges { node { id body mine } } } }
  unreadOrderMessageCount
}`;
const nodeQuery = `query Node($id: ID!) { node(id: $id) { ... on Order { id messages(first: 10) { edges { node { body } } } } } }`;

describe('order messages', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let stranger: TestMember;
  let admin: TestMember;
  let keyCounter = 0;

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Mara');
    producer = await createMember(api, 'Nils', ['member', 'producer']);
    stranger = await createMember(api, 'Olga', ['member', 'producer']);
    admin = await createMember(api, 'Paul', ['member', 'admin']);
  });
  afterAll(() => api.close());

  async function placeOrder(): Promise<string> {
    const offer = await createOffer(api, producer.id, { title: 'Honig', price: '4.00', stock: 10 });
    await buyer.client.graphql(addToCartMutation, { input: { offerId: encodeGlobalID('Offer', offer.id), quantity: 1 } });
    keyCounter += 1;
    const result = await buyer.client.graphql(checkoutMutation, {
      input: { idempotencyKey: `messages-${keyCounter}`, expectedPrices: [{ offerId: encodeGlobalID('Offer', offer.id), price: '4.00' }] },
    });
    expect(result.data?.checkout.__typename).toBe('MutationCheckoutSuccess');
    return result.data!.checkout.data.orders[0].id as string;
  }

  const send = (member: TestMember, orderId: string, body: string) => member.client.graphql(sendMutation, { orderId, body });
  const rowIdOf = (orderId: string) => decodeGlobalID(orderId).id;
  const messageNotifications = (recipientId: string, orderId: string) =>
    api.database.prisma.notification.count({ where: { recipientId, kind: 'order_message', link: `/orders/${rowIdOf(orderId)}` } });

  it('lets only the buyer and the producer write and read the thread', async () => {
    const orderId = await placeOrder();
    const sent = await send(buyer, orderId, '  Kann ich es am Samstag abholen?  ');
    expect(sent.data?.sendOrderMessage).toMatchObject({
      __typename: 'MutationSendOrderMessageSuccess',
      data: { body: 'Kann ich es am Samstag abholen?', mine: true, author: { displayName: 'Mara Test' } },
    });
    expect((await send(producer, orderId, 'Ja, ab 10 Uhr.')).data?.sendOrderMessage.__typename).toBe('MutationSendOrderMessageSuccess');
    // Asking for nothing but the type name, as the web app does, still answers.
    const bare = await producer.client.graphql(`mutation($orderId: ID!) { sendOrderMessage(orderId: $orderId, body: "Noch etwas") { __typename } }`, { orderId });
    expect(bare).toEqual({ data: { sendOrderMessage: { __typename: 'MutationSendOrderMessageSuccess' } } });

    expect((await send(stranger, orderId, 'Ich auch?')).data?.sendOrderMessage).toEqual({ __typename: 'OrderForbiddenError', code: 'order_forbidden' });
    expect((await send(admin, orderId, 'Hallo')).data?.sendOrderMessage).toEqual({ __typename: 'OrderForbiddenError', code: 'order_forbidden' });
    const anonymous = await api.client().graphql(sendMutation, { orderId, body: 'Hallo' });
    expect(anonymous.data?.sendOrderMessage ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await send(buyer, encodeGlobalID('Order', '00000000-0000-4000-8000-000000000000'), 'Hallo')).data?.sendOrderMessage.__typename).toBe('OrderNotFoundError');
    expect((await stranger.client.graphql(markMutation, { orderId })).data?.markOrderMessagesRead.__typename).toBe('OrderForbiddenError');

    const asProducer = await producer.client.graphql(threadQuery, { id: orderId });
    expect(asProducer.data?.order.messages.edges.map((edge: { node: { body: string; mine: boolean } }) => ({ body: edge.node.body, mine: edge.node.mine }))).toEqual([
      { body: 'Noch etwas', mine: true },
      { body: 'Ja, ab 10 Uhr.', mine: true },
      { body: 'Kann ich es am Samstag abholen?', mine: false },
    ]);
    // The order and node queries hide the order, its messages and its notifications from others.
    expect((await stranger.client.graphql(threadQuery, { id: orderId })).data?.order).toBeNull();
    expect((await buyer.client.graphql(nodeQuery, { id: orderId })).data?.node.messages.edges).toHaveLength(3);
    const messageId = asProducer.data?.order.messages.edges[0].node.id as string;
    const [notification] = (await producer.client.graphql(`{ notifications(first: 1) { edges { node { id } } } }`)).data?.notifications.edges ?? [];
    expect(notification).toBeDefined();
    const others = { stranger: stranger.client, anonymous: api.client() };
    for (const [who, client] of Object.entries(others)) {
      for (const id of [orderId, messageId, notification.node.id as string]) {
        const result = await client.graphql(`query Node($id: ID!) { node(id: $id) { id } }`, { id });
        expect({ who, id, node: result.data?.node ?? null }).toEqual({ who, id, node: null });
      }
    }
    expect((await producer.client.graphql(`query Node($id: ID!) { node(id: $id) { id } }`, { id: messageId })).data?.node.id).toBe(messageId);
    expect((await admin.client.graphql(threadQuery, { id: orderId })).data?.order.messages).toBeNull();
    expect(await api.database.prisma.orderMessage.count({ where: { orderId: rowIdOf(orderId) } })).toBe(3);
  });

  it('refuses an empty or too long message and writes nothing', async () => {
    const orderId = await placeOrder();
    for (const body of ['', '   ', 'x'.repeat(2001)]) {
      const result = await send(buyer, orderId, body);
      expect(result.data?.sendOrderMessage).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'body' }] });
    }
    expect((await send(buyer, orderId, 'x'.repeat(2000))).data?.sendOrderMessage.__typename).toBe('MutationSendOrderMessageSuccess');
    const thread = await buyer.client.graphql(threadQuery, { id: orderId });
    expect(thread.data?.order.messages.edges).toHaveLength(1);
  });

  it('counts unread messages per order and in total until the thread is marked read', async () => {
    const first = await placeOrder();
    const second = await placeOrder();
    const before = (await producer.client.graphql(threadQuery, { id: first })).data?.unreadOrderMessageCount as number;
    await send(buyer, first, 'Eins');
    await send(buyer, first, 'Zwei');
    await send(buyer, second, 'Drei');

    let thread = await producer.client.graphql(threadQuery, { id: first });
    expect(thread.data?.order.unreadMessageCount).toBe(2);
    expect(thread.data?.unreadOrderMessageCount).toBe(before + 3);
    // The author's own messages are read.
    expect((await buyer.client.graphql(threadQuery, { id: first })).data?.order.unreadMessageCount).toBe(0);
    // Two messages while the first notification is unread make one notification.
    expect(await messageNotifications(producer.id, first)).toBe(1);

    expect((await producer.client.graphql(markMutation, { orderId: first })).data?.markOrderMessagesRead).toEqual({ __typename: 'MutationMarkOrderMessagesReadSuccess', data: 2 });
    thread = await producer.client.graphql(threadQuery, { id: first });
    expect(thread.data?.order.unreadMessageCount).toBe(0);
    expect(thread.data?.unreadOrderMessageCount).toBe(before + 1);
    expect((await producer.client.graphql(markMutation, { orderId: first })).data?.markOrderMessagesRead.data).toBe(0);

    await send(buyer, first, 'Vier');
    expect((await producer.client.graphql(threadQuery, { id: first })).data?.order.unreadMessageCount).toBe(1);
  });

  it('notifies the other party once per unread thread', async () => {
    const orderId = await placeOrder();
    const ofThisOrder = (recipientId: string) =>
      api.database.prisma.notification.findMany({ where: { recipientId, kind: 'order_message', link: `/orders/${rowIdOf(orderId)}` }, orderBy: { createdAt: 'asc' } });

    await send(buyer, orderId, 'Frage eins');
    await send(buyer, orderId, 'Frage zwei');
    let notifications = await ofThisOrder(producer.id);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.payload).toMatchObject({ orderTitle: 'Honig', actorName: 'Mara Test', excerpt: 'Frage eins' });
    expect(await ofThisOrder(buyer.id)).toHaveLength(0);

    // Reading the thread reads its notification; the next message notifies again.
    await producer.client.graphql(markMutation, { orderId });
    expect((await ofThisOrder(producer.id))[0]!.readAt).not.toBeNull();
    await send(buyer, orderId, 'Frage drei');
    notifications = await ofThisOrder(producer.id);
    expect(notifications).toHaveLength(2);

    await send(producer, orderId, 'Antwort');
    expect(await ofThisOrder(buyer.id)).toHaveLength(1);
  });

  it('lets an admin read, not write, the thread of a disputed order', async () => {
    const orderId = await placeOrder();
    await send(buyer, orderId, 'Bitte bald liefern.');
    await producer.client.graphql(transitionMutation('acceptOrder'), { id: orderId });
    const disputed = await buyer.client.graphql(transitionMutation('disputeOrder', true), { id: orderId, reason: 'Nie angekommen' });
    expect(disputed.data?.disputeOrder.__typename).toBe('MutationDisputeOrderSuccess');
    const asAdmin = await admin.client.graphql(threadQuery, { id: orderId });
    expect(asAdmin.data?.order.messages.edges).toMatchObject([{ node: { body: 'Bitte bald liefern.', mine: false } }]);
    expect(asAdmin.data?.order.unreadMessageCount).toBe(0);
    expect((await send(admin, orderId, 'Ich schaue es mir an.')).data?.sendOrderMessage.__typename).toBe('OrderForbiddenError');
    expect((await stranger.client.graphql(nodeQuery, { id: orderId })).data?.node ?? null).toBeNull();
  });
});
