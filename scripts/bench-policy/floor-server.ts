// The benchmark's floor: the policy service's own server and protocol code answering DUNNO
// to every request, with no lookup and no database: what the policy service would cost if
// finding blocks were free. Started by scripts/bench-policy.ts with POLICY_PORT.
import { createPolicyServer } from "@/lib/policy/policy-server";

const floor = createPolicyServer({
  onError: "dunno",
  counter: null,
  decide: async () => ({ action: "DUNNO", block: null }),
});
floor.server.listen(Number(process.env.POLICY_PORT), "127.0.0.1", () =>
  console.log("[floor] ready on", process.env.POLICY_PORT),
);
process.on("SIGTERM", () => void floor.close().then(() => process.exit(0)));
