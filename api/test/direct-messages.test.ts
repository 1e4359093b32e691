// Direct messages between members over HTTP: who may write to whom, the conversation of a pair, its
// messages page by page, unread counts and notifications, and the one inbox with the order threads.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type GraphQLResponse, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';
import { createMember, createOffer, type TestMember } from './support/orders';

const memberId = (id: string) => encodeGlobalID('Member', id);

const sendMutation = `mutation Send($recipientId: ID!, $body: String!) {
  sendDirectMessage(recipientId: $recipientId, body: $body) {
    __typename
    ... on MutationSendDirectMessageSuccess { data { id body mine author { displayName } } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code }
  }
}`;

const conversationQuery = `query C($memberId: ID!, $first: Int, $after: String) {
  messagePartner(memberId: $memberId) { id displayName }
  conversationWith(memberId: $memberId) {
    id
    otherMember { displayName }
    messages(first: $first, after: $after) { edges { node { body mine } } pageInfo { hasNextPage endCursor } }
  }
}`;

const inboxQuery = `query Inbox($first: Int, $after: String) {
  inbox(first: $first, after: $after) {
    edges { cursor node { kind otherPartyName unreadCount order { id } otherMember { id displayName } lastMessage { excerpt mine } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type InboxNode = { kind: string; otherPartyName: string; unreadCount: number; lastMessage: { excerpt: string; mine: boolean } };
type InboxData = { inbox: { edges: { node: InboxNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };

describe('direct messages', () => {
  let api: TestApi;
  let olga: TestMember;
  let paul: TestMember;
  let quinn: TestMember;

  beforeAll(async () => {
    api = await createTestApi();
    olga = await createMember(api, 'Olga');
    paul = await createMember(api, 'Paul', ['member', 'producer']);
    quinn = await createMember(api, 'Quinn');
  });
  afterAll(() => api.close());

  async function send(from: TestMember, to: TestMember, body: string) {
    const result = await from.client.graphql(sendMutation, { recipientId: memberId(to.id), body });
    return result.data?.sendDirectMessage as { __typename: string; code?: string; data?: { id: string; body: string; mine: boolean } };
  }

  async function unread(member: TestMember): Promise<{ unreadDirectMessageCount: number; unreadNotificationCount: number }> {
    return (await member.client.graphql(`{ unreadDirectMessageCount unreadNotificationCount }`)).data as { unreadDirectMessageCount: number; unreadNotificationCount: number };
  }

  it('keeps one conversation per pair, pages its messages, and counts and notifies what is unread', async () => {
    expect((await olga.client.graphql(conversationQuery, { memberId: memberId(paul.id) })).data).toEqual({
      messagePartner: { id: memberId(paul.id), displayName: 'Paul Test' },
      conversationWith: null,
    });
    expect((await send(olga, paul, 'Hast du noch Walnüsse?'))?.data).toMatchObject({ body: 'Hast du noch Walnüsse?', mine: true });
    expect((await send(paul, olga, 'Ja, zwei Kilo.'))?.__typename).toBe('MutationSendDirectMessageSuccess');
    for (let index = 1; index <= 3; index += 1) await send(olga, paul, `Nachricht ${index}`);
    expect(await api.database.prisma.conversation.count()).toBe(1);

    // Paul's reply read Olga's first message; her three after it are unread, with one notification, not three.
    expect(await unread(paul)).toEqual({ unreadDirectMessageCount: 3, unreadNotificationCount: 1 });
    const notifications = await paul.client.graphql(`{ notifications { edges { node { kind actorName excerpt link } } } }`);
    expect(notifications.data?.notifications.edges).toEqual([
      { node: { kind: 'direct_message', actorName: 'Olga Test', excerpt: 'Hast du noch Walnüsse?', link: `/messages/members/${olga.id}` } },
    ]);

    // Newest first, two at a time.
    const first = await paul.client.graphql(conversationQuery, { memberId: memberId(olga.id), first: 2 });
    expect(first.data?.conversationWith.otherMember.displayName).toBe('Olga Test');
    expect(first.data?.conversationWith.messages.edges.map((edge: { node: { body: string } }) => edge.node.body)).toEqual(['Nachricht 3', 'Nachricht 2']);
    const rest = await paul.client.graphql(conversationQuery, { memberId: memberId(olga.id), first: 50, after: first.data?.conversationWith.messages.pageInfo.endCursor });
    expect(rest.data?.conversationWith.messages.edges.map((edge: { node: { body: string; mine: boolean } }) => [edge.node.body, edge.node.mine])).toEqual([
      ['Nachricht 1', false],
      ['Ja, zwei Kilo.', true],
      ['Hast du noch Walnüsse?', false],
    ]);

    const read = `mutation R($memberId: ID!) { markConversationRead(memberId: $memberId) { __typename ... on MutationMarkConversationReadSuccess { data } ... on Error { code } } }`;
    expect((await paul.client.graphql(read, { memberId: memberId(olga.id) })).data?.markConversationRead).toEqual({ __typename: 'MutationMarkConversationReadSuccess', data: 3 });
    expect(await unread(paul)).toEqual({ unreadDirectMessageCount: 0, unreadNotificationCount: 0 });
    // A new message after reading is unread again and notified again.
    await send(olga, paul, 'Dann komme ich morgen.');
    expect(await unread(paul)).toEqual({ unreadDirectMessageCount: 1, unreadNotificationCount: 1 });
    // Olga's own messages are never unread for her, and writing after Paul's reply read it.
    expect((await unread(olga)).unreadDirectMessageCount).toBe(0);

    // A third member sees none of it: neither through the pair's ids nor through node(id).
    expect((await quinn.client.graphql(conversationQuery, { memberId: memberId(olga.id) })).data?.conversationWith).toBeNull();
    const conversationId = first.data?.conversationWith.id;
    expect((await quinn.client.graphql(`query N($id: ID!) { node(id: $id) { id } }`, { id: conversationId })).data?.node).toBeNull();
    expect((await olga.client.graphql(`query N($id: ID!) { node(id: $id) { id } }`, { id: conversationId })).data?.node).toEqual({ id: conversationId });
  });

  it('refuses writing to oneself, to applicants and unknown members, empty messages, and applicants and visitors writing', async () => {
    const applicant = await buildMember(api, { displayName: 'Rita Antrag', email: 'rita@example.org', status: 'applicant' });
    expect(await send(olga, olga, 'Hallo ich')).toMatchObject({ __typename: 'OwnConversationError', code: 'own_conversation' });
    expect((await send(olga, { ...olga, id: applicant.id }, 'Hallo Rita'))?.__typename).toBe('RecipientNotFoundError');
    expect((await olga.client.graphql(sendMutation, { recipientId: 'nonsense', body: 'Hallo' })).data?.sendDirectMessage.__typename).toBe('RecipientNotFoundError');
    expect(await send(olga, quinn, '   ')).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'body' }] });
    expect((await send(olga, quinn, 'x'.repeat(2001)))?.__typename).toBe('ValidationError');
    expect((await olga.client.graphql(conversationQuery, { memberId: memberId(applicant.id) })).data?.messagePartner).toBeNull();
    expect((await olga.client.graphql(conversationQuery, { memberId: memberId(olga.id) })).data?.messagePartner).toBeNull();

    const applicantClient = await logIn(api, 'rita@example.org');
    const fromApplicant = await applicantClient.graphql(sendMutation, { recipientId: memberId(olga.id), body: 'Hallo Olga' });
    expect(fromApplicant.errors?.[0]?.extensions?.code).toBe('NOT_ADMITTED');
    const fromVisitor = await api.client().graphql(sendMutation, { recipientId: memberId(olga.id), body: 'Hallo Olga' });
    expect(fromVisitor.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await api.database.prisma.directMessage.count({ where: { OR: [{ authorId: applicant.id }, { body: { in: ['Hallo ich', 'Hallo Rita', '   '] } }] } })).toBe(0);
  });

  it('lists order threads and conversations in one inbox, newest message first, page by page', async () => {
    const sven = await createMember(api, 'Sven');
    const tara = await createMember(api, 'Tara', ['member', 'producer']);
    const uwe = await createMember(api, 'Uwe');
    const offer = await createOffer(api, tara.id, { title: 'Kürbis', price: '3.00', stock: null });
    const order = await api.database.prisma.order.create({
      data: {
        buyerId: sven.id,
        producerId: tara.id,
        checkoutKey: 'inbox-1',
        status: 'placed',
        total: '3.00',
        items: { create: { offerId: offer.id, title: 'Kürbis', unit: 'Stück', unitPrice: '3.00', quantity: 1, lineTotal: '3.00' } },
      },
    });
    const at = (minutes: number) => new Date(Date.parse('2026-06-01T10:00:00.000Z') + minutes * 60_000);
    await api.database.prisma.orderMessage.create({ data: { orderId: order.id, authorId: tara.id, body: 'Abholung ab 16 Uhr', createdAt: at(2) } });
    await send(uwe, sven, 'Leihst du mir deine Leiter?');
    await send(sven, tara, 'Hast du auch Zucchini?');
    // The conversations' times are set apart from the order message's so the order is clear.
    await api.database.prisma.directMessage.updateMany({ where: { body: 'Leihst du mir deine Leiter?' }, data: { createdAt: at(1) } });
    await api.database.prisma.conversation.updateMany({ where: { messages: { some: { body: 'Leihst du mir deine Leiter?' } } }, data: { lastMessageAt: at(1) } });
    await api.database.prisma.directMessage.updateMany({ where: { body: 'Hast du auch Zucchini?' }, data: { createdAt: at(3) } });
    await api.database.prisma.conversation.updateMany({ where: { messages: { some: { body: 'Hast du auch Zucchini?' } } }, data: { lastMessageAt: at(3) } });

    const whole = await sven.client.graphql(inboxQuery, { first: 50 });
    const rows = whole.data?.inbox.edges.map((edge: { node: InboxNode }) => [edge.node.kind, edge.node.otherPartyName, edge.node.lastMessage.excerpt, edge.node.lastMessage.mine, edge.node.unreadCount]);
    expect(rows).toEqual([
      ['conversation', 'Tara Test', 'Hast du auch Zucchini?', true, 0],
      ['order', 'Tara Test', 'Abholung ab 16 Uhr', false, 1],
      ['conversation', 'Uwe Test', 'Leihst du mir deine Leiter?', false, 1],
    ]);
    expect(whole.data?.inbox.edges[0].node.otherMember).toEqual({ id: memberId(tara.id), displayName: 'Tara Test' });
    expect(whole.data?.inbox.edges[1].node.order).toEqual({ id: encodeGlobalID('Order', order.id) });

    // One at a time: the same rows, none twice.
    const paged: string[] = [];
    let after: string | null = null;
    for (let pageCount = 0; pageCount < 5; pageCount += 1) {
      const page: GraphQLResponse<InboxData> = await sven.client.graphql<InboxData>(inboxQuery, { first: 1, after });
      paged.push(...page.data!.inbox.edges.map((edge) => edge.node.lastMessage.excerpt));
      if (!page.data!.inbox.pageInfo.hasNextPage) break;
      after = page.data!.inbox.pageInfo.endCursor;
    }
    expect(paged).toEqual(['Hast du auch Zucchini?', 'Abholung ab 16 Uhr', 'Leihst du mir deine Leiter?']);
    expect((await sven.client.graphql(inboxQuery, { first: 51 })).errors?.[0]?.extensions?.code).toBe('validation_failed');
    expect((await api.client().graphql(inboxQuery, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
