import { Section, SubSection } from "@/components/ui/section";

const AXES = [
  {
    term: "Spam content",
    meaning: "What the messages contain: spam-rule matches, risky links, missing or forged headers, hidden text.",
  },
  {
    term: "Abuse signals",
    meaning:
      "How recipients react and where the list came from: complaints, unknown users, spam traps, floods to one address.",
  },
  { term: "Sending rate", meaning: "How fast mail is sent compared with the limit of your plan." },
];

/** How to avoid the next block, what the scores mean, and whom to ask. */
export function HelpSection({ prevention, complianceEmail }: { prevention: string[]; complianceEmail: string }) {
  return (
    <Section id="help" title="Avoiding the next block">
      <SubSection title="Good practice">
        <ul className="list-disc space-y-1.5 pl-5 text-sm">
          {prevention.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
      </SubSection>
      <SubSection title="What the three scores mean">
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          {AXES.map((axis) => (
            <div key={axis.term}>
              <dt className="font-semibold">{axis.term}</dt>
              <dd className="text-muted">{axis.meaning}</dd>
            </div>
          ))}
        </dl>
      </SubSection>
      <SubSection title="Questions">
        <p className="text-sm">
          Write to{" "}
          <a className="link" href={`mailto:${complianceEmail}`}>
            {complianceEmail}
          </a>
          . Quote the report number, never the whole link: the link works like a password.
        </p>
      </SubSection>
    </Section>
  );
}
