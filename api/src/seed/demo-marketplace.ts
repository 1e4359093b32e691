// The demo producers' profiles and what they declare about their offers. Written by
// seedDemoMarketplace after the members and offers exist.
import type { DeliveryOption, EcologicalAttribute } from '../../../prisma/generated/client/enums';
import type { PrismaClient } from '../db/client';
import { demoEmail } from './demo-data';

interface DemoProfile {
  key: string;
  name: string;
  description: string;
  postcode: string;
  place: string;
  deliveryOptions: DeliveryOption[];
  openingHours: string;
  /** Declared for every offer of the producer. */
  ecologicalAttributes: EcologicalAttribute[];
}

const demoProfiles: DemoProfile[] = [
  {
    key: 'martin',
    name: 'Hof Sonnenwiese',
    description: 'Bioland-Hof mit Gemüse, Streuobst und Hühnern am Stadtrand.',
    postcode: '34225',
    place: 'Baunatal',
    deliveryOptions: ['pickup', 'delivery'],
    openingHours: 'Di und Fr 14–18 Uhr, Sa 9–13 Uhr',
    ecologicalAttributes: ['organic_certified', 'regional'],
  },
  {
    key: 'aylin',
    name: 'Bäckerei Korn',
    description: 'Sauerteigbrot und Kuchen aus regionalem Getreide.',
    postcode: '34117',
    place: 'Kassel',
    deliveryOptions: ['pickup'],
    openingHours: 'Mo–Sa 7–13 Uhr',
    ecologicalAttributes: ['regional'],
  },
  {
    key: 'paul',
    name: 'Imkerei Summ',
    description: 'Honig von Bienenvölkern an Streuobstwiesen und Waldrändern.',
    postcode: '37213',
    place: 'Witzenhausen',
    deliveryOptions: ['pickup', 'shipping'],
    openingHours: 'Nach Absprache',
    ecologicalAttributes: ['regional', 'packaging_free'],
  },
  {
    key: 'marie',
    name: 'Holzwerkstatt Eiche',
    description: 'Möbel und Küchenholz aus Holz heimischer Wälder, Reparatur inklusive.',
    postcode: '37073',
    place: 'Göttingen',
    deliveryOptions: ['pickup', 'delivery'],
    openingHours: 'Mi–Fr 10–17 Uhr',
    ecologicalAttributes: ['repairable', 'regional'],
  },
  {
    key: 'fatma',
    name: 'Nähstube Faden',
    description: 'Änderungen, Reparaturen und Upcycling aus Stoffresten.',
    postcode: '34131',
    place: 'Kassel',
    deliveryOptions: ['pickup', 'shipping'],
    openingHours: 'Mo–Fr 9–16 Uhr',
    ecologicalAttributes: ['second_hand', 'repairable'],
  },
  {
    key: 'tobias',
    name: 'Repair-Café',
    description: 'Gemeinsam reparieren statt wegwerfen.',
    postcode: '34117',
    place: 'Kassel',
    deliveryOptions: ['pickup'],
    openingHours: 'Jeden 1. Samstag 10–14 Uhr',
    ecologicalAttributes: ['repairable', 'second_hand'],
  },
  {
    key: 'clara',
    name: 'Gärtnerei Grünkraft',
    description: 'Jungpflanzen, Kräuter und Gartenberatung.',
    postcode: '34346',
    place: 'Hann. Münden',
    deliveryOptions: ['pickup', 'delivery'],
    openingHours: 'Mo–Sa 9–18 Uhr',
    ecologicalAttributes: ['organic_certified', 'packaging_free'],
  },
  {
    key: 'felix',
    name: 'Lastenrad-Kurier',
    description: 'Lieferungen mit dem Lastenrad in der Stadt.',
    postcode: '34117',
    place: 'Kassel',
    deliveryOptions: ['delivery'],
    openingHours: 'Mo–Fr 8–18 Uhr',
    ecologicalAttributes: ['low_co2_transport'],
  },
];

/** Profiles for the demo producers; their offers take the producer's location and attributes. */
export async function seedDemoMarketplace(prisma: PrismaClient): Promise<void> {
  for (const profile of demoProfiles) {
    const member = await prisma.member.findUnique({ where: { email: demoEmail(profile.key) } });
    if (!member) continue;
    const postcode = await prisma.postcode.findUnique({ where: { code: profile.postcode } });
    const location = { postcode: profile.postcode, place: profile.place, latitude: postcode?.latitude ?? null, longitude: postcode?.longitude ?? null };
    const { key: _key, ecologicalAttributes, ...fields } = profile;
    await prisma.producerProfile.upsert({
      where: { memberId: member.id },
      create: { memberId: member.id, ...fields, ...location },
      update: { ...fields, ...location },
    });
    await prisma.offer.updateMany({
      where: { producerId: member.id },
      data: { ...location, deliveryOptions: profile.deliveryOptions, ecologicalAttributes },
    });
  }
}
