import { Alert, Skeleton } from "antd";
import { useEffect, useState } from "react";
import { useT } from "@/i18n";

type QrState = { link: string; dataUrl?: string; failed?: boolean };

/**
 * The link as a QR code to show on a phone or print. `qrcode` (MIT, ~25 kB gzipped) is imported
 * here on demand, so only an administrator who opens an invitation link downloads it.
 */
export function InvitationQrCode({ link }: { link: string }) {
  const t = useT();
  const [state, setState] = useState<QrState>({ link });

  useEffect(() => {
    let current = true;
    import("qrcode")
      .then((qrcode) => qrcode.toDataURL(link, { margin: 1, width: 200, errorCorrectionLevel: "M" }))
      .then((dataUrl) => current && setState({ link, dataUrl }))
      .catch(() => current && setState({ link, failed: true }));
    return () => {
      current = false;
    };
  }, [link]);

  if (state.link !== link || (!state.dataUrl && !state.failed)) return <Skeleton.Image active style={{ width: 200, height: 200 }} />;
  if (state.failed) return <Alert type="warning" showIcon message={t("invitations.qrFailed")} />;
  return <img src={state.dataUrl} width={200} height={200} alt={t("invitations.qrAlt")} />;
}
