import { useInvalidateAuthStore, useNotification } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Divider, Space, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { forgetIdentity } from "@/data/identity";
import { PublicPageCard } from "@/components/PublicPageCard";
import { PageLoading } from "@/components/PageLoading";
import { useT } from "@/i18n";
import { forgetInvitationToken, invitationTokenFrom } from "@/lib/domain/invitationLink";
import { toHttpError, type AppHttpError } from "@/lib/supabase/errors";
import { claimInvitation, fetchInvitationPreview, type PendingInvitationPreview } from "@/data/invitations";
import { currentAccountLabel, signOutForAnotherAccount } from "@/data/joinAccount";
import { InvitationProblem } from "./InvitationProblem";
import { InvitationSummary } from "./InvitationSummary";
import { JoinAccountForms } from "./JoinAccountForms";

const tabStorage = typeof window === "undefined" ? undefined : window.sessionStorage;

/**
 * /join?token=…, public: works signed out (anon key only). Shows the invitation from
 * invitation_preview() — the newcomer may read no unit or role yet — then sign-up or sign-in,
 * then claim_invitation(), and lands on the home page with the new membership.
 */
export default function JoinPage() {
  const t = useT();
  const [params] = useSearchParams();
  const token = useMemo(() => invitationTokenFrom(params, tabStorage), [params]);
  const preview = useQuery({
    queryKey: ["invitation_preview", token],
    queryFn: () => fetchInvitationPreview(token!),
    enabled: token !== undefined,
    retry: false,
    gcTime: 0,
  });

  let body;
  if (token === undefined) body = <InvitationProblem problem="invalid" />;
  else if (preview.isPending) body = <PageLoading />;
  else if (preview.isError) body = <Alert type="error" showIcon message={t(toHttpError(preview.error).i18nKey)} />;
  else if (preview.data.status !== "pending") body = <InvitationProblem problem={preview.data.status} />;
  else body = <JoinStep token={token} preview={preview.data} />;

  return (
    <PublicPageCard title={t("join.title")} maxWidth={480}>
      {body}
    </PublicPageCard>
  );
}

function JoinStep({ token, preview }: { token: string; preview: PendingInvitationPreview }) {
  const t = useT();
  const navigate = useNavigate();
  const invalidateAuth = useInvalidateAuthStore();
  const { open } = useNotification();
  // undefined while reading the session; null when nobody is signed in in this tab.
  const [account, setAccount] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppHttpError | null>(null);
  const [confirmationNeeded, setConfirmationNeeded] = useState(false);

  useEffect(() => {
    void currentAccountLabel().then(setAccount);
  }, []);

  async function claim() {
    setFailure(null);
    await claimInvitation(token);
    forgetInvitationToken(tabStorage);
    forgetIdentity();
    await invalidateAuth();
    open?.({ type: "success", message: t("join.joined", { unit: preview.org_unit_name }), key: "join" });
    navigate("/", { replace: true });
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setFailure(toHttpError(e));
      setAccount(await currentAccountLabel());
    } finally {
      setBusy(false);
    }
  }

  const failureText = failure ? (failure.i18nKey === "errors.unknown" ? failure.message : t(failure.i18nKey)) : null;

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <InvitationSummary preview={preview} />
      <Divider style={{ margin: 0 }} />
      {failureText && <Alert type="error" showIcon message={failureText} />}
      {confirmationNeeded && <Alert type="info" showIcon message={t("join.confirmFirst")} />}
      {account === undefined ? (
        <PageLoading />
      ) : account !== null ? (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text>{t("join.signedInAs", { name: account })}</Typography.Text>
          <Button type="primary" size="large" block loading={busy} onClick={() => void run(claim)}>
            {t("join.accept")}
          </Button>
          <Button
            block
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await signOutForAnotherAccount();
                forgetIdentity();
                await invalidateAuth();
                setAccount(null);
              })
            }
          >
            {t("join.switchAccount")}
          </Button>
        </Space>
      ) : (
        <JoinAccountForms
          busy={busy}
          setBusy={setBusy}
          onSignedIn={async () => {
            try {
              await claim();
            } catch (e) {
              setFailure(toHttpError(e));
              setAccount(await currentAccountLabel());
            }
          }}
          onConfirmationNeeded={() => setConfirmationNeeded(true)}
          onFailure={(e) => setFailure(toHttpError(e))}
        />
      )}
    </Space>
  );
}
