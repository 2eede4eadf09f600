import { Alert, Button, List, Typography } from "antd";
import { useWorkflowLabels } from "./useWorkflowLabels";
import type { WorkflowProblem } from "./workflowProblems";
import type { Selection } from "./workflowTypes";

type Props = {
  problems: readonly WorkflowProblem[];
  /** opens the state or transition a problem is about */
  onSelect: (selection: Selection) => void;
};

/** 流程问题 above the diagram: each problem in words, a click away from what it is about. */
export function ProblemList({ problems, onSelect }: Props) {
  const { t, problemText } = useWorkflowLabels([]);
  if (problems.length === 0) return <Alert type="success" showIcon message={t("workflowDesigner.noProblems")} />;
  const errors = problems.filter((problem) => problem.severity === "error").length;
  return (
    <Alert
      type={errors > 0 ? "error" : "warning"}
      showIcon
      message={`${t("workflowDesigner.problems")}：${t("workflowDesigner.problemCount", { errors, warnings: problems.length - errors })}`}
      description={
        <List
          size="small"
          dataSource={[...problems]}
          renderItem={(problem) => (
            <List.Item style={{ padding: "2px 0" }}>
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "start" }}
                onClick={() => onSelect(problem.target)}
              >
                <Typography.Text type={problem.severity === "error" ? "danger" : "warning"}>{problemText(problem)}</Typography.Text>
              </Button>
            </List.Item>
          )}
        />
      }
    />
  );
}
