import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { useT } from "@/i18n";
import type { InvitationProblem as Problem } from "@/data/invitations";

/** Why a link cannot be used, in words the invitee can act on; never more than the link's own state. */
export function InvitationProblem({ problem }: { problem: Problem }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status={problem === "claimed" ? "info" : "warning"}
      title={t("join.problemTitle")}
      subTitle={t(`join.${problem}`)}
      extra={
        <Button type="primary" onClick={() => navigate("/login")}>
          {t("join.toLogin")}
        </Button>
      }
    />
  );
}
