import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { deleteDecisionTemplateAction, saveDecisionTemplateAction } from "@/lib/actions/admin";
import { StaffShell } from "@/components/staff/staff-shell";
import { DeleteTemplateForm, TemplateForm } from "@/components/staff/template-form";
import { Section, SubSection } from "@/components/ui/section";
import { DECISION_LABELS, type AppealDecision } from "@/lib/appeals/decision-labels";
import { requireStaffPage } from "@/lib/auth/session";
import { listDecisionTemplates } from "@/lib/data/staff";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Decision templates" };

/** Admins keep the saved texts reviewers start their decisions from. */
export default async function DecisionTemplatesPage() {
  const staff = await requireStaffPage("/staff/templates");
  // Not an admin: as if the page did not exist (the navigation does not offer it either).
  if (staff.role !== "ADMIN") notFound();
  const templates = await listDecisionTemplates({ staffId: staff.id });
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={staff.name} current="templates" isAdmin>
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Decision templates</h1>
        <p className="text-muted">
          Saved texts for approving, declining or asking, per block reason. The decision form offers the ones that fit;
          the reviewer edits the text before sending it.
        </p>
      </div>
      <Section id="add-template" title="Add a template">
        <TemplateForm save={saveDecisionTemplateAction} />
      </Section>
      <Section id="templates" title={`Templates (${templates.length})`}>
        <DeleteTemplateForm remove={deleteDecisionTemplateAction} />
        {templates.length === 0 ? (
          <p className="text-sm text-muted">
            No templates yet. Add one above: the decision form then offers it on the blocks it fits.
          </p>
        ) : null}
        {templates.map((template) => (
          <SubSection
            key={template.id}
            id={`template-${template.id}`}
            title={template.title}
            meta={`${DECISION_LABELS[template.decision as AppealDecision]} · ${template.reason ? template.reason.toLowerCase() : "any reason"}`}
          >
            <TemplateForm
              save={saveDecisionTemplateAction}
              template={{ ...template, reason: template.reason ?? "ANY" }}
            />
          </SubSection>
        ))}
      </Section>
    </StaffShell>
  );
}
