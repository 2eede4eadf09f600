import { useNotification } from "@refinedev/core";
import { Alert, Button, Input, Space } from "antd";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useT } from "@/i18n";
import { commentRecord } from "@/data/recordActions";
import { useRecordRefresh } from "../hooks/useRecordRefresh";
import { useErrorText } from "../shared/useErrorText";

/** A comment goes into the record's history; anyone who can read the record may add one. */
export function CommentBox({ recordId }: { recordId: string }) {
  const t = useT();
  const errorText = useErrorText();
  const refresh = useRecordRefresh();
  const { open } = useNotification();
  const [failure, setFailure] = useState<string | null>(null);
  const { control, handleSubmit, reset, watch, formState } = useForm<{ comment: string }>({ defaultValues: { comment: "" } });
  const empty = (watch("comment") ?? "").trim() === "";

  const submit = handleSubmit(async ({ comment }) => {
    setFailure(null);
    try {
      await commentRecord(recordId, comment.trim());
      reset({ comment: "" });
      open?.({ type: "success", message: t("records.show.commentSent") });
      await refresh();
    } catch (e) {
      setFailure(errorText(e));
    }
  });

  return (
    <form onSubmit={submit}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {failure && <Alert type="error" showIcon message={failure} />}
        <label htmlFor="record-comment">{t("records.show.commentLabel")}</label>
        <Controller
          name="comment"
          control={control}
          render={({ field }) => <Input.TextArea id="record-comment" rows={2} maxLength={1000} placeholder={t("records.show.commentPlaceholder")} {...field} />}
        />
        <Button htmlType="submit" disabled={empty} loading={formState.isSubmitting}>
          {t("records.show.commentSend")}
        </Button>
      </Space>
    </form>
  );
}
