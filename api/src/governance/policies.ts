// The one way to read the cooperative's rules: "the policy of kind K in force at time t". Everything
// that applies a rule (checkout's contribution, credit lines, admission, voting windows) reads it
// here. Versions are written only by the founding migration and by closing a passed proposal.
import type { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { policyKinds, policySchemas, type PolicyKind, type PolicyPayload } from './policy-kinds';

type Reader = PrismaClient | Prisma.TransactionClient;

export interface PolicyVersionOf<Kind extends PolicyKind> {
  id: string;
  kind: Kind;
  version: number;
  payload: PolicyPayload<Kind>;
  enactedAt: Date;
  /** The proposal whose vote enacted it; null for the founding assembly's version 1. */
  proposalId: string | null;
}

function parsed<Kind extends PolicyKind>(row: { id: string; kind: string; version: number; payload: unknown; enactedAt: Date; proposalId: string | null }): PolicyVersionOf<Kind> {
  const kind = row.kind as Kind;
  // A stored version that does not match its schema is a programming error (migrations write them).
  const payload = policySchemas[kind].parse(row.payload) as PolicyPayload<Kind>;
  return { id: row.id, kind, version: row.version, payload, enactedAt: row.enactedAt, proposalId: row.proposalId };
}

/** The version of `kind` in force at `at` (default: now). Every kind has a founding version. */
export async function policyInForce<Kind extends PolicyKind>(prisma: Reader, kind: Kind, at: Date = new Date()): Promise<PolicyVersionOf<Kind>> {
  const row = await prisma.policyVersion.findFirst({ where: { kind, enactedAt: { lte: at } }, orderBy: { version: 'desc' } });
  if (!row) throw new Error(`No version of the ${kind} policy is in force at ${at.toISOString()}; the founding migration writes version 1.`);
  return parsed<Kind>(row);
}

export type PoliciesInForce = { [Kind in PolicyKind]: PolicyVersionOf<Kind> };

export async function policiesInForce(prisma: Reader, at: Date = new Date()): Promise<PoliciesInForce> {
  const versions = await Promise.all(policyKinds.map((kind) => policyInForce(prisma, kind, at)));
  return Object.fromEntries(versions.map((version) => [version.kind, version])) as PoliciesInForce;
}

/** Every version of a kind, the newest first. */
export async function policyHistory<Kind extends PolicyKind>(prisma: Reader, kind: Kind): Promise<PolicyVersionOf<Kind>[]> {
  const rows = await prisma.policyVersion.findMany({ where: { kind }, orderBy: { version: 'desc' } });
  return rows.map((row) => parsed<Kind>(row));
}
