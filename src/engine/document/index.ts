export { CURRENT_VERSION, FORMAT, type CellDoc, type CellLayout, type LayoutDoc, type SheetDoc, type WorkbenchDoc } from "./types";
export { WorkbenchError, formatIssue, formatIssues, type Issue } from "./issues";
export { LIMITS, FORBIDDEN_KEYS } from "./limits";
export { checkJsonShape, parseWorkbenchText } from "./json-shape";
export { migrate, migrations, type Migration, type MigrateOptions, type RawDoc } from "./migrate";
export { validateWorkbench } from "./validate";
export { validateCell, checkConfig, checkInputArity, idProblem } from "./validate-cell";
