-- The ranking policy, added as a kind the members vote on. Its founding version weighs recency alone,
-- so the marketplace keeps the order it had (newest first) until a vote changes it. Until the members
-- vote voting rules that name the kind, it is decided by the rules written next to it in
-- api/src/governance/policy-kinds.ts (votingRulesOfLaterKinds).
INSERT INTO "PolicyVersion" ("id", "kind", "version", "payload", "enactedAt", "appliedAt") VALUES
  (gen_random_uuid(), 'ranking', 1, '{
    "weights": {"ecology": 0, "proximity": 0, "reuse": 0, "price": 0, "rating": 0, "recency": 100, "smallProducer": 0, "available": 0, "text": 0},
    "ecologyAttributeWeights": {"organic_certified": 25, "regional": 25, "packaging_free": 25, "low_co2_transport": 25},
    "recencyHalfLifeDays": 30,
    "proximityHalfDistanceKm": 25
  }', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
