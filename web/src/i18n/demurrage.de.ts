// Umlaufsicherung: ein Anteil der Guthaben über einem Freibetrag, der zu jedem Zeitraumende an den
// Gemeinschaftsfonds geht, wenn die Mitglieder ihn beschließen.
export const demurrageDe = {
  policy: {
    rate: 'Satz',
    off: 'aus',
    rateValue: '{percent} % des Guthabens über dem Freibetrag, {period}',
    exempt: 'Freibetrag',
    notice: 'Ankündigung',
    noticeValue: '{days} Tag vorher | {days} Tage vorher',
  },
  form: {
    period: 'Wie oft',
    rate: 'Satz in % (0 ist aus)',
    rateHint: 'Höchstens 10 % je Zeitraum, mit bis zu zwei Nachkommastellen.',
    exempt: 'Freibetrag in Taler',
    exemptHint: 'Guthaben bis zu diesem Betrag zahlen nichts, und kein Guthaben fällt darunter.',
    notice: 'Ankündigung (Tage vorher)',
    errors: {
      rate: 'Bitte einen Satz von 0 bis 10 % eingeben, z. B. 0,5.',
      exempt: 'Bitte einen Betrag wie 100 oder 100,00 eingeben (0 ist möglich).',
      notice: 'Bitte eine ganze Zahl von 1 bis 28 eingeben.',
    },
  },
};
