import { asciiHostOf, describeLinkReason, formatCount, type EvidenceOf } from "@/lib/evidence";
import { DefangedUrl, EvidenceText } from "../evidence-text";

/** Each link defanged, never clickable, with why it is risky and how often it appeared. */
export function SuspiciousLinksEvidence({ item }: { item: EvidenceOf<"suspicious_links"> }) {
  return (
    <ul className="divide-y divide-line rounded-md border border-line">
      {item.links.map((link, i) => {
        const asciiHost = asciiHostOf(link.url);
        return (
          <li key={i} className="space-y-1 p-3">
            <DefangedUrl url={link.url} />
            <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
              <span className="font-semibold">{describeLinkReason(link.reason)}</span>
              {link.occurrences !== undefined ? (
                <span className="text-muted">
                  seen {formatCount(link.occurrences)} {link.occurrences === 1 ? "time" : "times"}
                </span>
              ) : null}
            </p>
            {link.detail ? (
              <p className="text-sm text-muted">
                <EvidenceText value={link.detail} />
              </p>
            ) : null}
            {link.listedOn ? (
              <p className="text-sm">
                Its domain is listed on <EvidenceText value={link.listedOn} />.
              </p>
            ) : null}
            {link.foundIn ? (
              <p className="text-sm text-muted">
                Found in the message “<EvidenceText value={link.foundIn} />”
              </p>
            ) : null}
            {asciiHost ? (
              <p className="text-sm text-muted">
                Real domain behind the look-alike characters: <code className="font-mono">{asciiHost}</code>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
