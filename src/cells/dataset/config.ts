// Config of a dataset cell: where the table comes from.
import { object, oneOfKeys, string, type Infer, type Issue } from "../schema";
import { builtinNames, hasBuiltinDataset } from "./builtin";

export const datasetSchema = object({
  /** `{builtin: "sleepstudy"}` or `{csv: "a,b\n1,2"}` (CSV text stored in the file: data, never a URL). */
  source: oneOfKeys({
    builtin: string({ minLength: 1, maxLength: 100 }),
    csv: string({ maxLength: 20_000_000 }),
  }),
});

export type DatasetConfig = Infer<typeof datasetSchema>;

export const defaults: DatasetConfig = { source: { builtin: "sleepstudy" } };

export function checkDataset(config: DatasetConfig): Issue[] {
  if ("builtin" in config.source && !hasBuiltinDataset(config.source.builtin)) {
    return [{ path: "source.builtin", message: `no built-in dataset "${config.source.builtin}" (expected one of ${builtinNames.join(", ")})` }];
  }
  return [];
}
