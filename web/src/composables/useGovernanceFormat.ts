import { useI18n } from 'vue-i18n';
import { formatDecimal } from '@/lib/formatDecimal';
import { basisPointsOf, type ProposalKindName } from '@/lib/governance';
import type { PolicySettingsFieldsFragment, VotingRuleFieldsFragment } from '@/generated/graphql';

/** One line of a policy in words: "Beitrag" and "3 %". */
export interface PolicyLine {
  key: string;
  label: string;
  value: string;
}

/** A line of a comparison: the value in force and the proposed one, and whether they differ. */
export interface PolicyChange extends PolicyLine {
  proposed: string;
  changed: boolean;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

/**
 * Wording of governance in the interface language: times in the member's own time zone with the
 * zone named (they are stored in UTC), shares as percentages and policies as plain lines.
 */
export function useGovernanceFormat() {
  const { t, locale } = useI18n();

  /** "24. November 2026, 11:00 MEZ": the browser's time zone, named. */
  function zonedTime(iso: string, month: 'long' | 'short' = 'long'): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(locale.value, {
      year: 'numeric',
      month,
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(date);
  }

  /** A day in the member's time zone: "24. November 2026", or "24.11.2026" with `medium`. */
  function zonedDate(iso: string, style: 'long' | 'medium' = 'long'): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(locale.value, { dateStyle: style }).format(date);
  }

  /** The name of the member's time zone, e.g. "Europe/Berlin (MEZ)". */
  function zoneName(): string {
    const format = new Intl.DateTimeFormat(locale.value, { timeZoneName: 'short' });
    const short = format.formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value;
    const zone = format.resolvedOptions().timeZone;
    return short && short !== zone ? `${zone} (${short})` : zone;
  }

  /** How long until the deadline, in days, hours and minutes; null once it has passed. */
  function remaining(iso: string, now: number): string | null {
    const left = new Date(iso).getTime() - now;
    if (Number.isNaN(left) || left <= 0) return null;
    const days = Math.floor(left / dayMs);
    const hours = Math.floor((left % dayMs) / hourMs);
    const minutes = Math.floor((left % hourMs) / minuteMs);
    const parts: string[] = [];
    if (days > 0) parts.push(t('governance.time.days', { count: days }, days));
    if (hours > 0) parts.push(t('governance.time.hours', { count: hours }, hours));
    if (days === 0 && minutes > 0) parts.push(t('governance.time.minutes', { count: minutes }, minutes));
    return parts.length > 0 ? parts.join(', ') : t('governance.time.lessThanMinute');
  }

  /** A share as a number of percent in the interface language: "0.025" is "2,5" in German. */
  function percentNumber(share: string): string {
    const basisPoints = basisPointsOf(share);
    if (basisPoints === null) return share;
    const fraction = String(basisPoints % 100)
      .padStart(2, '0')
      .replace(/0+$/, '');
    return formatDecimal(fraction ? `${Math.floor(basisPoints / 100)}.${fraction}` : String(Math.floor(basisPoints / 100)), locale.value, 0);
  }

  /** A share as a percentage: "0.025" is "2,5 %" in German and "2.5%" in English. */
  function percent(share: string): string {
    return t('governance.policy.rateValue', { percent: percentNumber(share) });
  }

  function taler(amount: string): string {
    return t('governance.policy.amount', { amount: formatDecimal(amount, locale.value) });
  }

  function kindName(kind: string): string {
    return t(`governance.kind.${kind}`);
  }

  function ruleLines(rule: VotingRuleFieldsFragment): PolicyLine[] {
    const words = 'governance.policy.rules';
    return [
      { key: 'days', label: t(`${words}.days`), value: t(`${words}.daysValue`, { min: rule.votingDaysMin, max: rule.votingDaysMax }) },
      { key: 'quorum', label: t(`${words}.quorum`), value: t(`${words}.quorumValue`, { percent: percentNumber(rule.quorum) }) },
      { key: 'threshold', label: t(`${words}.threshold`), value: t(`${words}.thresholdValue`, { percent: percentNumber(rule.threshold) }) },
      {
        key: 'abstentions',
        label: t(`${words}.abstentions`),
        value: t(rule.abstentionsCountTowardQuorum ? `${words}.abstentionsCount` : `${words}.abstentionsIgnored`),
      },
    ];
  }

  /** A policy as lines of words; the voting rules as one line per kind of proposal and rule. */
  function policyLines(settings: PolicySettingsFieldsFragment): PolicyLine[] {
    switch (settings.__typename) {
      case 'ContributionRatePolicy':
        return [{ key: 'rate', label: t('governance.policy.rate'), value: percent(settings.rate) }];
      case 'CreditPolicy':
        return [
          { key: 'creditLimit', label: t('governance.policy.creditLimit'), value: taler(settings.creditLimit) },
          {
            key: 'maximumBalance',
            label: t('governance.policy.maximumBalance'),
            value: settings.maximumBalance ? taler(settings.maximumBalance) : t('governance.policy.noMaximum'),
          },
          {
            key: 'earned',
            label: t('governance.policy.earned'),
            value: settings.earned
              ? t('governance.policy.earnedValue', { percent: percentNumber(settings.earned.share), months: settings.earned.months, cap: taler(settings.earned.cap) })
              : t('governance.policy.noEarned'),
          },
        ];
      case 'AdmissionPolicy':
        return [{ key: 'mode', label: t('governance.policy.admission'), value: t(`governance.policy.mode.${settings.mode}`) }];
      case 'RankingPolicy': {
        const total = settings.weights.reduce((sum, entry) => sum + entry.weight, 0);
        const words = 'ranking.policy';
        return [
          ...settings.weights.map((entry) => ({
            key: `weight.${entry.feature}`,
            label: t(`${words}.weight`, { feature: t(`ranking.feature.${entry.feature}`) }),
            value: t(`${words}.weightValue`, { weight: entry.weight, share: percentNumber(total === 0 ? '0' : (entry.weight / total).toFixed(4)) }),
          })),
          ...settings.ecologyAttributeWeights.map((entry) => ({
            key: `attribute.${entry.attribute}`,
            label: t(`${words}.attribute`, { attribute: t(`ranking.attribute.${entry.attribute}`) }),
            value: t(`${words}.attributeValue`, { weight: entry.weight }),
          })),
          { key: 'halfLife', label: t(`${words}.halfLife`), value: t(`${words}.halfLifeValue`, { days: settings.recencyHalfLifeDays }) },
          { key: 'halfDistance', label: t(`${words}.halfDistance`), value: t(`${words}.halfDistanceValue`, { km: settings.proximityHalfDistanceKm }) },
        ];
      }
      case 'SurplusPolicy': {
        const words = 'surplus.policy';
        const share = (percent: number) => t(`${words}.percentValue`, { percent });
        const reserve =
          settings.reserve.kind === 'amount'
            ? t(`${words}.reserveAmount`, { amount: taler(settings.reserve.amount ?? '0') })
            : (basisPointsOf(settings.reserve.share ?? '0') ?? 0) >= 10_000
              ? t(`${words}.reserveAll`)
              : t(`${words}.reserveShare`, { percent: percentNumber(settings.reserve.share ?? '0') });
        return [
          { key: 'period', label: t(`${words}.period`), value: t(`surplus.period.${settings.period}`) },
          { key: 'reserve', label: t(`${words}.reserve`), value: reserve },
          { key: 'purchases', label: t(`${words}.purchases`), value: share(settings.mix.purchases) },
          { key: 'sales', label: t(`${words}.sales`), value: share(settings.mix.sales) },
          { key: 'equal', label: t(`${words}.equal`), value: share(settings.mix.equal) },
          ...settings.mix.accounts.map((account) => ({ key: `account.${account.code}`, label: t(`${words}.account`, { name: account.name }), value: share(account.percent) })),
        ];
      }
      case 'DemurragePolicy': {
        const words = 'demurrage.policy';
        const off = (basisPointsOf(settings.rate) ?? 0) === 0;
        return [
          { key: 'rate', label: t(`${words}.rate`), value: off ? t(`${words}.off`) : t(`${words}.rateValue`, { percent: percentNumber(settings.rate), period: t(`surplus.period.${settings.period}`) }) },
          { key: 'exempt', label: t(`${words}.exempt`), value: taler(settings.exemptAmount) },
          { key: 'notice', label: t(`${words}.notice`), value: t(`${words}.noticeValue`, { days: settings.noticeDays }, settings.noticeDays) },
        ];
      }
      case 'DataPolicy':
        return [{ key: 'minimumGroupSize', label: t('dataUse.policy.minimumGroupSize'), value: t('dataUse.policy.minimumGroupSizeValue', { k: settings.minimumGroupSize }) }];
      case 'VotingRulesPolicy':
        return settings.rules.flatMap((rule) =>
          ruleLines(rule).map((line) => ({ ...line, key: `${rule.kind}.${line.key}`, label: `${kindName(rule.kind)}: ${line.label}` })),
        );
    }
  }

  /** The lines of a proposed policy next to those in force, for "Beitrag: 3 % → 5 %". */
  function policyChanges(inForce: PolicySettingsFieldsFragment, proposed: PolicySettingsFieldsFragment): PolicyChange[] {
    const before = new Map(policyLines(inForce).map((line) => [line.key, line.value]));
    return policyLines(proposed).map((line) => {
      const value = before.get(line.key) ?? '—';
      return { key: line.key, label: line.label, value, proposed: line.value, changed: value !== line.value };
    });
  }

  function rulesByKind(settings: PolicySettingsFieldsFragment | null | undefined): Map<ProposalKindName, VotingRuleFieldsFragment> {
    return new Map(settings?.__typename === 'VotingRulesPolicy' ? settings.rules.map((rule) => [rule.kind, rule]) : []);
  }

  return { zonedTime, zonedDate, zoneName, remaining, percent, percentNumber, taler, kindName, ruleLines, policyLines, policyChanges, rulesByKind };
}
