import { EvidenceText } from "@/components/report/evidence-text";

/**
 * Words a sender (or a reviewer) wrote, quoted: text only, wrapped, never linked; URLs
 * defanged and bidi controls and other invisible characters shown as markers (`⟨U+202E⟩`).
 */
export function Quote({ text }: { text: string }) {
  return (
    <blockquote className="border-l-4 border-line pl-3 whitespace-pre-line">
      <EvidenceText value={text} />
    </blockquote>
  );
}
