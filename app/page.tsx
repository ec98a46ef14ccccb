import { PageShell } from "@/components/ui/page-shell";
import { Section } from "@/components/ui/section";
import { env } from "@/lib/env";

export default function HomePage() {
  return (
    <PageShell relayName={env.RELAY_NAME} title="Block reports">
      <Section title="Find your report">
        <p>Paste the bounce message you received, or the link from it, to see why your mail was blocked.</p>
      </Section>
    </PageShell>
  );
}
