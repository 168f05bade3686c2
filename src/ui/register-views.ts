// The one list of cell views the app registers; a new cell type with a view adds a line here.
import { ModelView } from "../cells/model/view";
import { ParameterView } from "../cells/parameter/view";
import { PlotView } from "../cells/plot/view";
import { SweepView } from "../cells/sweep/view";
import { hasCellView, registerCellView } from "./cell-views";
import { HtmlOutput } from "./components/HtmlOutput";
import { FoldedTablesOutput, TablesOutput } from "./components/TablesOutput";

export function registerBuiltinViews(): void {
  if (hasCellView("parameter")) return;
  registerCellView("parameter", ParameterView);
  registerCellView("dataset", TablesOutput);
  registerCellView("table", TablesOutput);
  registerCellView("plot", PlotView);
  registerCellView("equation", HtmlOutput);
  registerCellView("text", HtmlOutput);
  registerCellView("transform", TablesOutput);
  registerCellView("sweep", SweepView);
  registerCellView("model", ModelView);
  registerCellView("generator", FoldedTablesOutput);
}
