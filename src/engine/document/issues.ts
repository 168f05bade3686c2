import type { Issue } from "../../cells/schema";

export type { Issue } from "../../cells/schema";

/** A refused document or edit: every problem found, each with its path. */
export class WorkbenchError extends Error {
  override name = "WorkbenchError";
  constructor(readonly issues: readonly Issue[]) {
    super(formatIssues(issues));
  }
}

export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** One line: the first problem, and how many more there are. */
export function formatIssues(issues: readonly Issue[]): string {
  if (issues.length === 0) return "no problems";
  const more = issues.length - 1;
  return formatIssue(issues[0]!) + (more > 0 ? ` (and ${more} more problem${more > 1 ? "s" : ""})` : "");
}
