/**
 * "Abuse signals: complaints rose to …": the axis in bold, the finding after it. The finding
 * quotes evidence (a rule's name, a link, a header) that can be one unbroken string, so it
 * may break anywhere rather than run out of the card on a phone.
 */
export function ReasonSentence({ summary }: { summary: string }) {
  // Keep "0.30 %" together when the line wraps.
  const text = summary.replace(/ %/g, "\u00a0%");
  const colon = text.indexOf(": ");
  const [axis, finding] = colon > 0 ? [text.slice(0, colon), text.slice(colon + 2)] : ["", text];
  return (
    <p className="text-lg leading-snug [overflow-wrap:anywhere]">
      {axis ? <strong className="font-semibold">{axis}: </strong> : null}
      {finding.charAt(0).toUpperCase() + finding.slice(1)}
    </p>
  );
}
