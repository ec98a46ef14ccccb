/** "Abuse signals: complaints rose to …": the axis in bold, the finding after it. */
export function ReasonSentence({ summary }: { summary: string }) {
  // Keep "0.30 %" together when the line wraps.
  const text = summary.replace(/ %/g, "\u00a0%");
  const colon = text.indexOf(": ");
  const [axis, finding] = colon > 0 ? [text.slice(0, colon), text.slice(colon + 2)] : ["", text];
  return (
    <p className="text-lg leading-snug">
      {axis ? <strong className="font-semibold">{axis}: </strong> : null}
      {finding.charAt(0).toUpperCase() + finding.slice(1)}
    </p>
  );
}
